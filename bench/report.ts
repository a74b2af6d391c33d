/** The printed table and the files under `bench/results/`. */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchResults, PhaseStatus } from './results.js';
import type { Percentiles } from './stats.js';

const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));

const n = (value: number, digits = 0): string =>
  Number.isFinite(value)
    ? value.toLocaleString('en-US', {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      })
    : 'n/a';

const ms = (p: Percentiles): string =>
  `p50 ${n(p.p50, 1)}  p95 ${n(p.p95, 1)}  p99 ${n(p.p99, 1)}  max ${n(p.max, 1)} ms`;

function row(label: string, value: string): string {
  return `  ${label.padEnd(44)} ${value}`;
}

function pgWork(work: BenchResults['throughput']['postgres']): string {
  if (work === null) return 'n/a';
  const tables = Object.entries(work.tables)
    .sort((a, b) => b[1].inserted + b[1].updated - (a[1].inserted + a[1].updated))
    .slice(0, 4)
    .map(([name, t]) => {
      const short = name.replace(/^public\./, '');
      return `${short} +${t.inserted} ~${t.updated} (HOT ${t.hotPercent}%)${t.deleted > 0 ? ` -${t.deleted}` : ''}`;
    });
  return `${work.commits} commits; rows ${tables.join(', ')}`;
}

/** `value` when the phase completed, otherwise what happened to it. */
function orStatus(phase: PhaseStatus, value: () => string): string {
  if (phase.status === 'ok') return value();
  return `${phase.status.toUpperCase()}: ${phase.note ?? ''}`;
}

