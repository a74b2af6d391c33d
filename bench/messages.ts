/**
 * Messages between the orchestrator (bench/run.ts) and its helper processes: the receiver
 * (bench/receiver.ts) and the raw sender (bench/raw-sender.ts). Every request carries an id;
 * the helper answers with the same id.
 */

/** What the orchestrator asks the receiver. */
export type ReceiverRequest =
  /** Adds signing secrets, keyed by the path segment after `/h/` in the webhook's URL. */
  | { readonly type: 'secrets'; readonly secrets: ReadonlyArray<readonly [string, string]> }
  /** Starts a new phase: counters and arrival records start from zero. */
  | { readonly type: 'reset' }
  /** Current counters only (cheap; used for progress and for waiting). */
  | { readonly type: 'count' }
  /** Everything recorded since the last reset; `withTimes` adds every arrival time. */
  | { readonly type: 'collect'; readonly withTimes?: boolean };

/** Counters of the current phase. */
export interface ReceiverCounts {
  /** Requests that arrived (signed or not). */
  readonly arrived: number;
  /** Requests whose signature verified. */
  readonly verified: number;
  /** Requests with a missing or wrong signature. */
  readonly badSignature: number;
  /** Requests to a path with no known secret. */
  readonly unknownPath: number;
  /** Verified webhook deliveries whose (path, event id) pair had arrived before. */
  readonly duplicates: number;
}

/** Arrivals of one event id in the current phase (webhook paths only). */
export interface EventArrivals {
  readonly eventId: string;
  readonly count: number;
  /** Epoch milliseconds with sub-millisecond precision. */
  readonly first: number;
  readonly last: number;
  /** Every arrival time, when collected `withTimes`. */
  readonly times?: readonly number[];
}

/** What the receiver recorded since the last reset. */
export interface ReceiverCollection {
  readonly counts: ReceiverCounts;
  /** Verified arrivals per epoch second: `[second, count]`, ascending. */
  readonly perSecond: ReadonlyArray<readonly [number, number]>;
  readonly events: readonly EventArrivals[];
}

/** A receiver answer, or the message it sends once when it listens. */
export type ReceiverReply =
  | { readonly type: 'ready'; readonly port: number }
  | { readonly type: 'ok'; readonly id: number }
  | { readonly type: 'counts'; readonly id: number; readonly counts: ReceiverCounts }
  | { readonly type: 'collection'; readonly id: number; readonly collection: ReceiverCollection };

/** One raw-sender run: signed POSTs at a fixed concurrency for a fixed time. */
export interface RawRunRequest {
  readonly id: number;
  readonly url: string;
  readonly secret: string;
  readonly body: string;
  readonly concurrency: number;
  readonly warmupMs: number;
  readonly measureMs: number;
}

/** How a raw-sender run went. */
export interface RawRunResult {
  readonly id: number;
  readonly concurrency: number;
  /** 2xx responses completed inside the measured window. */
  readonly completed: number;
  /** Failed requests or non-2xx responses, warm-up included. */
  readonly errors: number;
  readonly measuredMs: number;
  readonly perSecond: number;
}
