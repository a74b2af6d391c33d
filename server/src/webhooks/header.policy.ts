import { AppError } from '../errors.js';
import { characterCount } from '../validation/rules.js';
import type { HeaderPair } from './webhook.entity.js';

/** Most custom headers one webhook may carry. */
export const MAX_HEADERS = 20;
const MAX_NAME_LENGTH = 256;
const MAX_VALUE_LENGTH = 2048;

/** RFC 9110 `token`: the characters a header name may use. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Visible ASCII, space and obs-text; control characters (CR, LF, NUL, TAB, DEL) are refused. */
const FIELD_VALUE = /^[\x20-\x7e\x80-\xff]*$/;

/** Headers the service sets itself or that belong to the connection, not to a webhook. */
const RESERVED = new Set([
  'content-type',
  'content-length',
  'host',
  'user-agent',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
  'expect',
  'te',
  'trailer',
  'proxy-connection',
]);

const SENSITIVE = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
]);
const SENSITIVE_PARTS = ['token', 'secret', 'password', 'auth', 'key'];

/** Shown instead of the value of a sensitive custom header. */
export const MASKED_VALUE = '********';

/**
 * Whether a header may carry a credential: its value is masked when a webhook is read back
 * and the header is left out of recorded delivery requests.
 */
export function isSensitiveHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return SENSITIVE.has(lower) || SENSITIVE_PARTS.some((part) => lower.includes(part));
}

/** Validates a webhook's custom headers; the error names the field and the broken rule. */
export function checkCustomHeaders(field: string, headers: readonly HeaderPair[]): HeaderPair[] {
  if (headers.length > MAX_HEADERS) {
    throw AppError.badInput(field, `at most ${MAX_HEADERS} headers are allowed`);
  }
  const seen = new Set<string>();
  return headers.map(({ name, value }, index) => {
    const at = `header ${index + 1}`;
    if (name.length === 0 || characterCount(name) > MAX_NAME_LENGTH) {
      throw AppError.badInput(field, `${at}: name must be 1–${MAX_NAME_LENGTH} characters`);
    }
    if (!TOKEN.test(name)) {
      throw AppError.badInput(field, `${at}: name "${name}" is not a valid HTTP header name`);
    }
    const lower = name.toLowerCase();
    if (RESERVED.has(lower) || lower.startsWith('x-trucklinemp-')) {
      throw AppError.badInput(
        field,
        `${at}: ${name} is set by the service and cannot be overridden`,
      );
    }
    if (seen.has(lower)) {
      throw AppError.badInput(field, `${at}: ${name} is given more than once`);
    }
    seen.add(lower);
    if (characterCount(value) > MAX_VALUE_LENGTH) {
      throw AppError.badInput(
        field,
        `${at}: value of ${name} must be at most ${MAX_VALUE_LENGTH} characters`,
      );
    }
    if (!FIELD_VALUE.test(value)) {
      throw AppError.badInput(field, `${at}: value of ${name} must not contain control characters`);
    }
    return { name, value };
  });
}
