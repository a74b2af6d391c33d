/** An event type the platform can publish and a webhook can subscribe to. */
export interface EventTypeInfo {
  readonly name: string;
  readonly description: string;
  readonly group: string;
}

/** The event catalog, as documented on the platform's public webhooks page. */
export const EVENT_CATALOG: readonly EventTypeInfo[] = Object.freeze([
  { name: 'user.updated', description: 'A user’s profile was updated', group: 'Users' },
  { name: 'user.banned', description: 'A user was banned', group: 'Users' },
  { name: 'user.unbanned', description: 'A user’s ban was removed', group: 'Users' },
  { name: 'vtc.created', description: 'A new VTC was created', group: 'VTCs' },
  { name: 'vtc.member_joined', description: 'A user joined a VTC', group: 'VTCs' },
  { name: 'vtc.member_left', description: 'A user left a VTC', group: 'VTCs' },
  { name: 'vtc.updated', description: 'VTC details were updated', group: 'VTCs' },
  { name: 'event.created', description: 'A new event was published', group: 'Events' },
  { name: 'event.updated', description: 'An event was updated', group: 'Events' },
  { name: 'event.cancelled', description: 'An event was cancelled', group: 'Events' },
  { name: 'event.rsvp', description: 'A user RSVPed to an event', group: 'Events' },
  { name: 'ban.issued', description: 'A ban was issued', group: 'Moderation' },
  { name: 'ban.appealed', description: 'A ban appeal was filed', group: 'Moderation' },
  { name: 'ban.appeal_resolved', description: 'A ban appeal was resolved', group: 'Moderation' },
  {
    name: 'api.rate_limit_hit',
    description: 'One of your API tokens hit its rate limit',
    group: 'API (account-level)',
  },
  {
    name: 'api.token_revoked',
    description: 'An API token was revoked',
    group: 'API (account-level)',
  },
  { name: 'webhook.test', description: 'Manual test delivery from the console', group: 'Testing' },
]);

const NAMES = new Set(EVENT_CATALOG.map((t) => t.name));

/** The event type the service sends for "Send Test". */
export const TEST_EVENT_TYPE = 'webhook.test';

/** Whether `name` is an event type of the catalog. */
export function isCatalogEventType(name: string): boolean {
  return NAMES.has(name);
}
