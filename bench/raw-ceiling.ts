/**
 * The raw ceiling: how many signed POSTs per second a bare Node sender gets through to the
 * same receiver with the same body, at its best concurrency. The service's throughput is
 * reported as a ratio of it.
 */
import { randomBytes } from 'node:crypto';
import { forkBenchProcess, stopChild } from './child.js';
import type { RawRunRequest, RawRunResult } from './messages.js';
import type { Progress } from './progress.js';
import type { Receiver } from './receiver.client.js';

/** The ceiling and every concurrency tried. */
export interface RawCeiling {
  readonly perSecond: number;
  readonly concurrency: number;
  readonly runs: readonly RawRunResult[];
  /** Requests the receiver verified, warm-up included; must equal what the sender sent. */
  readonly receiverVerified: number;
  readonly receiverRejected: number;
}

/** Runs the raw sender at each concurrency of `concurrencies` and keeps the best. */
export async function measureRawCeiling(
  receiver: Receiver,
  body: string,
  options: { concurrencies: readonly number[]; warmupMs: number; measureMs: number },
  progress: Progress,
): Promise<RawCeiling> {
  const secret = 'whsec_' + randomBytes(32).toString('base64url');
  await receiver.addSecrets([['raw', secret]]);
  await receiver.reset();
  const child = forkBenchProcess('./raw-sender.ts');
  const runs: RawRunResult[] = [];
  try {
    for (const [index, concurrency] of options.concurrencies.entries()) {
      progress.update(`concurrency ${concurrency}`);
      const job: RawRunRequest = {
        id: index,
        url: receiver.urlFor('raw'),
        secret,
        body,
        concurrency,
        // The first run also warms the JIT of both processes up.
        warmupMs: index === 0 ? options.warmupMs * 3 : options.warmupMs,
        measureMs: options.measureMs,
      };
      const result = await new Promise<RawRunResult>((resolve, reject) => {
        child.once('message', (message: RawRunResult) => resolve(message));
        child.once('exit', (code) => reject(new Error(`the raw sender exited (code ${code})`)));
        child.send(job);
      });
      child.removeAllListeners('exit');
      runs.push(result);
      progress.note(`raw c=${concurrency}: ${result.perSecond}/s (${result.errors} errors)`);
    }
  } finally {
    await stopChild(child);
  }
  const counts = await receiver.count();
  const best = runs.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
  return {
    perSecond: best.perSecond,
    concurrency: best.concurrency,
    runs,
    receiverVerified: counts.verified,
    receiverRejected: counts.badSignature + counts.unknownPath,
  };
}
