/**
 * Latency at a fixed delivery rate: events published open-loop (each at its scheduled time,
 * whether or not earlier ones have been answered) to a few webhooks, measured for every
 * delivery from the start of its event's publish request to its arrival at the receiver.
 */
import type { WebhooksClient } from '../client/src/index.js';
import { epochNow, monotonicUs } from './clock.js';
import { checkDeliveries, distinctVerified, type DeliveryCheck } from './delivery-check.js';
import { memberJoinedData } from './event-data.js';
import type { Progress } from './progress.js';
import type { Receiver } from './receiver.client.js';
import { requestSignal } from './stall.js';
import { summarize, type Percentiles } from './stats.js';

/** Sizes of a latency phase. */
export interface LatencyOptions {
  /** Names the phase in errors. */
  readonly name: string;
  readonly eventType: string;
  readonly eventsPerSecond: number;
  /** Webhooks subscribed to `eventType`: deliveries per event. */
  readonly webhooks: number;
  readonly seconds: number;
  /** Seconds at the start whose events are left out of the figures. */
  readonly warmupSeconds: number;
  /** Called with the monotonic start and end (µs) of the measured part, for profiles. */
  readonly onWindow?: (startUs: number, endUs: number) => void;
}

/** What a latency phase measured (milliseconds). */
export interface LatencyResult {
  /** Publish request start → arrival at the receiver, per delivery. */
  readonly endToEnd: Percentiles;
  /** Publish request start → publish response, per event. */
  readonly publish: Percentiles;
  /** Publish response → arrival, per delivery (negative when it beat the response). */
  readonly afterResponse: Percentiles;
  /** End-to-end latencies of the measured deliveries, ascending (for the chart). */
  readonly samples: readonly number[];
  readonly publishErrors: number;
  readonly check: DeliveryCheck;
}

interface Sent {
  readonly index: number;
  readonly startedAt: number;
  readonly answeredAt: number;
}

const READY_TIMEOUT_MS = 60_000;
const ARRIVAL_TIMEOUT_MS = 60_000;

/**
 * Publishes one event and waits for its deliveries: proves the worker is up (a worker process
 * has no health endpoint) and warms the path. Then runs the open-loop phase.
 */
export async function measureLatency(
  api: WebhooksClient,
  receiver: Receiver,
  options: LatencyOptions,
  progress: Progress,
): Promise<LatencyResult> {
  const publish = (index: number) =>
    api.publishEvent(
      { input: { type: options.eventType, data: memberJoinedData(index) } },
      { signal: requestSignal() },
    );

  await receiver.reset();
  progress.update('waiting for a first event to arrive');
  await publish(0);
  await receiver.waitFor((counts) => distinctVerified(counts) >= options.webhooks, {
    phase: `${options.name} (first event)`,
    timeoutMs: READY_TIMEOUT_MS,
  });
  await receiver.reset();

  const total = Math.round(options.eventsPerSecond * options.seconds);
  const intervalMs = 1000 / options.eventsPerSecond;
  const measuredFromIndex = Math.round(options.eventsPerSecond * options.warmupSeconds);
  const sent = new Map<string, Sent>();
  const inFlight: Array<Promise<void>> = [];
  let publishErrors = 0;
  let windowStartUs = monotonicUs();

  const startedAt = performance.now();
  for (let index = 0; index < total; index++) {
    const wait = startedAt + index * intervalMs - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    if (index === measuredFromIndex) windowStartUs = monotonicUs();
    if (index % options.eventsPerSecond === 0)
      progress.update(`${index}/${total} events published`);

    const publishStartedAt = epochNow();
    const request = publish(index).then(
      ({ publishEvent }) => {
        const answeredAt = epochNow();
        sent.set(publishEvent.event.id, { index, startedAt: publishStartedAt, answeredAt });
      },
      () => {
        // Counted and reported; its missing deliveries also fail the check.
        publishErrors++;
      },
    );
    inFlight.push(request);
  }
  await Promise.all(inFlight);
  options.onWindow?.(windowStartUs, monotonicUs());

  const expected = total * options.webhooks;
  const final = await receiver.waitFor((counts) => distinctVerified(counts) >= expected, {
    phase: options.name,
    timeoutMs: ARRIVAL_TIMEOUT_MS,
    onPoll: (counts) =>
      progress.update(`waiting for ${expected - distinctVerified(counts)} deliveries`),
  });
  const collection = await receiver.collect(true);

  const endToEnd: number[] = [];
  const publishMs: number[] = [];
  const afterResponse: number[] = [];
  for (const arrival of collection.events) {
    const origin = sent.get(arrival.eventId);
    if (origin === undefined || origin.index < measuredFromIndex) continue;
    publishMs.push(origin.answeredAt - origin.startedAt);
    for (const time of arrival.times ?? []) {
      endToEnd.push(time - origin.startedAt);
      afterResponse.push(time - origin.answeredAt);
    }
  }
  return {
    endToEnd: summarize(endToEnd),
    publish: summarize(publishMs),
    afterResponse: summarize(afterResponse),
    samples: endToEnd.sort((a, b) => a - b),
    publishErrors,
    check: checkDeliveries(expected, final),
  };
}
