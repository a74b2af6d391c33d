import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { Logger } from '../logger.js';
import { Account } from '../accounts/account.entity.js';
import { ApiToken } from '../accounts/api-token.entity.js';
import { Webhook } from '../webhooks/webhook.entity.js';
import { WebhookSubscription } from '../webhooks/webhook-subscription.entity.js';
import { Event } from '../events/event.entity.js';
import { Delivery } from '../deliveries/delivery.entity.js';
import { DeliveryAttempt } from '../deliveries/delivery-attempt.entity.js';
import { InitialSchema } from './migrations/initial.migration.js';
import { DeliveryFillfactor } from './migrations/delivery-fillfactor.migration.js';
import { DeliveryWriteCost } from './migrations/delivery-write-cost.migration.js';

/** Every entity; listed explicitly so discovery does not depend on file globs. */
export const ENTITIES = [
  Account,
  ApiToken,
  Webhook,
  WebhookSubscription,
  Event,
  Delivery,
  DeliveryAttempt,
];

/** Migrations in the order they apply. Add new ones at the end; never edit a shipped one. */
export const MIGRATIONS = [
  { name: '2026-12-03-initial-schema', class: InitialSchema },
  { name: '2026-12-03-delivery-fillfactor', class: DeliveryFillfactor },
  { name: '2026-12-03-delivery-write-cost', class: DeliveryWriteCost },
];

/** The ORM configuration for a database URL. */
export function ormConfig(url: string, log: Logger): Options {
  return defineConfig({
    clientUrl: url,
    entities: ENTITIES,
    extensions: [Migrator],
    migrations: { migrationsList: MIGRATIONS, transactional: true, allOrNothing: true },
    forceUtcTimezone: true,
    pool: { min: 0, max: 10 },
    logger: (message) => log.debug({ component: 'orm' }, message),
    debug: log.isLevelEnabled('debug') ? ['query'] : false,
  });
}
