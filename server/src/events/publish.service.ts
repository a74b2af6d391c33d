import type PgBoss from 'pg-boss';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { named, type Database, type Queryable } from '../db/database.js';
import { isUuid } from '../graphql/connection.js';
import { ENQUEUE_GRACE, enqueueDeliveries, WAKE_CHANNEL } from '../deliveries/delivery.queue.js';
import { isCatalogEventType, TEST_EVENT_TYPE } from './catalog.js';
import { buildPayload, MAX_PAYLOAD_BYTES } from './event.payload.js';
import type { Event } from './event.entity.js';
import type { Reservation } from '../deliveries/dispatcher.js';

/** An event as the platform asks to publish it. */
export interface PublishRequest {
  type: string;
  data: unknown;
  accountIds?: string[] | null;
  eventId?: string | null;
}

/** The event that was stored (or found) and how many deliveries it fanned out to. */
export interface Published {
  event: Event;
  deliveryCount: number;
}

interface EventRow {
  id: string;
  type: string;
  published_at: Date;
  data: Record<string, unknown>;
  payload: string;
  account_ids: string[] | null;
  delivery_count: number;
  created_at: Date;
}

const EVENT_COLUMNS =
  'id, type, published_at, data, payload, account_ids, delivery_count, created_at';

/** The delivery worker of this process, when it runs one. */
export interface LocalWorker {
  /** New work was committed: look for it now. */
  wake(): void;
  /** Room for `count` deliveries handed over directly after commit, or null when busy. */
  reserve(count: number): Reservation | null;
}

/**
 * Publishing: stores the event, creates one delivery per enabled subscribed webhook in the
 * audience, and enqueues their dispatch jobs, all in one transaction. When this process runs a
 * worker with room for them, the deliveries go straight to it after commit instead of through
 * the job queue, which saves the queue's round trips on the way to the first attempt; if the
 * process dies before sending them, the sweep enqueues them once their grace has passed, as it
 * does for a job whose worker died.
 */
export class PublishService {
  constructor(
    private readonly db: Database,
    private readonly boss: PgBoss,
    private readonly log: Logger,
    private readonly worker: LocalWorker | undefined = undefined,
  ) {}

  /** Publishes an event; a known `eventId` returns the original event instead. */
  async publish(request: PublishRequest): Promise<Published> {
    const { type, data, accountIds } = checkRequest(request);
    const eventId = request.eventId ?? uuidv7();
    const publishedAt = new Date();
    const payload = buildPayload(type, eventId, publishedAt, data);
    if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) {
      throw AppError.badInput(
        'input.data',
        `the event body must be at most ${MAX_PAYLOAD_BYTES} bytes`,
      );
    }

    let reservation = null as Reservation | null;
    const result = await this.db
      .transaction(async (client) => {
        // Planned for each call, not prepared: a generic plan cannot tell a type with ten
        // subscribers from one with ten thousand, and chose a scan of every webhook for both.
        const targets = await client.query<{ id: string; account_id: string }>(
          `select w.id, w.account_id from webhook_subscriptions s
         join webhooks w on w.id = s.webhook_id
         where s.event_type = $1 and w.enabled
           and ($2::uuid[] is null or w.account_id = any($2::uuid[]))
         order by w.id`,
          [type, accountIds],
        );
        // One statement stores the event and its deliveries and, for deliveries left to the job
        // queue, the workers' wake-up (sent at commit); an event id seen before inserts nothing.
        const ids = targets.rows.map(() => uuidv7());
        reservation = ids.length > 0 ? (this.worker?.reserve(ids.length) ?? null) : null;
        const inserted = await client.query<EventRow>(
          named(
            'publish.event',
            `with e as (
             insert into events (${EVENT_COLUMNS})
             values ($1, $2, $3, $4, $5, $6, $7::int, now())
             on conflict (id) do nothing
             returning ${EVENT_COLUMNS}
           ), d as (
             insert into deliveries (id, event_id, webhook_id, account_id, event_type, status,
               next_attempt_at, enqueued_until, created_at)
             select d.id, e.id, d.webhook_id, d.account_id, e.type, 'PENDING', now(),
               now() + ${ENQUEUE_GRACE}, now()
             from e, unnest($8::uuid[], $9::uuid[], $10::uuid[]) as d(id, webhook_id, account_id)
           )
           select e.*, (select pg_notify('${WAKE_CHANNEL}', '') where $11) as woken
           from e`,
            [
              eventId,
              type,
              publishedAt,
              JSON.stringify(data),
              payload,
              accountIds,
              targets.rowCount,
              ids,
              targets.rows.map((t) => t.id),
              targets.rows.map((t) => t.account_id),
              ids.length > 0 && reservation === null,
            ],
          ),
        );
        if (inserted.rowCount === 0) {
          return {
            created: false as const,
            event: await findSameEvent(client, eventId, type, data),
          };
        }
        if (reservation === null) {
          await enqueueDeliveries(this.boss, client, ids, { notify: false });
        }
        return { created: true as const, event: toEvent(inserted.rows[0]), ids };
      })
      .catch((err: unknown) => {
        reservation?.cancel();
        throw err;
      });

