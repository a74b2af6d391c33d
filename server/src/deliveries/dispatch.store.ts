import type PgBoss from 'pg-boss';
import { v7 as uuidv7 } from 'uuid';
import { named, type Database } from '../db/database.js';
import type { HeaderPair } from '../webhooks/webhook.entity.js';
import type { DeliveryStatus } from './delivery.entity.js';
import type { AttemptOutcome } from './http.sender.js';
import { ENQUEUE_GRACE, enqueueDeliveries } from './delivery.queue.js';

/** A delivery this worker holds a lease on, with what sending it needs. */
export interface ClaimedDelivery {
  readonly id: string;
  readonly leaseId: string;
  readonly leaseEndsAt: number;
  readonly eventId: string;
  readonly eventType: string;
  readonly webhookId: string;
  readonly accountId: string;
  /** Number of this attempt (1 = first try). */
  readonly number: number;
  readonly scheduledAttempts: number;
  readonly manual: boolean;
  readonly resumeAt: Date | null;
  readonly url: string;
  readonly headers: HeaderPair[];
  readonly timeoutSeconds: number;
  readonly secretCiphertext: string;
}

/** An attempt ready to be written, with the state the delivery moves to. */
export interface FinishedAttempt {
  readonly deliveryId: string;
  readonly leaseId: string;
  readonly number: number;
  readonly startedAt: Date;
  readonly durationMs: number;
  readonly outcome: AttemptOutcome;
  readonly requestHeaders: HeaderPair[];
  readonly responseStatus: number | null;
  readonly responseHeaders: HeaderPair[];
  readonly responseBody: string | null;
  readonly error: string | null;
  readonly status: DeliveryStatus;
  readonly scheduledAttempts: number;
  readonly nextAttemptAt: Date | null;
}

/** Extra lease time beyond twice the webhook's timeout, for queueing and bookkeeping. */
const LEASE_MARGIN_SECONDS = 15;

interface ClaimRow {
  id: string;
  lease_id: string;
  leased_until: Date;
  event_id: string;
  event_type: string;
  webhook_id: string;
  account_id: string;
  attempt_count: number;
  scheduled_attempts: number;
  lease_manual: boolean;
  resume_at: Date | null;
  url: string;
  headers: HeaderPair[];
  timeout_seconds: number;
  secret_ciphertext: string;
  payload: string | null;
}

/** Deliveries leased by one claim, and the bodies of their events by event id. */
export interface Claimed {
  readonly deliveries: ClaimedDelivery[];
  readonly payloads: Map<string, string>;
}

/** The dispatcher's SQL: claiming, recording and sweeping deliveries in batches. */
export class DispatchStore {
  constructor(
    private readonly db: Database,
    private readonly boss: PgBoss,
  ) {}

  /**
   * Leases the deliveries among `ids` that are due and not leased by anyone else. A lease
   * lasts twice the webhook's timeout plus a margin; a worker that dies loses it, and the
   * sweep hands the delivery to another worker. Deliveries of disabled webhooks that are not
   * manual attempts are ended as FAILED instead, and those whose webhook is gone are deleted.
   */
  async claim(ids: readonly string[]): Promise<Claimed> {
    const claimed = await this.db.query<ClaimRow>(
      named(
        'dispatch.claim',
        `with c as (
           update deliveries d set
             lease_id = gen_random_uuid(),
             leased_until = now()
               + make_interval(secs => w.timeout_seconds * 2 + ${LEASE_MARGIN_SECONDS}),
             lease_manual = d.manual_requested,
             manual_requested = false,
             -- From here on the lease, not the job, guards the delivery.
             enqueued_until = null
           from webhooks w
           where d.id = any($1::uuid[]) and w.id = d.webhook_id
             -- Spelled so that it does not match the due index's predicate: with that index
             -- stale in the statistics, the planner scanned it whole instead of looking the
             -- ids up (70 ms instead of 4 for 100 deliveries beside a million-row history).
             and d.status not in ('SUCCEEDED', 'FAILED') and d.next_attempt_at <= now()
             and (d.leased_until is null or d.leased_until < now())
             and (w.enabled or d.manual_requested)
           returning d.id, d.lease_id, d.leased_until, d.event_id, d.event_type, d.webhook_id,
             d.account_id, d.attempt_count, d.scheduled_attempts, d.lease_manual, d.resume_at,
             w.url, w.headers, w.timeout_seconds, w.secret_ciphertext
         ), first_of_event as (
           select distinct on (event_id) id from c order by event_id, id
         )
         -- Each event's body comes once, on the first of its deliveries.
         select c.*, e.payload
         from c
           left join first_of_event f on f.id = c.id
           left join events e on f.id is not null and e.id = c.event_id`,
        [ids],
      ),
    );
    if (claimed.rowCount !== ids.length) {
      await this.db.query(
        `update deliveries d set status = 'FAILED', next_attempt_at = null, resume_at = null,
           completed_at = now()
         from webhooks w
         where d.id = any($1::uuid[]) and w.id = d.webhook_id and not w.enabled
           and not d.manual_requested and d.status not in ('SUCCEEDED', 'FAILED')
           and (d.leased_until is null or d.leased_until < now())`,
        [ids],
      );
      // A publish that raced with its webhook's deletion can leave a delivery behind; it goes
      // the way of the webhook's history.
      await this.db.query(
        `delete from deliveries d
         where d.id = any($1::uuid[])
           and not exists (select 1 from webhooks w where w.id = d.webhook_id)`,
        [ids],
      );
    }
    const payloads = new Map<string, string>();
    const deliveries = claimed.rows.map((row): ClaimedDelivery => {
      if (row.payload !== null) payloads.set(row.event_id, row.payload);
      return {
        id: row.id,
        leaseId: row.lease_id,
        leaseEndsAt: row.leased_until.getTime(),
        eventId: row.event_id,
        eventType: row.event_type,
        webhookId: row.webhook_id,
        accountId: row.account_id,
        number: row.attempt_count + 1,
        scheduledAttempts: row.scheduled_attempts,
        manual: row.lease_manual,
        resumeAt: row.resume_at,
        url: row.url,
        headers: row.headers,
        timeoutSeconds: row.timeout_seconds,
        secretCiphertext: row.secret_ciphertext,
      };
    });
    return { deliveries, payloads };
  }

