/**
 * Publish capacity: how many `publishEvent` calls per second the API answers with a few
 * closed-loop publishers, for events with a single subscriber. It bounds the event rates the
 * latency phases can use.
 */
import type { WebhooksClient } from '../client/src/index.js';
import { checkDeliveries, distinctVerified, type DeliveryCheck } from './delivery-check.js';
import { memberJoinedData } from './event-data.js';
import type { Progress } from './progress.js';
import type { Receiver } from './receiver.client.js';
import { requestSignal } from './stall.js';
import { summarize, type Percentiles } from './stats.js';

/** What the publish phase measured. */
export interface PublishRateResult {
  readonly eventsPerSecond: number;
  readonly publishers: number;
  readonly ms: Percentiles;
  readonly check: DeliveryCheck;
}

const DRAIN_TIMEOUT_MS = 60_000;

/** Publishes `eventType` events (one subscriber) from `publishers` loops for `seconds`. */
export async function measurePublishRate(
  api: WebhooksClient,
  receiver: Receiver,
  options: { readonly eventType: string; readonly publishers: number; readonly seconds: number },
  progress: Progress,
): Promise<PublishRateResult> {
  await receiver.reset();
  const durations: number[] = [];
  const startedAt = performance.now();
  const until = startedAt + options.seconds * 1000;
  const publisher = async () => {
    while (performance.now() < until) {
      const started = performance.now();
      await api.publishEvent(
        { input: { type: options.eventType, data: memberJoinedData(durations.length) } },
        { signal: requestSignal() },
      );
      durations.push(performance.now() - started);
      if (durations.length % 50 === 0) progress.update(`${durations.length} events published`);
    }
  };
  await Promise.all(Array.from({ length: options.publishers }, publisher));
  const elapsedMs = performance.now() - startedAt;

  const final = await receiver.waitFor((counts) => distinctVerified(counts) >= durations.length, {
    phase: 'publish rate (draining)',
    timeoutMs: DRAIN_TIMEOUT_MS,
  });
  return {
    eventsPerSecond: Math.round((durations.length / elapsedMs) * 1000),
    publishers: options.publishers,
    ms: summarize(durations),
    check: checkDeliveries(durations.length, final),
  };
}
