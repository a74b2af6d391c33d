/** Turns the phases' outcomes into the result file's figures, the targets and the chart. */
import os from 'node:os';
import { renderChart } from './chart.js';
import type { DeliveryCheck } from './delivery-check.js';
import type { LatencyResult } from './latency.js';
import type { BenchOptions } from './options.js';
import { valueOf, type Outcome } from './outcome.js';
import type { PhaseOutcomes } from './phases.js';
import type { ProfileSummary } from './profile-summary.js';
import type { BenchResults, LatencyFigures, PhaseStatus } from './results.js';
import { round, roundPercentiles, type Percentiles } from './stats.js';
import { judgeTargets } from './targets.js';

const NONE: Percentiles = { count: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN };

function statusOf(outcome: Outcome<unknown>): PhaseStatus {
  return outcome.status === 'ok'
    ? { status: 'ok' }
    : { status: outcome.status, note: outcome.reason };
}

function latencyFigures(outcome: Outcome<LatencyResult>): LatencyFigures {
  const result = valueOf(outcome);
  return {
    ...statusOf(outcome),
    ...roundPercentiles(result?.endToEnd ?? NONE),
    publish: roundPercentiles(result?.publish ?? NONE),
    afterResponse: roundPercentiles(result?.afterResponse ?? NONE),
  };
}

/** The results of a run. `profiles` are the CPU profile summaries, when profiling. */
export function assembleResults(
  options: BenchOptions,
  outcomes: PhaseOutcomes,
  durationSeconds: number,
  profiles: readonly ProfileSummary[] | undefined,
): BenchResults {
  const raw = valueOf(outcomes.raw);
  const throughput = valueOf(outcomes.throughput);
  const fanout = valueOf(outcomes.fanout);
  const history = valueOf(outcomes.history);
  const publish = valueOf(outcomes.publish);
  const { seeded, rssMb } = outcomes;
  const cpus = os.cpus();
  const rate = throughput?.deliveriesPerSecond ?? NaN;
  const ceiling = raw?.perSecond ?? NaN;

  const figures = {
    version: 1 as const,
    mode: options.quick ? ('quick' as const) : ('full' as const),
    startedAt: outcomes.startedAt.toISOString(),
    durationSeconds,
    machine: {
      cpuModel: cpus[0]?.model ?? 'unknown',
      cores: cpus.length,
      memoryGb: round(os.totalmem() / 2 ** 30),
      node: process.version,
      os: `${os.type()} ${os.release()}`,
      postgres: outcomes.postgres,
      foreignCpuPercent: outcomes.foreignCpuPercent,
    },
    service: {
      logLevel: options.serviceLogLevel,
      retrySchedule: 'default (30s,2m,10m)',
      createWebhookPerSecond: Math.round(outcomes.createWebhookPerSecond),
      env: options.serviceEnv,
    },
    throughput: {
      ...statusOf(outcomes.throughput),
      deliveriesPerSecond: rate,
      rawCeilingPerSecond: ceiling,
      ratio: round(rate / ceiling, 3),
      rawBestConcurrency: raw?.concurrency ?? NaN,
      raw: raw?.runs ?? [],
      webhooks: options.sizes.throughput.webhooks,
      publishers: options.sizes.throughput.publishers,
      maxOutstanding: options.sizes.throughput.maxOutstanding,
      windowSeconds: throughput?.windowSeconds ?? 0,
      medianPerSecond: throughput?.medianPerSecond ?? NaN,
      minPerSecond: throughput?.minPerSecond ?? NaN,
      events: throughput?.events ?? 0,
      deliveries: throughput?.deliveries ?? 0,
      publishMs: roundPercentiles(throughput?.publishMs ?? NONE),
      drainMs: throughput?.drainMs ?? NaN,
      series: throughput?.series ?? [],
      cpu: throughput?.cpu ?? null,
      postgres: throughput?.postgres ?? null,
    },
    latency: {
      eventsPerSecond: options.sizes.latency.eventsPerSecond,
      webhooks: options.sizes.latency.webhooks,
      deliveriesPerSecond: options.sizes.latency.eventsPerSecond * options.sizes.latency.webhooks,
      all: latencyFigures(outcomes.latencyAll),
      split: latencyFigures(outcomes.latencySplit),
    },
    publish: {
      ...statusOf(outcomes.publish),
      eventsPerSecond: publish?.eventsPerSecond ?? NaN,
      publishers: options.sizes.publish.publishers,
      ms: roundPercentiles(publish?.ms ?? NONE),
    },
    fanout: {
      ...statusOf(outcomes.fanout),
      ms: fanout?.ms ?? NaN,
      webhooks: options.sizes.fanout.webhooks,
      publishMs: fanout?.publishMs ?? NaN,
      firstArrivalMs: fanout?.firstArrivalMs ?? NaN,
    },
    history: {
      ...statusOf(outcomes.history),
      rows: seeded.deliveries,
      events: seeded.events,
      attempts: seeded.attempts,
      seedMs: seeded.seedMs,
      deepOffset: options.sizes.history.deepOffset,
      pageSize: history?.pageSize ?? 50,
      firstPage: roundPercentiles(history?.firstPage ?? NONE),
      deepPage: roundPercentiles(history?.deepPage ?? NONE),
    },
    rssMb: { ...rssMb, max: Math.max(rssMb.all, rssMb.api, rssMb.worker) },
  };

  const checks: Record<string, DeliveryCheck> = {};
  if (raw) {
    checks.raw = {
      expected: raw.receiverVerified + raw.receiverRejected,
      verified: raw.receiverVerified,
      badSignature: raw.receiverRejected,
      unknownPath: 0,
      duplicates: 0,
      ok: raw.receiverRejected === 0,
    };
  }
  const phaseChecks = {
    throughput: throughput?.check,
    latencyAll: valueOf(outcomes.latencyAll)?.check,
    fanout: fanout?.check,
    latencySplit: valueOf(outcomes.latencySplit)?.check,
    publish: publish?.check,
  };
  for (const [phase, check] of Object.entries(phaseChecks)) if (check) checks[phase] = check;
  const publishErrors = [outcomes.latencyAll, outcomes.latencySplit].reduce(
    (sum, o) => sum + (valueOf(o)?.publishErrors ?? 0),
    0,
  );
  const completed = [
    outcomes.raw,
    outcomes.throughput,
    outcomes.latencyAll,
    outcomes.latencySplit,
    outcomes.publish,
    outcomes.fanout,
    outcomes.history,
  ].every((o) => o.status === 'ok');

  return {
    ...figures,
    targets: judgeTargets(figures),
    checks,
    publishErrors,
    ok: completed && publishErrors === 0 && Object.values(checks).every((c) => c.ok),
    ...(profiles ? { profiles } : {}),
  };
}

