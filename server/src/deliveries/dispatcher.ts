import type PgBoss from 'pg-boss';
import type { Logger } from '../logger.js';
import { UnreachableCaseError } from '../errors.js';
import type { HttpSender, SendResult } from './http.sender.js';
import { prepareHeaders } from './delivery.request.js';
import { nextStateAfterAttempt } from './retry-schedule.js';
import type { ClaimedDelivery, DispatchStore, FinishedAttempt } from './dispatch.store.js';
import { DISPATCH_QUEUE, type DispatchJobData } from './delivery.queue.js';
import { BatchWriter } from './batch.writer.js';
import { SecretCache } from './secret.cache.js';

/** What the dispatcher needs from the rest of the service. */
export interface DispatcherOptions {
  readonly boss: PgBoss;
  readonly store: DispatchStore;
  readonly sender: HttpSender;
  /** Decrypts a webhook's signing secret. */
  readonly openSecret: (webhook: { id: string; secretCiphertext: string }) => string;
  readonly retryScheduleMs: readonly number[];
  /** Requests in flight at most. */
  readonly concurrency: number;
  readonly log: Logger;
  /** Fallback poll when no wake-up arrives. */
  readonly pollIntervalMs?: number;
  /** How often due retries and abandoned work are swept into the queue. */
  readonly sweepIntervalMs?: number;
}

/** Room held in a worker for deliveries its own process is about to commit. */
export interface Reservation {
  /** The deliveries are committed: send them. Does nothing once the worker is stopping. */
  hand(ids: readonly string[]): void;
  /** They were not committed after all. */
  cancel(): void;
}

/** Jobs fetched per round; each names up to 100 deliveries. */
const FETCH_BATCH = 8;

/**
 * The delivery worker: fetches dispatch jobs, leases their deliveries, sends them with
 * bounded concurrency, and records the attempts in batches. Its steps per delivery are
 * prepare → send → record, and a job completes once all its deliveries are recorded.
 */
export class Dispatcher {
  private running = false;
  private wakeUp: (() => void) | null = null;
  private onRoom: (() => void) | null = null;
  private woken = false;
  private active = 0;
  private reserved = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly queued = new Set<ClaimedDelivery>();
  private readonly jobs = new Set<Promise<void>>();
  private readonly secrets: SecretCache;
  private readonly writer: BatchWriter<FinishedAttempt>;
  private readonly completer: BatchWriter<string>;
  private loop: Promise<void> | null = null;
  private sweeper: NodeJS.Timeout | null = null;
  private earlySweep: { at: number; timer: NodeJS.Timeout } | null = null;

  constructor(private readonly options: DispatcherOptions) {
    this.secrets = new SecretCache(options.openSecret);
    this.writer = new BatchWriter((batch) => options.store.record(batch), options.log, 500);
    this.completer = new BatchWriter(
      (ids) => options.boss.complete(DISPATCH_QUEUE, [...ids]),
      options.log,
      500,
    );
  }

  /** Starts fetching and sweeping. */
  start(): void {
    this.running = true;
    this.loop = this.fetchLoop();
    const sweepEvery = this.options.sweepIntervalMs ?? 1000;
    this.sweeper = setInterval(() => void this.sweep(), sweepEvery);
  }

  /** New work was committed: fetch now instead of at the next poll. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /**
   * Holds room for `count` deliveries this process is about to commit, so that they can be
   * sent without going through the job queue. Null unless all of them could start at once.
   * Handed deliveries are leased like any others; if they are never handed, or the process
   * dies first, the sweep enqueues them once their enqueue grace has passed.
   */
  reserve(count: number): Reservation | null {
    const busy = this.active + this.queued.size + this.reserved;
    if (!this.running || busy + count > this.options.concurrency) return null;
    this.reserved += count;
    let open = true;
    const close = () => {
      if (!open) return false;
      open = false;
      this.reserved -= count;
      return true;
    };
    return {
      hand: (ids) => {
        if (close() && this.running) this.track(this.runDeliveries(ids, null));
      },
      cancel: () => void close(),
    };
  }

