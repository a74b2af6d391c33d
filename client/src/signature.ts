import { createHmac, timingSafeEqual } from 'node:crypto';

const PREFIX = 'sha256=';

/**
 * The `X-TrucklineMP-Signature` value for a body: `sha256=` + the lowercase hex HMAC-SHA256 of
 * the raw body bytes, keyed with the webhook secret's UTF-8 bytes (its `whsec_` prefix included).
 * Useful to sign fixtures when testing a receiver.
 */
export function computeSignature(rawBody: string | Uint8Array, secret: string): string {
  return PREFIX + createHmac('sha256', secret).update(rawBody).digest('hex');
}

/**
 * Whether `signatureHeader` is the signature of `rawBody` under `secret`, compared in constant
 * time. Pass the body exactly as received (before any JSON parsing). Answers as the function on
 * the platform's public webhooks page does, except that a header with non-ASCII characters is
 * `false` instead of an exception.
 */
export function verifySignature(
  rawBody: string | Uint8Array,
  signatureHeader: string | null | undefined,
  secret: string,
): boolean {
  const expected = computeSignature(rawBody, secret);
  if (!signatureHeader || signatureHeader.length !== expected.length) return false;

  // Equal string lengths can still differ in UTF-8 byte length; timingSafeEqual would throw.
  const given = Buffer.from(signatureHeader, 'utf8');
  const wanted = Buffer.from(expected, 'utf8');
  if (given.length !== wanted.length) return false;

  return timingSafeEqual(given, wanted);
}