/** The table printed at the end of a run. */
export function formatTable(results: BenchResults): string {
  const { machine, throughput: t, latency, fanout, history, rssMb } = results;
  const cpu = t.cpu
    ? `${Object.entries(t.cpu.groups)
        .map(([name, percent]) => `${name} ${percent}%`)
        .join(', ')}; busy ${t.cpu.busyPercent}%`
    : 'n/a';
  const rawRuns = t.raw.map((r) => `c${r.concurrency} ${n(r.perSecond)}`).join(', ');
  const checks = Object.entries(results.checks);
  const delivered = checks.reduce((sum, [, check]) => sum + check.verified, 0);
  const failed = checks.filter(([, check]) => !check.ok).map(([phase]) => phase);
  const lines = [
    `TrucklineMP Webhooks bench (${results.mode}) — ${results.startedAt}, ${n(results.durationSeconds)} s`,
    `${machine.cpuModel}, ${machine.cores} cores, ${n(machine.memoryGb, 1)} GB, Node ${machine.node}, ` +
      `Postgres ${machine.postgres}; service LOG_LEVEL=${results.service.logLevel}, ` +
      `retry schedule ${results.service.retrySchedule}` +
      Object.entries(results.service.env)
        .map(([name, value]) => `, ${name}=${value}`)
        .join(''),
    '',
    'figures',
    row(
      'raw ceiling (bare undici sender, signed)',
      `${n(t.rawCeilingPerSecond)}/s at concurrency ${n(t.rawBestConcurrency)} (${rawRuns})`,
    ),
    row(
      `throughput: ${t.webhooks} webhooks, ${t.publishers} publishers`,
      orStatus(
        t,
        () =>
          `${n(t.deliveriesPerSecond)} deliveries/s over ${t.windowSeconds} s (median ${n(t.medianPerSecond)}, lowest ${n(t.minPerSecond)})`,
      ),
    ),
    row('  ratio to raw ceiling', n(t.ratio, 2)),
    row('  events / deliveries', `${n(t.events)} / ${n(t.deliveries)}; publish ${ms(t.publishMs)}`),
    row('  CPU share of the machine (steady window)', cpu),
    row('  Postgres work per delivery', pgWork(t.postgres)),
    row(
      `latency @${latency.deliveriesPerSecond}/s (${latency.eventsPerSecond} ev/s × ${latency.webhooks}), all`,
      orStatus(latency.all, () => ms(latency.all)),
    ),
    row('  publish answered', ms(latency.all.publish)),
    row('  publish answered → arrival', ms(latency.all.afterResponse)),
    row(
      `latency @${latency.deliveriesPerSecond}/s, api + worker processes`,
      orStatus(latency.split, () => ms(latency.split)),
    ),
    row('  publish answered', ms(latency.split.publish)),
    row('  publish answered → arrival', ms(latency.split.afterResponse)),
    row(
      `publishEvent, ${results.publish.publishers} closed-loop publishers`,
      orStatus(
        results.publish,
        () => `${n(results.publish.eventsPerSecond)} events/s; ${ms(results.publish.ms)}`,
      ),
    ),
    row(
      `fan-out: 1 event → ${n(fanout.webhooks)} webhooks`,
      orStatus(
        fanout,
        () =>
          `last arrival ${n(fanout.ms)} ms (publish answered ${n(fanout.publishMs)} ms, first arrival ${n(fanout.firstArrivalMs)} ms)`,
      ),
    ),
    row(
      `history: ${n(history.rows)} rows, first: ${history.pageSize}`,
      `seeded in ${n(history.seedMs / 1000, 1)} s (${n(history.events)} events, ${n(history.attempts)} attempts)`,
    ),
    row(
      '  first page',
      orStatus(history, () => ms(history.firstPage)),
    ),
    row(
      `  deep page (after ${n(history.deepOffset)})`,
      orStatus(history, () => ms(history.deepPage)),
    ),
    row('peak RSS (MB)', `all ${n(rssMb.all)}, api ${n(rssMb.api)}, worker ${n(rssMb.worker)}`),
    row(
      'other load on the machine during the run',
      `${n(machine.foreignCpuPercent, 1)}% of its CPU`,
    ),
    row('createWebhook through the API', `${n(results.service.createWebhookPerSecond)}/s`),
    row(
      'deliveries checked',
      failed.length === 0
        ? `${n(delivered)} arrived once each with a valid signature` +
            (results.publishErrors > 0 ? `; ${results.publishErrors} publish requests failed` : '')
        : `MISSING OR UNVERIFIED in ${failed.join(', ')}`,
    ),
    '',
    'targets',
    ...results.targets.map(
      (target) =>
        `  ${target.pass ? 'PASS' : 'FAIL'}  ${target.name.padEnd(30)} ${`${n(target.value, target.unit === '' ? 2 : target.unit === 'ms' ? 1 : 0)} ${target.unit}`.padEnd(14)} target ${target.target}`,
    ),
    `  ${results.targets.filter((t) => t.pass).length}/${results.targets.length} targets met` +
      (results.mode === 'quick'
        ? ' (quick mode: sizes too small for the targets to mean much)'
        : ''),
  ];
  return lines.join('\n');
}

/**
 * Writes the results and the chart: `latest.json` / `latest.svg` plus a dated copy of the JSON
 * for a full run; `quick-latest.*` for a quick one, so a smoke run never replaces real figures.
 */
export async function writeResults(results: BenchResults, svg: string): Promise<string[]> {
  await fs.mkdir(RESULTS_DIR, { recursive: true });
  const json = `${JSON.stringify(results, null, 2)}\n`;
  const base = results.mode === 'quick' ? 'quick-latest' : 'latest';
  const files = [path.join(RESULTS_DIR, `${base}.json`), path.join(RESULTS_DIR, `${base}.svg`)];
  await fs.writeFile(files[0], json);
  await fs.writeFile(files[1], svg);
  if (results.mode === 'full') {
    // ISO 8601 basic-ish: colons are not allowed in file names everywhere.
    const dated = path.join(RESULTS_DIR, `${results.startedAt.replace(/:/g, '-')}.json`);
    await fs.writeFile(dated, json);
    files.push(dated);
  }
  return files;
}