    const { event } = result;
    if (!result.created) {
      reservation?.cancel();
      this.log.info({ eventId, type }, 'event already published');
      return { event, deliveryCount: event.deliveryCount };
    }
    if (reservation) reservation.hand(result.ids);
    this.log.info(
      { eventId, type, deliveries: event.deliveryCount, bytes: Buffer.byteLength(payload) },
      'event published',
    );
    if (event.deliveryCount > 0 && !reservation) this.worker?.wake();
    return { event, deliveryCount: event.deliveryCount };
  }

  /**
   * Creates a `webhook.test` event for one webhook and its delivery, whatever the webhook
   * subscribes to. The delivery gets a single, manual attempt. Returns the delivery id.
   */
  async publishTest(webhook: { id: string; accountId: string }): Promise<string> {
    const eventId = uuidv7();
    const deliveryId = uuidv7();
    const publishedAt = new Date();
    const data = { webhookId: webhook.id, message: 'Test delivery from TrucklineMP' };
    const payload = buildPayload(TEST_EVENT_TYPE, eventId, publishedAt, data);
    await this.db.transaction(async (client) => {
      await client.query(
        `insert into events (${EVENT_COLUMNS}) values ($1, $2, $3, $4, $5, $6, 1, now())`,
        [eventId, TEST_EVENT_TYPE, publishedAt, JSON.stringify(data), payload, [webhook.accountId]],
      );
      await client.query(
        `insert into deliveries (id, event_id, webhook_id, account_id, event_type, status,
           manual_requested, next_attempt_at, enqueued_until, created_at)
         values ($1, $2, $3, $4, $5, 'PENDING', true, now(), now() + ${ENQUEUE_GRACE}, now())`,
        [deliveryId, eventId, webhook.id, webhook.accountId, TEST_EVENT_TYPE],
      );
      await enqueueDeliveries(this.boss, client, [deliveryId]);
    });
    this.log.info({ eventId, webhookId: webhook.id, deliveryId }, 'test event published');
    this.worker?.wake();
    return deliveryId;
  }
}

function checkRequest(request: PublishRequest) {
  if (!isCatalogEventType(request.type)) {
    throw AppError.badInput('input.type', `"${request.type}" is not an event type of the catalog`);
  }
  const { data } = request;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw AppError.badInput('input.data', 'must be a JSON object');
  }
  if (request.eventId !== undefined && request.eventId !== null && !isUuid(request.eventId)) {
    throw AppError.badInput('input.eventId', 'must be a UUID');
  }
  const accountIds = request.accountIds ?? null;
  if (accountIds !== null) {
    if (accountIds.length === 0) {
      throw AppError.badInput('input.accountIds', 'must name at least one account, or be omitted');
    }
    const bad = accountIds.find((id) => !isUuid(id));
    if (bad !== undefined) {
      throw AppError.badInput('input.accountIds', `"${bad}" is not an account id`);
    }
  }
  return { type: request.type, data, accountIds: accountIds && [...new Set(accountIds)] };
}

async function findSameEvent(
  client: Queryable,
  eventId: string,
  type: string,
  data: unknown,
): Promise<Event> {
  const found = await client.query<EventRow & { same_data: boolean }>(
    `select ${EVENT_COLUMNS}, data = $2::jsonb as same_data from events where id = $1`,
    [eventId, JSON.stringify(data)],
  );
  const row = found.rows[0];
  if (row.type !== type || !row.same_data) {
    throw AppError.badInput(
      'input.eventId',
      'was already published with a different type or data; an event id names one event',
    );
  }
  return toEvent(row);
}

function toEvent(row: EventRow): Event {
  return {
    id: row.id,
    type: row.type,
    publishedAt: row.published_at,
    data: row.data,
    payload: row.payload,
    accountIds: row.account_ids,
    deliveryCount: row.delivery_count,
    createdAt: row.created_at,
  };
}