  /**
   * Stops fetching, lets attempts in flight finish for up to `graceMs`, gives back the
   * leases of deliveries that had not started, and writes what finished.
   */
  async stop(graceMs: number): Promise<void> {
    this.running = false;
    if (this.sweeper) clearInterval(this.sweeper);
    if (this.earlySweep) clearTimeout(this.earlySweep.timer);
    this.wake();
    this.onRoom?.();
    await this.loop;

    const leftovers = [...this.queued].map((d) => d.leaseId);
    this.queued.clear();
    for (const release of this.waiting.splice(0)) release();
    const finished = Promise.all([...this.jobs]);
    const timedOut = await Promise.race([
      finished.then(() => false),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(true), graceMs).unref()),
    ]);
    if (timedOut) {
      this.options.log.warn({ active: this.active }, 'stopping with attempts still in flight');
    }
    await this.options.store.release(leftovers);
    await this.writer.flush();
    await this.completer.flush();
  }

  private async fetchLoop(): Promise<void> {
    const { boss, log, concurrency } = this.options;
    const pollMs = this.options.pollIntervalMs ?? 1000;
    while (this.running) {
      // Every round yields to the event loop, so no chain of resolved promises can starve I/O.
      await new Promise<void>((resolve) => setImmediate(resolve));
      // Keep about one round of work queued behind the requests in flight, no more: what is
      // leased but waiting would otherwise sit on its lease.
      if (this.queued.size + this.reserved >= concurrency) {
        await this.roomInQueue(pollMs);
        continue;
      }
      this.woken = false;
      let jobs: PgBoss.Job<DispatchJobData>[] = [];
      try {
        jobs = await boss.fetch<DispatchJobData>(DISPATCH_QUEUE, { batchSize: FETCH_BATCH });
      } catch (err: unknown) {
        // A failed fetch (database restarting, for instance) is retried at the next poll.
        log.warn({ err }, 'fetching dispatch jobs failed');
      }
      for (const job of jobs) this.track(this.runDeliveries(job.data.ids, job.id));
      if (jobs.length < FETCH_BATCH && !this.woken) {
        await this.sleep(pollMs);
      }
    }
  }

  private track(job: Promise<void>): void {
    this.jobs.add(job);
    void job.finally(() => this.jobs.delete(job));
  }

  /** Leases and sends `ids`; completes their job, if they came in one, once all are recorded. */
  private async runDeliveries(ids: readonly string[], jobId: string | null): Promise<void> {
    const { store, log } = this.options;
    try {
      const { deliveries, payloads } = await store.claim(ids);
      await Promise.all(deliveries.map((delivery) => this.dispatch(delivery, payloads)));
      if (jobId !== null) await this.completer.add(jobId);
    } catch (err: unknown) {
      // The job (if any) stays unfinished; the deliveries keep their leases until those
      // expire, or their enqueue grace if they were never leased, and then the sweep
      // enqueues them again, so nothing is lost.
      log.error({ err, jobId, deliveries: ids.length }, 'dispatching deliveries failed');
    }
  }

  private async dispatch(delivery: ClaimedDelivery, payloads: Map<string, string>): Promise<void> {
    const payload = payloads.get(delivery.eventId);
    if (payload === undefined) {
      throw new Error(`event ${delivery.eventId} of delivery ${delivery.id} is missing`);
    }
    this.queued.add(delivery);
    await this.acquire();
    const wasQueued = this.queued.delete(delivery);
    if (this.queued.size < this.options.concurrency) this.onRoom?.();
    if (!wasQueued) {
      this.release();
      return; // stopping: the lease was handed back
    }
    try {
      if (Date.now() >= delivery.leaseEndsAt) {
        return; // the lease ran out while queued; another worker may hold it now
      }
      const result = await this.send(delivery, payload);
      const finished = this.finish(delivery, result.sent, result.recordedHeaders);
      await this.writer.add(finished);
      if (finished.nextAttemptAt) this.sweepAt(finished.nextAttemptAt.getTime());
    } finally {
      this.release();
    }
  }

  private async send(delivery: ClaimedDelivery, payload: string) {
    const secret = this.secrets.get({
      id: delivery.webhookId,
      secretCiphertext: delivery.secretCiphertext,
    });
    const prepared = prepareHeaders(
      delivery.eventType,
      delivery.eventId,
      payload,
      secret,
      delivery.headers,
    );
    const sent = await this.options.sender.send({
      url: delivery.url,
      headers: prepared.headers,
      body: payload,
      timeoutMs: delivery.timeoutSeconds * 1000,
    });
    return { sent, recordedHeaders: prepared.recorded };
  }

  private finish(
    delivery: ClaimedDelivery,
    sent: SendResult,
    requestHeaders: FinishedAttempt['requestHeaders'],
  ): FinishedAttempt {
    const succeeded = isSuccess(sent);
    const next = nextStateAfterAttempt(
      delivery,
      succeeded,
      this.options.retryScheduleMs,
      new Date(),
    );
    this.options.log.info(
      {
        deliveryId: delivery.id,
        webhookId: delivery.webhookId,
        eventId: delivery.eventId,
        attempt: delivery.number,
        outcome: sent.outcome,
        status: sent.responseStatus,
        durationMs: sent.durationMs,
        next: next.status,
      },
      'delivery attempt finished',
    );
    return {
      deliveryId: delivery.id,
      leaseId: delivery.leaseId,
      number: delivery.number,
      startedAt: sent.startedAt,
      durationMs: sent.durationMs,
      outcome: sent.outcome,
      requestHeaders,
      responseStatus: sent.responseStatus,
      responseHeaders: sent.responseHeaders,
      responseBody: sent.responseBody,
      error: sent.error,
      ...next,
    };
  }

  /**
   * Sweeps once more at `at` when that comes before the next periodic sweep, so retry delays
   * shorter than the sweep interval are kept too.
   */
  private sweepAt(at: number): void {
    if (!this.running || (this.earlySweep && this.earlySweep.at <= at)) return;
    if (this.earlySweep) clearTimeout(this.earlySweep.timer);
    const timer = setTimeout(
      () => {
        this.earlySweep = null;
        void this.sweep();
      },
      Math.max(0, at - Date.now() + 5),
    );
    this.earlySweep = { at, timer };
  }

  private async sweep(): Promise<void> {
    try {
      const count = await this.options.store.sweep();
      if (count > 0) {
        this.options.log.debug({ count }, 'due deliveries enqueued');
        this.wake();
      }
    } catch (err: unknown) {
      // The next sweep tries again; nothing is lost while the database is unreachable.
      this.options.log.warn({ err }, 'sweeping due deliveries failed');
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.options.concurrency) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => this.waiting.push(resolve)).then(() => {
      this.active++;
    });
  }

  private release(): void {
    this.active--;
    this.waiting.shift()?.();
  }

  /**
   * Waits until a queued delivery starts (or `ms` passes). A wake-up does not end this wait:
   * fetching more while the queue is full would only lease work that cannot start yet.
   */
  private roomInQueue(ms: number): Promise<void> {
    return waitOrResume(ms, (resume) => (this.onRoom = resume));
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken || !this.running) return Promise.resolve();
    return waitOrResume(ms, (resume) => (this.wakeUp = resume));
  }
}

/**
 * Resolves after `ms`, or earlier when the function handed to `expose` is called; `expose` is
 * called again with null once the wait is over, so a late call does nothing.
 */
function waitOrResume(ms: number, expose: (resume: (() => void) | null) => void): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      expose(null);
      resolve();
    };
    const timer = setTimeout(done, ms);
    expose(done);
  });
}

function isSuccess(result: SendResult): boolean {
  switch (result.outcome) {
    case 'SUCCESS':
      return true;
    case 'HTTP_ERROR':
    case 'REDIRECT':
    case 'TIMEOUT':
    case 'NETWORK_ERROR':
    case 'BLOCKED_DESTINATION':
      return false;
    default:
      throw new UnreachableCaseError(result.outcome);
  }
}
