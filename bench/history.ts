/**
 * History queries: `deliveries(first: 50)` exactly as the typed client's `Deliveries`
 * operation selects it, on the newest page and on a page deep in the cursor. Requests are
 * sequential and alternate between the two pages.
 */
import type { WebhooksClient } from '../client/src/index.js';
import { monotonicUs } from './clock.js';
import type { Progress } from './progress.js';
import type { SeededHistory } from './seed-history.js';
import { requestSignal } from './stall.js';
import { summarize, type Percentiles } from './stats.js';

/** Response times of the two pages (milliseconds). */
export interface HistoryResult {
  readonly pageSize: number;
  readonly firstPage: Percentiles;
  readonly deepPage: Percentiles;
}

const PAGE_SIZE = 50;

/** Times `queries` requests of each page after `warmup` unmeasured ones. */
export async function measureHistory(
  api: WebhooksClient,
  seeded: SeededHistory,
  options: {
    readonly queries: number;
    readonly warmup: number;
    readonly onWindow?: (startUs: number, endUs: number) => void;
  },
  progress: Progress,
): Promise<HistoryResult> {
  const first: number[] = [];
  const deep: number[] = [];
  let windowStartUs = monotonicUs();
  for (let round = 0; round < options.warmup + options.queries; round++) {
    if (round === options.warmup) windowStartUs = monotonicUs();
    if (round % 20 === 0) progress.update(`${round}/${options.warmup + options.queries} rounds`);
    const isMeasured = round >= options.warmup;

    let started = performance.now();
    const newest = await api.deliveries({ first: PAGE_SIZE }, { signal: requestSignal() });
    if (isMeasured) first.push(performance.now() - started);
    if (newest.deliveries.edges.length !== PAGE_SIZE) {
      throw new Error(`the first page has ${newest.deliveries.edges.length} deliveries`);
    }

    started = performance.now();
    const older = await api.deliveries(
      { first: PAGE_SIZE, after: seeded.deepCursor },
      { signal: requestSignal() },
    );
    if (isMeasured) deep.push(performance.now() - started);
    if (older.deliveries.edges[0]?.node.id !== seeded.deepFirstId) {
      throw new Error('the deep page does not start right after its cursor');
    }
  }
  options.onWindow?.(windowStartUs, monotonicUs());
  return { pageSize: PAGE_SIZE, firstPage: summarize(first), deepPage: summarize(deep) };
}
