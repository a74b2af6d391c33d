/** Fan-out: one event to every webhook subscribed to its type, until the last one arrives. */
import type { WebhooksClient } from '../client/src/index.js';
import { epochNow, monotonicUs } from './clock.js';
import { checkDeliveries, distinctVerified, type DeliveryCheck } from './delivery-check.js';
import type { Progress } from './progress.js';
import type { Receiver } from './receiver.client.js';
import { requestSignal } from './stall.js';

/** What the fan-out phase measured (milliseconds from the start of the publish request). */
export interface FanoutResult {
  readonly webhooks: number;
  /** Until the last delivery arrived. */
  readonly ms: number;
  /** Until publishEvent answered. */
  readonly publishMs: number;
  readonly firstArrivalMs: number;
  readonly check: DeliveryCheck;
}

const FANOUT_TIMEOUT_MS = 120_000;

/** Publishes one `eventType` event that `webhooks` webhooks subscribe to. */
export async function measureFanout(
  api: WebhooksClient,
  receiver: Receiver,
  options: {
    readonly eventType: string;
    readonly webhooks: number;
    readonly onWindow?: (startUs: number, endUs: number) => void;
  },
  progress: Progress,
): Promise<FanoutResult> {
  await receiver.reset();
  const windowStartUs = monotonicUs();
  const startedAt = epochNow();
  const { publishEvent } = await api.publishEvent(
    { input: { type: options.eventType, data: { eventId: 77, title: 'Convoy to Berlin' } } },
    { signal: requestSignal() },
  );
  const publishMs = epochNow() - startedAt;
  if (publishEvent.deliveryCount !== options.webhooks) {
    throw new Error(
      `the event fanned out to ${publishEvent.deliveryCount} webhooks, not ${options.webhooks}`,
    );
  }
  const final = await receiver.waitFor((counts) => distinctVerified(counts) >= options.webhooks, {
    phase: 'fan-out',
    timeoutMs: FANOUT_TIMEOUT_MS,
    onPoll: (counts) => progress.update(`${distinctVerified(counts)}/${options.webhooks} arrived`),
    pollMs: 20,
  });
  options.onWindow?.(windowStartUs, monotonicUs());
  const arrivals = (await receiver.collect()).events.find(
    (e) => e.eventId === publishEvent.event.id,
  );
  if (arrivals === undefined) throw new Error('the fan-out event never arrived');
  return {
    webhooks: options.webhooks,
    ms: Math.round(arrivals.last - startedAt),
    publishMs: Math.round(publishMs),
    firstArrivalMs: Math.round(arrivals.first - startedAt),
    check: checkDeliveries(options.webhooks, final),
  };
}