/** The chart of a run. */
export function chartOf(results: BenchResults, outcomes: PhaseOutcomes): string {
  const throughput = results.throughput;
  const lines = [
    { label: 'target 3,000/s', value: 3000, color: '#d62728' },
    ...(Number.isFinite(throughput.rawCeilingPerSecond)
      ? [
          {
            label: `raw ceiling ${throughput.rawCeilingPerSecond}/s`,
            value: throughput.rawCeilingPerSecond,
            color: '#555',
          },
        ]
      : []),
    ...(Number.isFinite(throughput.deliveriesPerSecond)
      ? [
          {
            label: `steady ${throughput.deliveriesPerSecond}/s`,
            value: throughput.deliveriesPerSecond,
            color: '#2ca02c',
          },
        ]
      : []),
  ];
  return renderChart({
    title: `TrucklineMP Webhooks bench (${results.mode}) — ${results.startedAt} — ${results.machine.cores} × ${results.machine.cpuModel}`,
    latency: [
      { name: 'role all', samples: valueOf(outcomes.latencyAll)?.samples ?? [] },
      { name: 'api + worker', samples: valueOf(outcomes.latencySplit)?.samples ?? [] },
    ],
    latencyTargets: [
      { label: 'p50 target', ms: 15 },
      { label: 'p99 target', ms: 100 },
    ],
    throughput: throughput.series,
    throughputLines: lines,
  });
}
