import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const TOKEN_PREFIX = 'tlmp_';
const SHOWN_PREFIX_LENGTH = 12;

/** A new developer token, with what is stored about it. */
export interface IssuedToken {
  readonly token: string;
  readonly prefix: string;
  readonly hash: string;
}

/** Generates a developer API token: `tlmp_` and 32 random bytes in base64url. */
export function issueToken(): IssuedToken {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return { token, prefix: token.slice(0, SHOWN_PREFIX_LENGTH), hash: hashToken(token) };
}

/** The stored form of a token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Compares two credentials in constant time (over their hashes, so lengths may differ). */
export function credentialsEqual(a: string, b: string): boolean {
  return timingSafeEqual(
    createHash('sha256').update(a).digest(),
    createHash('sha256').update(b).digest(),
  );
}
