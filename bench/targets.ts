/** The targets, judged against a run's figures. */
import type { BenchResults, TargetResult } from './results.js';

type Figures = Omit<BenchResults, 'targets' | 'ok' | 'checks' | 'profiles' | 'publishErrors'>;

function atLeast(name: string, value: number, min: number, unit: string): TargetResult {
  return {
    name,
    target: `≥ ${min.toLocaleString('en-US')} ${unit}`.trim(),
    value,
    unit,
    pass: value >= min,
  };
}

function atMost(name: string, value: number, max: number, unit: string): TargetResult {
  return {
    name,
    target: `≤ ${max.toLocaleString('en-US')} ${unit}`.trim(),
    value,
    unit,
    pass: value <= max,
  };
}

/** Every target with its verdict. */
export function judgeTargets(figures: Figures): TargetResult[] {
  const { throughput, latency, fanout, history, rssMb } = figures;
  return [
    atLeast('sustained deliveries/s', throughput.deliveriesPerSecond, 3000, '/s'),
    atLeast('ratio to raw ceiling', throughput.ratio, 0.35, ''),
    atMost('latency p50, role all', latency.all.p50, 15, 'ms'),
    atMost('latency p99, role all', latency.all.p99, 100, 'ms'),
    atMost('latency p50, api + worker', latency.split.p50, 15, 'ms'),
    atMost('latency p99, api + worker', latency.split.p99, 100, 'ms'),
    atMost(`fan-out to ${fanout.webhooks.toLocaleString('en-US')}`, fanout.ms, 5000, 'ms'),
    atMost('history p99, first page', history.firstPage.p99, 20, 'ms'),
    atMost('history p99, deep page', history.deepPage.p99, 20, 'ms'),
    atMost('peak RSS per process', rssMb.max, 300, 'MB'),
  ];
}
