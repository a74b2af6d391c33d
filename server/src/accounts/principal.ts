/** Who is calling: nobody, the platform backend, or a developer account's token. */
export type Principal =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'platform' }
  | { readonly kind: 'developer'; readonly accountId: string; readonly tokenId: string };

/** Reads the credential of an `Authorization: Bearer <credential>` header value. */
export function bearerCredential(header: string | undefined): string | null {
  if (header === undefined || header.trim() === '') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : '';
}
