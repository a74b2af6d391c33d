/**
 * The raw ceiling's sender, run as its own process (forked by bench/raw-ceiling.ts): a bare
 * Node program doing what a delivery worker minimally does — sign a body with HMAC-SHA256 and
 * POST it with undici `request` through one keep-alive Agent — at a fixed concurrency, with
 * no database and no bookkeeping. Answers each {@link RawRunRequest} with a {@link RawRunResult}.
 */
import { createHmac } from 'node:crypto';
import { Agent, request } from 'undici';
import type { RawRunRequest, RawRunResult } from './messages.js';

async function run(job: RawRunRequest): Promise<RawRunResult> {
  const agent = new Agent({ connections: job.concurrency, pipelining: 1 });
  const startedAt = performance.now();
  const measureFrom = startedAt + job.warmupMs;
  const endAt = measureFrom + job.measureMs;
  let completed = 0;
  let errors = 0;

  const loop = async (): Promise<void> => {
    while (performance.now() < endAt) {
      const signature = 'sha256=' + createHmac('sha256', job.secret).update(job.body).digest('hex');
      try {
        const res = await request(job.url, {
          dispatcher: agent,
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'X-TrucklineMP-Signature': signature,
            'X-TrucklineMP-Event': 'vtc.member_joined',
            'X-TrucklineMP-Delivery': 'raw',
            'User-Agent': 'TrucklineMP-Webhooks/bench',
          },
          body: job.body,
        });
        await res.body.dump();
        const finishedAt = performance.now();
        if (res.statusCode < 200 || res.statusCode >= 300) {
          errors++;
        } else if (finishedAt >= measureFrom && finishedAt < endAt) {
          completed++;
        }
      } catch {
        // Counted, not fatal: the figure is what got through.
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, loop));
  await agent.close();
  return {
    id: job.id,
    concurrency: job.concurrency,
    completed,
    errors,
    measuredMs: job.measureMs,
    perSecond: Math.round((completed / job.measureMs) * 1000),
  };
}

process.on('message', (job: RawRunRequest) => {
  void run(job).then((result) => process.send?.(result));
});
process.on('disconnect', () => process.exit(0));
