import PgBoss from 'pg-boss';
import type { Logger } from '../logger.js';
import type { Database, Queryable } from '../db/database.js';

/** The pg-boss queue of dispatch jobs; each job names up to {@link JOB_SIZE} deliveries. */
export const DISPATCH_QUEUE = 'dispatch';
/** Deliveries per dispatch job: large fan-outs become few jobs, and the queue stays shallow. */
export const JOB_SIZE = 100;
/**
 * How long an enqueued delivery is left to its job before the sweep enqueues it again (SQL
 * interval). It covers the time a job waits in the queue and the moment between a worker
 * fetching a job and leasing its deliveries; a worker that dies in that moment delays them by
 * this much. A job enqueued twice is harmless: the lease lets only one worker send.
 */
export const ENQUEUE_GRACE = "interval '10 seconds'";

/** NOTIFY channel that wakes workers when new work was committed. */
export const WAKE_CHANNEL = 'webhooks_dispatch';

/** The payload of a dispatch job. */
export interface DispatchJobData {
  readonly ids: string[];
}

/**
 * Starts pg-boss on the service's pool. Jobs are inserted by the same transaction that
 * writes the delivery rows, so a committed delivery always has its job.
 */
export async function startQueue(db: Database, log: Logger): Promise<PgBoss> {
  const boss = new PgBoss({
    db: { executeSql: (text: string, values?: unknown[]) => db.pool.query(text, values) },
    // Workers fetch jobs themselves (see dispatcher.ts), so pg-boss's own supervision is
    // only needed for expiry and archiving.
    supervise: true,
    schedule: false,
    migrate: true,
    archiveCompletedAfterSeconds: 60 * 60,
    deleteAfterDays: 1,
  });
  boss.on('error', (err: unknown) => log.error({ err }, 'job queue error'));
  await boss.start();
  return boss;
}

/** Creates the dispatch queue if it does not exist (idempotent). */
export async function createDispatchQueue(boss: PgBoss): Promise<void> {
  await boss.createQueue(DISPATCH_QUEUE, {
    name: DISPATCH_QUEUE,
    // Failed or expired jobs are not retried by pg-boss: the delivery rows are the source
    // of truth, and the dispatcher's sweep re-enqueues whatever is due and unclaimed.
    retryLimit: 0,
    expireInSeconds: 15 * 60,
  });
}

/**
 * Enqueues dispatch jobs for `ids` inside the caller's transaction and, unless the caller has
 * done so in its own statement, wakes the workers when that transaction commits.
 */
export async function enqueueDeliveries(
  boss: PgBoss,
  client: Queryable,
  ids: readonly string[],
  options: { notify: boolean } = { notify: true },
) {
  if (ids.length === 0) return;
  const jobs: PgBoss.JobInsert<DispatchJobData>[] = [];
  for (let i = 0; i < ids.length; i += JOB_SIZE) {
    jobs.push({ name: DISPATCH_QUEUE, data: { ids: ids.slice(i, i + JOB_SIZE) } });
  }
  const db = { executeSql: (text: string, values?: unknown[]) => client.query(text, values) };
  await boss.insert(jobs, { db });
  if (options.notify) await client.query('select pg_notify($1, $2)', [WAKE_CHANNEL, '']);
}
