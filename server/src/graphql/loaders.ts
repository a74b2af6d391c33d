import DataLoader from 'dataloader';
import type { Services } from '../services.js';
import type { Webhook } from '../webhooks/webhook.entity.js';
import type { WebhookSubscription } from '../webhooks/webhook-subscription.entity.js';
import type { Event } from '../events/event.entity.js';
import type { DeliveryAttempt } from '../deliveries/delivery-attempt.entity.js';

/** Per-request batch loaders: one query per kind of thing per request, not per object. */
export interface Loaders {
  readonly webhook: DataLoader<string, Webhook | null>;
  readonly subscriptions: DataLoader<string, WebhookSubscription[]>;
  readonly event: DataLoader<string, Event | null>;
  readonly attempts: DataLoader<string, DeliveryAttempt[]>;
}

function byId<T extends { id: string }>(keys: readonly string[], rows: T[]): (T | null)[] {
  const map = new Map(rows.map((r) => [r.id, r]));
  return keys.map((k) => map.get(k) ?? null);
}

function grouped<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const map = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) map.get(keyOf(row))?.push(row);
  return keys.map((k) => map.get(k) ?? []);
}

/** Creates the loaders of one request. */
export function createLoaders(services: Services): Loaders {
  return {
    webhook: new DataLoader(async (ids) => byId(ids, await services.webhooks.getMany(ids))),
    subscriptions: new DataLoader(async (ids) =>
      grouped(ids, await services.webhooks.subscriptionsOf(ids), (s) => s.webhookId),
    ),
    event: new DataLoader(async (ids) => byId(ids, await services.deliveries.eventsOf(ids))),
    attempts: new DataLoader(async (ids) =>
      grouped(ids, await services.deliveries.attemptsOf(ids), (a) => a.deliveryId),
    ),
  };
}
