/**
 * The body of every delivery of an event: keys in the documented order, no extra keys.
 * Built once at publish time; the same bytes go to every endpoint on every attempt.
 */
export function buildPayload(
  type: string,
  eventId: string,
  publishedAt: Date,
  data: unknown,
): string {
  return (
    `{"event":${JSON.stringify(type)},"event_id":${JSON.stringify(eventId)},` +
    `"timestamp":${JSON.stringify(publishedAt.toISOString())},"data":${JSON.stringify(data)}}`
  );
}

/** Largest body an event may have, in bytes. */
export const MAX_PAYLOAD_BYTES = 256 * 1024;
