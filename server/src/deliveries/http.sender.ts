import type { LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { Agent, request } from 'undici';
import { AppError } from '../errors.js';
import { checkWebhookUrl, type DestinationPolicy } from '../webhooks/destination.policy.js';
import { BlockedDestinationError, createGuardedConnector } from './connection.guard.js';

/** How one attempt ended, as recorded and as the retry decision reads it. */
export type AttemptOutcome =
  'SUCCESS' | 'HTTP_ERROR' | 'REDIRECT' | 'TIMEOUT' | 'NETWORK_ERROR' | 'BLOCKED_DESTINATION';

/** One delivery request: always a `POST` of `body` with exactly `headers`. */
export interface OutgoingRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Limit for the whole exchange: connect, response headers and body read. */
  timeoutMs: number;
}

/** What happened to one request; `HttpSender.send` always returns one, it never throws. */
export interface SendResult {
  outcome: AttemptOutcome;
  startedAt: Date;
  durationMs: number;
  /** Null when no response arrived. */
  responseStatus: number | null;
  /** Names lowercased; a repeated header is one entry with its values joined by `, `. */
  responseHeaders: Array<{ name: string; value: string }>;
  /** The first `maxResponseBodyBytes` bytes decoded as UTF-8; null when no response arrived. */
  responseBody: string | null;
  /** Human-readable reason; null for `SUCCESS` and `HTTP_ERROR`. Never holds header values. */
  error: string | null;
}

/** Options of an {@link HttpSender}. */
export interface HttpSenderOptions {
  /** Which destinations may be connected to; checked again on every connection. */
  policy: DestinationPolicy;
  /** A `dns.lookup`-compatible resolver (tests inject one); defaults to `dns.lookup`. */
  lookup?: LookupFunction;
  /** How much of a response body is read and kept; the rest is not read. Default 4096. */
  maxResponseBodyBytes?: number;
  /** Keep-alive connections kept per origin at most. Default 64. */
  connectionsPerOrigin?: number;
}

const DEFAULT_MAX_RESPONSE_BODY_BYTES = 4096;
const DEFAULT_CONNECTIONS_PER_ORIGIN = 64;
const MAX_LOCATION_LENGTH = 300;
// Node turns a longer timer delay into 1 ms (TimeoutOverflowWarning).
const MAX_TIMER_MS = 2 ** 31 - 1;

const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

const NETWORK_ERROR_PHRASES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the server',
  EPIPE: 'connection closed while sending',
  ENOTFOUND: 'host name does not resolve',
  EAI_AGAIN: 'host name lookup failed temporarily',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_SOCKET: 'connection closed by the server',
  UND_ERR_CLOSED: 'the sender is closed',
  UND_ERR_DESTROYED: 'the sender is closed',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'response body length does not match content-length',
  UND_ERR_INVALID_ARG: 'invalid request',
};

/** What arrived of a response before it ended or failed. */
interface PartialResponse {
  status: number | null;
  headers: Array<{ name: string; value: string }>;
  chunks: Buffer[];
  truncated: boolean;
}

/**
 * Sends delivery requests over one shared keep-alive connection pool. Redirects are never
 * followed, and unless the policy allows private destinations every connection is checked
 * where it is made: IP literals, each resolved address, and the address actually connected
 * to, so DNS rebinding cannot reach a refused address.
 */
export class HttpSender {
  private readonly agent: Agent;
  private readonly policy: DestinationPolicy;
  private readonly maxBodyBytes: number;

  constructor(options: HttpSenderOptions) {
    this.policy = options.policy;
    this.maxBodyBytes = options.maxResponseBodyBytes ?? DEFAULT_MAX_RESPONSE_BODY_BYTES;
    // No redirect interceptor is composed, so undici 7 never follows a redirect.
    this.agent = new Agent({
      connections: options.connectionsPerOrigin ?? DEFAULT_CONNECTIONS_PER_ORIGIN,
      pipelining: 1,
      connect: createGuardedConnector(options.policy, options.lookup),
    });
  }

  /** Sends one request and describes how it went. Never throws. */
  async send(req: OutgoingRequest): Promise<SendResult> {
    const startedAt = new Date();
    const started = performance.now();
    const partial: PartialResponse = { status: null, headers: [], chunks: [], truncated: false };
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), clampTimer(req.timeoutMs));

    let outcome: AttemptOutcome;
    let error: string | null;
    try {
      await this.checkUrl(req.url);
      await this.exchange(req, controller.signal, partial);
      ({ outcome, error } = classifyResponse(partial));
    } catch (err: unknown) {
      // Converted into the result: the caller records it and decides about a retry.
      ({ outcome, error } = controller.signal.aborted
        ? { outcome: 'TIMEOUT', error: `no complete response within ${req.timeoutMs} ms` }
        : classifyError(err));
    } finally {
      clearTimeout(timer);
    }

    return {
      outcome,
      startedAt,
      durationMs: Math.round(performance.now() - started),
      responseStatus: partial.status,
      responseHeaders: partial.headers,
      responseBody: partial.status === null ? null : decodeBody(partial),
      error,
    };
  }

  /** Closes the pooled connections once in-flight requests have finished. */
  async close(): Promise<void> {
    await this.agent.close();
  }

  /** Applies the create-time scheme, user-info and port rules (addresses are checked later). */
  private async checkUrl(url: string): Promise<void> {
    try {
      await checkWebhookUrl(url, 'url', { allowPrivate: true, allowHttp: this.policy.allowHttp });
    } catch (err: unknown) {
      if (err instanceof AppError) {
        throw new BlockedDestinationError(err.message);
      }
      throw err;
    }
  }

  private async exchange(
    req: OutgoingRequest,
    signal: AbortSignal,
    partial: PartialResponse,
  ): Promise<void> {
    const res = await request(req.url, {
      dispatcher: this.agent,
      method: 'POST',
      headers: req.headers,
      body: req.body,
      signal,
    });
    partial.status = res.statusCode;
    partial.headers = flattenHeaders(res.headers);
    await readCapped(res.body, this.maxBodyBytes, partial);
  }
}

