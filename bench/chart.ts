/**
 * The run's chart as a self-contained SVG: the latency distribution (CDF, log-scaled time) of
 * both modes, and delivered requests per second over the throughput phase.
 */
import { percentileOfSorted } from './stats.js';

/** What the chart draws. */
export interface ChartData {
  readonly title: string;
  /** End-to-end latencies (ms, ascending) by mode name. */
  readonly latency: ReadonlyArray<{ name: string; samples: readonly number[] }>;
  readonly latencyTargets: ReadonlyArray<{ label: string; ms: number }>;
  /** `[second since start, deliveries]`. */
  readonly throughput: ReadonlyArray<readonly [number, number]>;
  readonly throughputLines: ReadonlyArray<{ label: string; value: number; color: string }>;
}

const WIDTH = 1000;
const HEIGHT = 440;
const PANEL = { top: 60, bottom: 380, width: 400 };
const LEFT_X = 70;
const RIGHT_X = 570;
const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c'];
/** The latency chart's top: 99.9 % (the runs have a few thousand samples). */
const MAX_QUANTILE = 0.999;

const esc = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function text(x: number, y: number, body: string, attrs = ''): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attrs}>${esc(body)}</text>`;
}

function line(x1: number, y1: number, x2: number, y2: number, attrs: string): string {
  return `<line x1="${x1.toFixed(1)}" y1="${y1.toFixed(1)}" x2="${x2.toFixed(1)}" y2="${y2.toFixed(1)}" ${attrs}/>`;
}

function polyline(points: ReadonlyArray<readonly [number, number]>, color: string): string {
  const list = points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
  return `<polyline points="${list}" fill="none" stroke="${color}" stroke-width="2"/>`;
}

/** Powers of ten times 1, 2, 5 between `min` and `max`. */
function logTicks(min: number, max: number): number[] {
  const ticks: number[] = [];
  for (let exp = Math.floor(Math.log10(min)); exp <= Math.ceil(Math.log10(max)); exp++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** exp;
      if (v >= min && v <= max) ticks.push(v);
    }
  }
  return ticks;
}

/** The largest 1, 2 or 5 × 10^k at or below `value`. */
function niceLogFloor(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  return [5, 2, 1].map((m) => m * power).find((v) => v <= value) ?? power;
}

/** The smallest 1, 2 or 5 × 10^k at or above `value`. */
function niceLogCeil(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((m) => m * power).find((v) => v >= value) ?? 10 * power;
}

function niceStep(max: number, steps: number): number {
  const raw = max / steps;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
}

function latencyPanel(data: ChartData): string[] {
  const all = data.latency.flatMap((l) => l.samples).filter((v) => v > 0);
  const parts: string[] = [];
  const x0 = LEFT_X;
  const { top, bottom, width } = PANEL;
  parts.push(text(x0, top - 20, 'Latency: publish start → arrival (CDF)', 'font-weight="bold"'));
  if (all.length === 0) return parts;

  const targetMax = Math.max(...data.latencyTargets.map((t) => t.ms));
  const min = niceLogFloor(Math.min(...all) * 0.9);
  const max = niceLogCeil(Math.max(targetMax * 1.2, Math.max(...all) * 1.1));
  const xOf = (v: number) =>
    x0 + ((Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))) * width;
  // "Nines" scale: 0 %, 90 %, 99 %, 99.9 % equally spaced, so the tail is readable.
  const nines = (q: number) => -Math.log10(1 - Math.min(q, MAX_QUANTILE));
  const yOf = (q: number) => bottom - (nines(q) / nines(MAX_QUANTILE)) * (bottom - top);

  for (const tick of logTicks(min, max)) {
    parts.push(line(xOf(tick), top, xOf(tick), bottom, 'stroke="#eee"'));
    parts.push(text(xOf(tick), bottom + 16, `${tick}`, 'text-anchor="middle" font-size="11"'));
  }
  for (const q of [0, 0.5, 0.9, 0.99, MAX_QUANTILE]) {
    parts.push(line(x0, yOf(q), x0 + width, yOf(q), 'stroke="#eee"'));
    const label = `${Math.round(q * 1000) / 10}%`;
    parts.push(text(x0 - 6, yOf(q) + 4, label, 'text-anchor="end" font-size="11"'));
  }
  for (const target of data.latencyTargets) {
    parts.push(
      line(xOf(target.ms), top, xOf(target.ms), bottom, 'stroke="#d62728" stroke-dasharray="4 3"'),
    );
    parts.push(text(xOf(target.ms) + 3, top + 12, target.label, 'font-size="11" fill="#d62728"'));
  }
  data.latency.forEach((series, index) => {
    const color = COLORS[index % COLORS.length];
    const points: Array<readonly [number, number]> = [];
    for (let i = 0; i <= 300; i++) {
      // Evenly spaced on the nines scale, from 0 % to 99.9 %.
      const q = 1 - 10 ** (-(i / 300) * nines(MAX_QUANTILE));
      const v = percentileOfSorted(series.samples, Math.max(q * 100, 0.01));
      if (Number.isFinite(v) && v > 0) points.push([xOf(v), yOf(q)]);
    }
    parts.push(polyline(points, color));
    parts.push(
      text(x0 + 10, top + 30 + index * 16, `— ${series.name}`, `font-size="12" fill="${color}"`),
    );
  });
  parts.push(line(x0, bottom, x0 + width, bottom, 'stroke="#333"'));
  parts.push(line(x0, top, x0, bottom, 'stroke="#333"'));
  parts.push(
    text(
      x0 + width / 2,
      bottom + 34,
      'milliseconds (log scale)',
      'text-anchor="middle" font-size="12"',
    ),
  );
  return parts;
}

function throughputPanel(data: ChartData): string[] {
  const parts: string[] = [];
  const x0 = RIGHT_X;
  const { top, bottom, width } = PANEL;
  parts.push(text(x0, top - 20, 'Throughput: verified arrivals per second', 'font-weight="bold"'));
  if (data.throughput.length === 0) return parts;

  const lastSecond = Math.max(...data.throughput.map(([s]) => s)) + 1;
  const maxValue =
    Math.max(...data.throughput.map(([, c]) => c), ...data.throughputLines.map((l) => l.value)) *
    1.1;
  const xOf = (s: number) => x0 + (s / lastSecond) * width;
  const yOf = (v: number) => bottom - (v / maxValue) * (bottom - top);
  const step = niceStep(maxValue, 6);
  for (let v = 0; v <= maxValue; v += step) {
    parts.push(line(x0, yOf(v), x0 + width, yOf(v), 'stroke="#eee"'));
    parts.push(
      text(x0 - 6, yOf(v) + 4, v.toLocaleString('en-US'), 'text-anchor="end" font-size="11"'),
    );
  }
  const secondStep = niceStep(lastSecond, 8);
  for (let s = 0; s <= lastSecond; s += secondStep) {
    parts.push(text(xOf(s), bottom + 16, `${s}`, 'text-anchor="middle" font-size="11"'));
  }
  const barWidth = Math.max(1, width / lastSecond - 1);
  for (const [second, count] of data.throughput) {
    parts.push(
      `<rect x="${xOf(second).toFixed(1)}" y="${yOf(count).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(bottom - yOf(count)).toFixed(1)}" fill="#9ecae1"/>`,
    );
  }
  data.throughputLines.forEach((ref, index) => {
    parts.push(
      line(
        x0,
        yOf(ref.value),
        x0 + width,
        yOf(ref.value),
        `stroke="${ref.color}" stroke-dasharray="5 3" stroke-width="1.5"`,
      ),
    );
    parts.push(
      text(
        x0 + width - 4,
        yOf(ref.value) - 4 - (index % 2) * 0,
        ref.label,
        `text-anchor="end" font-size="11" fill="${ref.color}"`,
      ),
    );
  });
  parts.push(line(x0, bottom, x0 + width, bottom, 'stroke="#333"'));
  parts.push(line(x0, top, x0, bottom, 'stroke="#333"'));
  parts.push(
    text(
      x0 + width / 2,
      bottom + 34,
      'seconds since the phase started',
      'text-anchor="middle" font-size="12"',
    ),
  );
  return parts;
}

/** Renders the chart. */
export function renderChart(data: ChartData): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    text(WIDTH / 2, 22, data.title, 'text-anchor="middle" font-size="14"'),
    ...latencyPanel(data),
    ...throughputPanel(data),
    '</svg>',
    '',
  ].join('\n');
}
