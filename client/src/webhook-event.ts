import { isEventTypeName, type EventTypeName } from './event-types.js';
import { verifySignature } from './signature.js';

/** The name of the header that carries a delivery's signature. */
export const SIGNATURE_HEADER = 'X-TrucklineMP-Signature';

/** A verified delivery body, exactly as the service sent it. */
export interface WebhookEvent {
  /** The event type, e.g. `'vtc.member_joined'`. */
  event: EventTypeName;
  /** The event's UUID: the same on every retry and every endpoint. Dedupe on it. */
  event_id: string;
  /** When the event was published, ISO-8601 UTC with milliseconds. */
  timestamp: string;
  /** The event-specific object; ignore fields you do not know. */
  data: Record<string, unknown>;
}

/** Why {@link parseWebhook} refused a request. */
export type WebhookVerificationFailure =
  /** No `X-TrucklineMP-Signature` header, or an empty one. */
  | 'missing_signature'
  /** The signature does not match the body and the secret. */
  | 'bad_signature'
  /** The body is not UTF-8 JSON with `event`, `event_id`, `timestamp` and an object `data`. */
  | 'malformed_body'
  /** A correctly signed event whose type this client version does not know: upgrade it. */
  | 'unknown_event';

/** Thrown by {@link parseWebhook} when a request is not a valid delivery; answer it with 4xx. */
export class WebhookVerificationError extends Error {
  /** What was wrong with the request. */
  readonly reason: WebhookVerificationFailure;

  /** Creates the error for `reason`, with a human-readable `message` and an optional `cause`. */
  constructor(reason: WebhookVerificationFailure, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'WebhookVerificationError';
    this.reason = reason;
  }
}

/** Anything with a WHATWG `Headers`-style `get`, such as `Request.headers` in fetch handlers. */
export interface HeadersLike {
  /** The header's value (repeated values joined by `, `), or `null` when absent. */
  get(name: string): string | null;
}

/** Request headers: a WHATWG `Headers`, or a plain object such as Node's `req.headers`. */
export type WebhookHeaders =
  HeadersLike | Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * Verifies and parses one delivery: checks `X-TrucklineMP-Signature` (any header case) against
 * the raw body and `secret`, then parses the body. Pass the raw body exactly as received.
 *
 * @throws {WebhookVerificationError} with `reason` `missing_signature`, `bad_signature`,
 *   `malformed_body` or `unknown_event`.
 */
export function parseWebhook(
  rawBody: string | Uint8Array,
  headers: WebhookHeaders,
  secret: string,
): WebhookEvent {
  const signatures = readHeader(headers, SIGNATURE_HEADER).filter((value) => value !== '');
  if (signatures.length === 0) {
    throw new WebhookVerificationError(
      'missing_signature',
      `The request has no ${SIGNATURE_HEADER} header.`,
    );
  }
  if (!signatures.some((signature) => verifySignature(rawBody, signature, secret))) {
    throw new WebhookVerificationError(
      'bad_signature',
      `The ${SIGNATURE_HEADER} header does not match the body and the secret.`,
    );
  }

  return parseEventBody(rawBody);
}

function parseEventBody(rawBody: string | Uint8Array): WebhookEvent {
  let body: unknown;
  try {
    const text = typeof rawBody === 'string' ? rawBody : UTF8.decode(rawBody);
    body = JSON.parse(text);
  } catch (err: unknown) {
    throw new WebhookVerificationError('malformed_body', 'The body is not UTF-8 JSON.', err);
  }

  if (!isRecord(body)) throw malformed('the body is not a JSON object');
  const { event, event_id: eventId, timestamp, data } = body;
  if (typeof event !== 'string') throw malformed('"event" is not a string');
  if (typeof eventId !== 'string') throw malformed('"event_id" is not a string');
  if (typeof timestamp !== 'string') throw malformed('"timestamp" is not a string');
  if (!isRecord(data)) throw malformed('"data" is not a JSON object');
  if (!isEventTypeName(event)) {
    throw new WebhookVerificationError(
      'unknown_event',
      `The event type "${event}" is not in this client's catalog; upgrade the client.`,
    );
  }

  return { event, event_id: eventId, timestamp, data };
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function malformed(problem: string): WebhookVerificationError {
  return new WebhookVerificationError('malformed_body', `The body is malformed: ${problem}.`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every value of header `name` (matched case-insensitively) in `headers`. */
function readHeader(headers: WebhookHeaders, name: string): string[] {
  if (isHeadersLike(headers)) {
    const value = headers.get(name);
    return value === null ? [] : [value];
  }

  const wanted = name.toLowerCase();
  const values: string[] = [];
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    if (typeof value === 'string') values.push(value);
    else values.push(...value);
  }
  return values;
}

function isHeadersLike(headers: WebhookHeaders): headers is HeadersLike {
  // A plain header object holds strings or arrays, never a function named `get`.
  return typeof (headers as Partial<HeadersLike>).get === 'function';
}
