/** The shape of `bench/results/*.json`: every figure of one run. */
import type { CpuShare } from './cpu.js';
import type { DeliveryCheck } from './delivery-check.js';
import type { RawRunResult } from './messages.js';
import type { PgWorkPerDelivery } from './pg-activity.js';
import type { ProfileSummary } from './profile-summary.js';
import type { Percentiles } from './stats.js';

/** Whether a phase produced figures; its numbers are null in JSON when it did not. */
export interface PhaseStatus {
  readonly status: 'ok' | 'stalled' | 'skipped';
  /** Why it stalled or was skipped, with the service's state at that moment. */
  readonly note?: string;
}

/** Latency figures of one mode (milliseconds). */
export interface LatencyFigures extends Percentiles, PhaseStatus {
  /** Publish request start → publish response. */
  readonly publish: Percentiles;
  /** Publish response → arrival. */
  readonly afterResponse: Percentiles;
}

/** A target of the issue, and whether this run met it. */
export interface TargetResult {
  readonly name: string;
  readonly target: string;
  readonly value: number;
  readonly unit: string;
  readonly pass: boolean;
}

/** One run's figures, as written to `latest.json`. */
export interface BenchResults {
  readonly version: 1;
  readonly mode: 'full' | 'quick';
  readonly startedAt: string;
  readonly durationSeconds: number;
  readonly machine: {
    readonly cpuModel: string;
    readonly cores: number;
    readonly memoryGb: number;
    readonly node: string;
    readonly os: string;
    readonly postgres: string;
    /** Share of the machine other processes (not this run's) used during the run. */
    readonly foreignCpuPercent: number;
  };
  readonly service: {
    readonly logLevel: string;
    readonly retrySchedule: string;
    /** createWebhook calls per second through the API (the throughput webhooks). */
    readonly createWebhookPerSecond: number;
    readonly env: Readonly<Record<string, string>>;
  };
  readonly throughput: PhaseStatus & {
    readonly deliveriesPerSecond: number;
    readonly rawCeilingPerSecond: number;
    readonly ratio: number;
    readonly rawBestConcurrency: number;
    readonly raw: readonly RawRunResult[];
    readonly webhooks: number;
    readonly publishers: number;
    readonly maxOutstanding: number;
    readonly windowSeconds: number;
    readonly medianPerSecond: number;
    readonly minPerSecond: number;
    readonly events: number;
    readonly deliveries: number;
    readonly publishMs: Percentiles;
    readonly drainMs: number;
    /** Verified arrivals per second since the phase started: `[second, count]`. */
    readonly series: ReadonlyArray<readonly [number, number]>;
    /** CPU share of the machine by process group during the steady window. */
    readonly cpu: CpuShare | null;
    /** Postgres commits and rows written per delivery during the steady window. */
    readonly postgres: PgWorkPerDelivery | null;
  };
  readonly latency: {
    readonly eventsPerSecond: number;
    readonly webhooks: number;
    readonly deliveriesPerSecond: number;
    readonly all: LatencyFigures;
    readonly split: LatencyFigures;
  };
  /** publishEvent calls per second with closed-loop publishers (one subscriber per event). */
  readonly publish: PhaseStatus & {
    readonly eventsPerSecond: number;
    readonly publishers: number;
    readonly ms: Percentiles;
  };
  readonly fanout: PhaseStatus & {
    readonly ms: number;
    readonly webhooks: number;
    readonly publishMs: number;
    readonly firstArrivalMs: number;
  };
  readonly history: PhaseStatus & {
    readonly rows: number;
    readonly events: number;
    readonly attempts: number;
    readonly seedMs: number;
    readonly deepOffset: number;
    readonly pageSize: number;
    readonly firstPage: Percentiles;
    readonly deepPage: Percentiles;
  };
  readonly rssMb: {
    readonly all: number;
    readonly api: number;
    readonly worker: number;
    readonly max: number;
  };
  readonly targets: readonly TargetResult[];
  /** Per phase: did every delivery arrive, once, verified. */
  readonly checks: Readonly<Record<string, DeliveryCheck>>;
  /** Publish requests that failed in the latency phases. */
  readonly publishErrors: number;
  /** Every phase completed, every check passed, no publish failed. */
  readonly ok: boolean;
  readonly profiles?: readonly ProfileSummary[];
}
