/**
 * Summaries of V8 CPU profiles (`node --cpu-prof`) over time windows: where a service process
 * spent a phase, by package and by function (self time). Sample times are CLOCK_MONOTONIC µs,
 * the clock of {@link monotonicUs}, so windows recorded by the orchestrator line up.
 */
import fs from 'node:fs';

/** A named span of monotonic time (µs). */
export interface TimeWindow {
  readonly name: string;
  readonly startUs: number;
  readonly endUs: number;
}

/** Where one process spent one window. */
export interface ProfileSummary {
  readonly profile: string;
  readonly window: string;
  readonly seconds: number;
  /** Share of samples that were not idle. */
  readonly busyPercent: number;
  /** Self time by package (or GC, node core, service file), % of busy samples. */
  readonly byPackage: ReadonlyArray<{ name: string; percent: number }>;
  /** Hottest functions by self time, % of busy samples. */
  readonly topFunctions: ReadonlyArray<{ name: string; percent: number }>;
}

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: CallFrame }>;
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const TOP_FUNCTIONS = 15;
const TOP_PACKAGES = 10;

/** Summarizes `file` over each window of `windows` that falls inside the profile. */
export function summarizeProfile(file: string, windows: readonly TimeWindow[]): ProfileSummary[] {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const summaries: ProfileSummary[] = [];
  for (const window of windows) {
    if (window.endUs < profile.startTime || window.startUs > profile.endTime) continue;
    summaries.push(summarizeWindow(file, profile, frames, window));
  }
  return summaries;
}

function summarizeWindow(
  file: string,
  profile: CpuProfile,
  frames: Map<number, CallFrame>,
  window: TimeWindow,
): ProfileSummary {
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let total = 0;
  let idle = 0;
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    if (at < window.startUs || at > window.endUs) continue;
    const frame = frames.get(profile.samples[i]);
    if (frame === undefined) continue;
    total++;
    if (frame.functionName === '(idle)') {
      idle++;
      continue;
    }
    const name = `${frame.functionName || '(anonymous)'} ${shortLocation(frame)}`.trim();
    byFunction.set(name, (byFunction.get(name) ?? 0) + 1);
    const group = packageOf(frame);
    byPackage.set(group, (byPackage.get(group) ?? 0) + 1);
  }
  const busy = Math.max(1, total - idle);
  const top = (counts: Map<string, number>, limit: number) =>
    [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, count]) => ({ name, percent: Math.round((count / busy) * 1000) / 10 }));
  return {
    profile: file.split('/').at(-1) ?? file,
    window: window.name,
    seconds: Math.round((window.endUs - window.startUs) / 1e5) / 10,
    busyPercent: total === 0 ? 0 : Math.round(((total - idle) / total) * 1000) / 10,
    byPackage: top(byPackage, TOP_PACKAGES),
    topFunctions: top(byFunction, TOP_FUNCTIONS),
  };
}

/** `pkg/file.js:line` for a dependency, `dist/…:line` for the service, `node:…` for core. */
function shortLocation(frame: CallFrame): string {
  if (frame.url === '') return '';
  const line = frame.lineNumber + 1;
  const modules = frame.url.lastIndexOf('/node_modules/');
  if (modules >= 0) return `${frame.url.slice(modules + 14)}:${line}`;
  const dist = frame.url.lastIndexOf('/dist/');
  if (dist >= 0) return `${frame.url.slice(dist + 1)}:${line}`;
  return `${frame.url.replace(/^file:\/\//, '')}:${line}`;
}

/** The package, runtime part or service file a frame belongs to. */
function packageOf(frame: CallFrame): string {
  if (frame.url === '') {
    return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  }
  if (frame.url.startsWith('node:')) return 'node core';
  const modules = frame.url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const parts = frame.url.slice(modules + 14).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const dist = frame.url.lastIndexOf('/dist/');
  if (dist >= 0) return `service ${frame.url.slice(dist + 6).split('/')[0]}`;
  return 'other';
}

/** Human-readable lines of a summary. */
export function formatProfileSummary(summary: ProfileSummary): string {
  const packages = summary.byPackage.map((p) => `${p.name} ${p.percent}%`).join(', ');
  const functions = summary.topFunctions.map(
    (f) => `      ${f.percent.toFixed(1).padStart(5)}%  ${f.name}`,
  );
  return [
    `  ${summary.profile} during ${summary.window} (${summary.seconds} s, ${summary.busyPercent}% of one core busy)`,
    `    self time by package: ${packages}`,
    '    hottest functions (self time, % of busy samples):',
    ...functions,
  ].join('\n');
}
