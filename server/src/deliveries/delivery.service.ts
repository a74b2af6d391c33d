import type { MikroORM } from '@mikro-orm/postgresql';
import type PgBoss from 'pg-boss';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { named, type Database } from '../db/database.js';
import { isUuid, type PageRequest } from '../graphql/connection.js';
import { Event } from '../events/event.entity.js';
import { Delivery, type DeliveryStatus } from './delivery.entity.js';
import { DeliveryAttempt } from './delivery-attempt.entity.js';
import { ENQUEUE_GRACE, enqueueDeliveries } from './delivery.queue.js';

/** Narrows a history query; every field is optional. */
export interface DeliveryFilter {
  webhookId?: string | null;
  status?: DeliveryStatus | null;
  eventType?: string | null;
  eventId?: string | null;
}

const DELIVERY_COLUMNS = `id, event_id, webhook_id, account_id, event_type, status, attempt_count,
  next_attempt_at, created_at, completed_at`;

interface DeliveryRow {
  id: string;
  event_id: string;
  webhook_id: string;
  account_id: string;
  event_type: string;
  status: DeliveryStatus;
  attempt_count: number;
  next_attempt_at: Date | null;
  created_at: Date;
  completed_at: Date | null;
}

function toDelivery(row: DeliveryRow): Delivery {
  return {
    id: row.id,
    eventId: row.event_id,
    webhookId: row.webhook_id,
    accountId: row.account_id,
    eventType: row.event_type,
    status: row.status,
    attemptCount: row.attempt_count,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
    completedAt: row.completed_at,
  };
}

/** Delivery history of developer accounts, and the "retry now" action. */
export class DeliveryService {
  constructor(
    private readonly orm: MikroORM,
    private readonly db: Database,
    private readonly boss: PgBoss,
    private readonly log: Logger,
    private readonly onWork: () => void = () => undefined,
  ) {}

  /**
   * A page of the account's deliveries, newest first. Keyset pagination on the UUIDv7 id:
   * every filter combination is served by an index that ends in `id desc`.
   */
  async list(accountId: string, filter: DeliveryFilter, page: PageRequest): Promise<Delivery[]> {
    // Plain SQL: this is the page the console loads most, and hydrating entities through the
    // ORM cost more than the query itself.
    const conditions = ['account_id = $1'];
    const values: unknown[] = [accountId];
    const names: string[] = [];
    const add = (name: string, column: string, value: unknown) => {
      values.push(value);
      conditions.push(`${column} = $${values.length}`);
      names.push(name);
    };
    for (const [key, column] of [
      ['webhookId', 'webhook_id'],
      ['eventId', 'event_id'],
    ] as const) {
      const value = filter[key];
      if (value !== null && value !== undefined) {
        if (!isUuid(value)) return [];
        add(key, column, value);
      }
    }
    if (filter.status) add('status', 'status', filter.status);
    if (filter.eventType) add('eventType', 'event_type', filter.eventType);
    if (page.afterId) {
      values.push(page.afterId);
      conditions.push(`id < $${values.length}`);
      names.push('after');
    }
    values.push(page.limit + 1);
    const result = await this.db.query<DeliveryRow>(
      named(
        `deliveries.list(${names.join(',')})`,
        `select ${DELIVERY_COLUMNS} from deliveries where ${conditions.join(' and ')}
         order by id desc limit $${values.length}`,
        values,
      ),
    );
    return result.rows.map(toDelivery);
  }

  /** One delivery of the account, or null. */
  async get(accountId: string, id: string): Promise<Delivery | null> {
    if (!isUuid(id)) return null;
    return this.orm.em.fork().findOne(Delivery, { id, accountId });
  }

  /** Deliveries by id, for batched loading; callers check ownership. */
  async getMany(ids: readonly string[]): Promise<Delivery[]> {
    return this.orm.em.fork().find(Delivery, { id: { $in: [...ids] } });
  }

  /** Attempts of several deliveries, oldest first. */
  async attemptsOf(deliveryIds: readonly string[]): Promise<DeliveryAttempt[]> {
    return this.orm.em
      .fork()
      .find(
        DeliveryAttempt,
        { deliveryId: { $in: [...deliveryIds] } },
        { orderBy: { number: 'asc', startedAt: 'asc' } },
      );
  }

  /** Events by id, for batched loading. */
  async eventsOf(eventIds: readonly string[]): Promise<Event[]> {
    return this.orm.em.fork().find(Event, { id: { $in: [...eventIds] } });
  }

  /**
   * Asks for one extra attempt now, whatever the status. The delivery is PENDING until that
   * attempt ends. If it fails, an automatic retry that was scheduled still happens;
   * otherwise the delivery ends FAILED. An attempt already in flight finishes first.
   */
  async retry(accountId: string, id: string): Promise<Delivery> {
    if (!isUuid(id)) throw AppError.notFound('Delivery', id);
    const found = await this.db.transaction(async (client) => {
      const updated = await client.query<{ id: string }>(
        `update deliveries set
           manual_requested = true,
           resume_at = case when status in ('PENDING', 'RETRYING') and not lease_manual
             then coalesce(next_attempt_at, now()) else resume_at end,
           status = 'PENDING',
           next_attempt_at = now(),
           completed_at = null,
           enqueued_until = now() + ${ENQUEUE_GRACE}
         where id = $1 and account_id = $2
         returning id`,
        [id, accountId],
      );
      if (updated.rowCount === 0) return false;
      await enqueueDeliveries(this.boss, client, [id]);
      return true;
    });
    if (!found) throw AppError.notFound('Delivery', id);
    this.log.info({ accountId, deliveryId: id }, 'delivery retry requested');
    this.onWork();
    const delivery = await this.get(accountId, id);
    if (!delivery) throw AppError.notFound('Delivery', id);
    return delivery;
  }
}
