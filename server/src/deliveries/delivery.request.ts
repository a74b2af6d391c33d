import { signPayload } from '../signing/signature.js';
import { USER_AGENT } from '../version.js';
import { isSensitiveHeader } from '../webhooks/header.policy.js';
import type { HeaderPair } from '../webhooks/webhook.entity.js';

/** The headers of one delivery attempt, and the same list as it is recorded. */
export interface PreparedHeaders {
  readonly headers: Record<string, string>;
  /** What the attempt records: every header except sensitive custom ones. */
  readonly recorded: HeaderPair[];
}

/**
 * The request headers of a delivery (SPEC §1): the service's own headers first, then the
 * webhook's custom ones. Validation at save time keeps custom headers from overriding ours.
 */
export function prepareHeaders(
  eventType: string,
  eventId: string,
  payload: string,
  secret: string,
  custom: readonly HeaderPair[],
): PreparedHeaders {
  const own: HeaderPair[] = [
    { name: 'Content-Type', value: 'application/json' },
    { name: 'X-TrucklineMP-Signature', value: signPayload(secret, payload) },
    { name: 'X-TrucklineMP-Event', value: eventType },
    { name: 'X-TrucklineMP-Delivery', value: eventId },
    { name: 'User-Agent', value: USER_AGENT },
  ];
  const headers: Record<string, string> = {};
  const recorded: HeaderPair[] = [];
  for (const header of [...own, ...custom]) {
    headers[header.name] = header.value;
    if (!isSensitiveHeader(header.name)) recorded.push(header);
  }
  return { headers, recorded };
}
