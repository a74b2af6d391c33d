/**
 * Sustained throughput: events to many webhooks, published through the API by several
 * concurrent publishers as fast as it takes them, while the receiver counts arrivals per
 * second. Publishers hold back while more than `maxOutstanding` deliveries are published but
 * not yet arrived, so the rate measured is what the service sustains with a non-empty
 * backlog, not how deep a queue the publishers can build.
 */
import type { WebhooksClient } from '../client/src/index.js';
import { CpuWindow, type CpuGroup, type CpuShare } from './cpu.js';
import { checkDeliveries, distinctVerified, type DeliveryCheck } from './delivery-check.js';
import { memberJoinedData } from './event-data.js';
import {
  snapshotPg,
  workPerDelivery,
  type PgSnapshot,
  type PgWorkPerDelivery,
} from './pg-activity.js';
import type { Progress } from './progress.js';
import type { Receiver } from './receiver.client.js';
import { requestSignal, STALL_MS, StallError, StallWatch } from './stall.js';
import { epochNow, monotonicUs } from './clock.js';
import { summarize, type Percentiles } from './stats.js';

/** Sizes of the throughput phase. */
export interface ThroughputOptions {
  readonly eventType: string;
  readonly webhooks: number;
  readonly publishers: number;
  readonly seconds: number;
  /** Seconds at the start left out of the steady-state rate. */
  readonly warmupSeconds: number;
  readonly maxOutstanding: number;
  readonly cpuGroups: readonly CpuGroup[];
  /** The service's database, for its work per delivery. */
  readonly databaseUrl: string;
  /** Called with monotonic start and end (µs) of the steady window, for profiles. */
  readonly onWindow?: (startUs: number, endUs: number) => void;
}

/** What the throughput phase measured. */
export interface ThroughputResult {
  /** Mean verified arrivals per second over the steady window. */
  readonly deliveriesPerSecond: number;
  /** Median and lowest full second of the steady window. */
  readonly medianPerSecond: number;
  readonly minPerSecond: number;
  readonly windowSeconds: number;
  readonly events: number;
  readonly deliveries: number;
  readonly publishMs: Percentiles;
  /** Time from the end of publishing until the last delivery arrived. */
  readonly drainMs: number;
  /** Verified arrivals per second from the start of the phase: `[second, count]`. */
  readonly series: ReadonlyArray<readonly [number, number]>;
  readonly cpu: CpuShare;
  /** Postgres commits and rows written per delivery over the steady window. */
  readonly postgres: PgWorkPerDelivery;
  readonly check: DeliveryCheck;
}

const POLL_MS = 200;
const DRAIN_TIMEOUT_MS = 120_000;

/** Runs the throughput phase against `api` (the platform client). */
export async function measureThroughput(
  api: WebhooksClient,
  receiver: Receiver,
  options: ThroughputOptions,
  progress: Progress,
): Promise<ThroughputResult> {
  await receiver.reset();
  const startedAt = epochNow();
  const publishUntil = performance.now() + options.seconds * 1000;
  const abort = new AbortController();
  const watch = new StallWatch();
  const publishMs: number[] = [];
  let published = 0;
  let events = 0;
  let arrived = 0;
  let publishing = true;
  let stall: StallError | undefined;

  // The receiver's count feeds the publishers' hold-back, the stall watch and the progress line.
  const poller = (async () => {
    let last = { at: performance.now(), arrived: 0 };
    while (publishing) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      arrived = distinctVerified(await receiver.count());
      const now = performance.now();
      const rate = ((arrived - last.arrived) / (now - last.at)) * 1000;
      last = { at: now, arrived };
      progress.update(`${Math.round(rate)} deliveries/s, ${published - arrived} outstanding`);
      if (watch.isStalled(arrived) && published > arrived) {
        const detail = `no delivery arrived for ${STALL_MS / 1000} s with ${published - arrived} outstanding (${arrived} of ${published} delivered)`;
        stall = new StallError('throughput', detail);
        abort.abort(stall);
      }
    }
  })();

  let cpuWindow: CpuWindow | undefined;
  let pgBefore: Promise<PgSnapshot> | undefined;
  let arrivedAtWindowStart = 0;
  const windowStartUs = monotonicUs() + options.warmupSeconds * 1e6;
  const cpuTimer = setTimeout(() => {
    cpuWindow = new CpuWindow(options.cpuGroups);
    pgBefore = snapshotPg(options.databaseUrl);
    arrivedAtWindowStart = arrived;
  }, options.warmupSeconds * 1000);

  const publisher = async (): Promise<void> => {
    while (performance.now() < publishUntil && !abort.signal.aborted) {
      if (published - arrived >= options.maxOutstanding) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        continue;
      }
      const sequence = events++;
      const started = performance.now();
      const { publishEvent } = await api.publishEvent(
        { input: { type: options.eventType, data: memberJoinedData(sequence) } },
        { signal: requestSignal(abort.signal) },
      );
      publishMs.push(performance.now() - started);
      published += publishEvent.deliveryCount;
    }
  };
  try {
    await Promise.all(Array.from({ length: options.publishers }, publisher));
  } catch (err: unknown) {
    throw stall ?? err;
  } finally {
    publishing = false;
    clearTimeout(cpuTimer);
    await poller;
  }
  if (stall) throw stall;
  const publishedAt = epochNow();
  const cpu = cpuWindow?.finish();
  options.onWindow?.(windowStartUs, monotonicUs());
  if (cpu === undefined || pgBefore === undefined) {
    throw new Error('the throughput phase ended before its warm-up did');
  }
  const postgres = workPerDelivery(
    await pgBefore,
    await snapshotPg(options.databaseUrl),
    arrived - arrivedAtWindowStart,
  );

  const final = await receiver.waitFor((counts) => distinctVerified(counts) >= published, {
    phase: 'throughput (draining)',
    timeoutMs: DRAIN_TIMEOUT_MS,
    onPoll: (counts) =>
      progress.update(`draining ${published - distinctVerified(counts)} deliveries`),
  });
  const collection = await receiver.collect();

  // Full seconds only: from the end of the warm-up to the last second before publishing ended.
  const firstSecond = Math.ceil(startedAt / 1000) + options.warmupSeconds;
  const lastSecond = Math.floor(publishedAt / 1000) - 1;
  const counts = new Map(collection.perSecond);
  const window: number[] = [];
  for (let second = firstSecond; second <= lastSecond; second++) {
    window.push(counts.get(second) ?? 0);
  }
  const sortedWindow = [...window].sort((a, b) => a - b);
  const lastArrival = Math.max(...collection.events.map((e) => e.last));
  const startSecond = Math.floor(startedAt / 1000);

  return {
    deliveriesPerSecond: Math.round(window.reduce((sum, c) => sum + c, 0) / window.length),
    medianPerSecond: sortedWindow[Math.floor(sortedWindow.length / 2)] ?? 0,
    minPerSecond: sortedWindow[0] ?? 0,
    windowSeconds: window.length,
    events,
    deliveries: published,
    publishMs: summarize(publishMs),
    drainMs: Math.round(Math.max(0, lastArrival - publishedAt)),
    series: collection.perSecond.map(([second, count]) => [second - startSecond, count] as const),
    cpu,
    postgres,
    check: checkDeliveries(published, final),
  };
}
