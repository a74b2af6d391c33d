/**
 * Every event type of the TrucklineMP webhooks catalog, in catalog order. A webhook can only
 * subscribe to these; `webhook.test` is what "Send Test" delivers.
 */
export const EVENT_TYPE_NAMES = [
  'user.updated',
  'user.banned',
  'user.unbanned',
  'vtc.created',
  'vtc.member_joined',
  'vtc.member_left',
  'vtc.updated',
  'event.created',
  'event.updated',
  'event.cancelled',
  'event.rsvp',
  'ban.issued',
  'ban.appealed',
  'ban.appeal_resolved',
  'api.rate_limit_hit',
  'api.token_revoked',
  'webhook.test',
] as const;

/** The name of a catalog event type, e.g. `'vtc.member_joined'`. */
export type EventTypeName = (typeof EVENT_TYPE_NAMES)[number];

const NAMES: ReadonlySet<string> = new Set(EVENT_TYPE_NAMES);

/** Whether `name` is an event type of the catalog this client version knows. */
export function isEventTypeName(name: string): name is EventTypeName {
  return NAMES.has(name);
}