function clampTimer(ms: number): number {
  return Number.isFinite(ms) ? Math.min(Math.max(Math.round(ms), 1), MAX_TIMER_MS) : MAX_TIMER_MS;
}

function flattenHeaders(
  headers: Record<string, string | string[] | undefined>,
): Array<{ name: string; value: string }> {
  const flat: Array<{ name: string; value: string }> = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) {
      flat.push({
        name: name.toLowerCase(),
        value: Array.isArray(value) ? value.join(', ') : value,
      });
    }
  }
  return flat;
}

/**
 * Reads the body until `maxBytes` are kept, then stops reading: leaving the loop destroys the
 * stream, which closes that connection instead of downloading the rest.
 */
async function readCapped(
  body: Readable,
  maxBytes: number,
  partial: PartialResponse,
): Promise<void> {
  let kept = 0;
  for await (const chunk of body) {
    const bytes = chunk as Buffer;
    if (kept + bytes.length > maxBytes) {
      partial.chunks.push(bytes.subarray(0, maxBytes - kept));
      partial.truncated = true;
      break;
    }
    partial.chunks.push(bytes);
    kept += bytes.length;
  }
}

function decodeBody(partial: PartialResponse): string {
  // A cut may split a multi-byte character; `write` keeps such a tail back instead of
  // turning it into U+FFFD.
  const decoder = new StringDecoder('utf8');
  const text = decoder.write(Buffer.concat(partial.chunks));
  return partial.truncated ? text : text + decoder.end();
}

function classifyResponse(partial: PartialResponse): {
  outcome: AttemptOutcome;
  error: string | null;
} {
  const status = partial.status ?? 0;
  if (status >= 200 && status < 300) {
    return { outcome: 'SUCCESS', error: null };
  }
  if (status >= 300 && status < 400) {
    return { outcome: 'REDIRECT', error: describeRedirect(status, partial.headers) };
  }
  return { outcome: 'HTTP_ERROR', error: null };
}

function describeRedirect(status: number, headers: Array<{ name: string; value: string }>): string {
  const location = headers.find((header) => header.name === 'location')?.value;
  if (location === undefined) {
    return `redirect (${status}) without a location not followed`;
  }
  // The location is the one header value worth showing; keep it printable and short.
  // eslint-disable-next-line no-control-regex
  const printable = location.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, MAX_LOCATION_LENGTH);
  return `redirect (${status}) to ${printable} not followed`;
}

function classifyError(err: unknown): { outcome: AttemptOutcome; error: string } {
  const blocked = findBlocked(err);
  if (blocked !== null) {
    return { outcome: 'BLOCKED_DESTINATION', error: blocked.message };
  }

  const cause = firstCause(err);
  const code = errorCode(cause);
  if (code !== null && TIMEOUT_CODES.has(code)) {
    return { outcome: 'TIMEOUT', error: `timed out (${code})` };
  }
  return { outcome: 'NETWORK_ERROR', error: describeNetworkError(cause, code) };
}

function findBlocked(err: unknown): BlockedDestinationError | null {
  for (let current = err, depth = 0; current instanceof Error && depth < 5; depth++) {
    if (current instanceof BlockedDestinationError) {
      return current;
    }
    current = current.cause;
  }
  return null;
}

/** The error worth describing: Node's address auto-selection wraps failures in an
 * AggregateError. */
function firstCause(err: unknown): unknown {
  if (err instanceof AggregateError && err.errors.length > 0) {
    return err.errors[0];
  }
  return err;
}

function errorCode(err: unknown): string | null {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string') {
    return err.code;
  }
  return null;
}

function describeNetworkError(err: unknown, code: string | null): string {
  const phrase = code === null ? undefined : NETWORK_ERROR_PHRASES[code];
  if (phrase !== undefined) {
    return `${phrase} (${code})`;
  }
  const message = err instanceof Error && err.message !== '' ? err.message : String(err);
  if (code !== null && isTlsErrorCode(code)) {
    return `TLS error: ${message} (${code})`;
  }
  if (code !== null && code.startsWith('HPE_')) {
    return `invalid HTTP response: ${message} (${code})`;
  }
  return code === null ? message : `${message} (${code})`;
}

function isTlsErrorCode(code: string): boolean {
  return (
    code.startsWith('ERR_TLS_') ||
    code.startsWith('ERR_SSL_') ||
    code.startsWith('CERT_') ||
    code.startsWith('UNABLE_TO_') ||
    code.includes('SELF_SIGNED')
  );
}