  /**
   * Writes finished attempts and moves their deliveries on, in one statement however many
   * attempts there are. A delivery deleted meanwhile is skipped; one whose lease was taken
   * over gets its attempt recorded but keeps the newer holder's state. A webhook disabled
   * meanwhile ends its delivery as FAILED instead of RETRYING, and a "retry now" that arrived
   * during the attempt leaves the delivery PENDING for another attempt.
   */
  async record(attempts: readonly FinishedAttempt[]): Promise<void> {
    if (attempts.length === 0) return;
    const column = <T>(pick: (a: FinishedAttempt) => T) => attempts.map(pick);
    await this.db.query(
      named(
        'dispatch.record',
        `with a as (
           select * from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[], $5::timestamptz[],
             $6::int[], $7::text[], $8::text[], $9::int[], $10::text[], $11::text[], $12::text[],
             $13::text[], $14::int[], $15::timestamptz[])
           as a(id, delivery_id, lease_id, number, started_at, duration_ms, outcome,
             request_headers, response_status, response_headers, response_body, error, status,
             scheduled_attempts, next_attempt_at)
         ), n as (
           select a.*, case when a.status = 'RETRYING' and not w.enabled then 'FAILED'
             else a.status end as final_status
           from a join deliveries d on d.id = a.delivery_id join webhooks w on w.id = d.webhook_id
         ), recorded as (
           insert into delivery_attempts (id, delivery_id, number, started_at, duration_ms,
             outcome, request_headers, response_status, response_headers, response_body, error)
           select id, delivery_id, number, started_at, duration_ms, outcome,
             request_headers::jsonb, response_status, response_headers::jsonb, response_body, error
           from n
         )
         update deliveries d set
           attempt_count = d.attempt_count + 1,
           scheduled_attempts = n.scheduled_attempts,
           status = case when d.manual_requested then 'PENDING' else n.final_status end,
           next_attempt_at = case when d.manual_requested then now()
             when n.final_status = 'RETRYING' then n.next_attempt_at end,
           resume_at = case when d.manual_requested and n.final_status = 'RETRYING'
             then n.next_attempt_at end,
           completed_at = case when not d.manual_requested
             and n.final_status in ('SUCCEEDED', 'FAILED') then now() end,
           leased_until = null, lease_id = null, lease_manual = false, enqueued_until = null
         from n
         where d.id = n.delivery_id and d.lease_id = n.lease_id`,
        [
          column(() => uuidv7()),
          column((a) => a.deliveryId),
          column((a) => a.leaseId),
          column((a) => a.number),
          column((a) => a.startedAt),
          column((a) => a.durationMs),
          column((a) => a.outcome),
          column((a) => JSON.stringify(a.requestHeaders)),
          column((a) => a.responseStatus),
          column((a) => JSON.stringify(a.responseHeaders)),
          column((a) => a.responseBody),
          column((a) => a.error),
          column((a) => a.status),
          column((a) => a.scheduledAttempts),
          column((a) => a.nextAttemptAt),
        ],
      ),
    );
  }

  /** Gives leases back unused (a stopping worker's queued deliveries), for others to take. */
  async release(leaseIds: readonly string[]): Promise<void> {
    if (leaseIds.length === 0) return;
    await this.db.query(
      `update deliveries set leased_until = null, lease_id = null, lease_manual = false,
         manual_requested = manual_requested or lease_manual, enqueued_until = null
       where lease_id = any($1::uuid[])`,
      [leaseIds],
    );
  }

  /**
   * Enqueues deliveries that are due but have no live job and no live lease: scheduled
   * retries, and work whose worker died. Returns how many were enqueued.
   */
  async sweep(limit = 1000): Promise<number> {
    return this.db.transaction(async (client) => {
      // Planned at each call, not prepared: a plan cached while the table was small kept
      // scanning it whole once it held a million rows (0.4–0.9 s per sweep).
      const due = await client.query<{ id: string }>(
        `with due as (
           select id from deliveries
           where status in ('PENDING', 'RETRYING') and next_attempt_at <= now()
             and (leased_until is null or leased_until < now())
             and (enqueued_until is null or enqueued_until < now())
           order by next_attempt_at
           limit $1
           for update skip locked
         )
         update deliveries d set enqueued_until = now() + ${ENQUEUE_GRACE}
         from due where d.id = due.id
         returning d.id`,
        [limit],
      );
      await enqueueDeliveries(
        this.boss,
        client,
        due.rows.map((r) => r.id),
      );
      return due.rowCount ?? 0;
    });
  }
}
