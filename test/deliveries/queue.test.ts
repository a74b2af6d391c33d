import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { Database } from '../../server/src/db/database.js';
import { createLogger } from '../../server/src/logger.js';
import {
  createDispatchQueue,
  DISPATCH_QUEUE,
  enqueueDeliveries,
  startQueue,
} from '../../server/src/deliveries/delivery.queue.js';

let database: TestDatabase;
let db: Database;
let boss: PgBoss;

beforeAll(async () => {
  database = await createTestDatabase('queue');
  const log = createLogger('silent');
  db = new Database(database.url, log);
  boss = await startQueue(db, log);
  await createDispatchQueue(boss);
});
afterAll(async () => {
  await boss?.stop({ graceful: false, wait: true, close: false });
  await db?.close();
  await database?.drop();
});

async function jobCount(): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'select count(*)::int as n from pgboss.job where name = $1',
    [DISPATCH_QUEUE],
  );
  return rows[0].n;
}

describe('enqueueDeliveries', () => {
  it('makes its jobs part of the caller’s transaction: commit keeps them', async () => {
    const before = await jobCount();
    const ids = Array.from({ length: 250 }, () => crypto.randomUUID());
    await db.transaction((client) => enqueueDeliveries(boss, client, ids));
    // 250 deliveries → jobs of 100, 100 and 50.
    expect(await jobCount()).toBe(before + 3);
    const jobs = await boss.fetch<{ ids: string[] }>(DISPATCH_QUEUE, { batchSize: 10 });
    expect(jobs.flatMap((j) => j.data.ids).sort()).toEqual([...ids].sort());
  });

  it('and rollback removes them', async () => {
    const before = await jobCount();
    await expect(
      db.transaction(async (client) => {
        await enqueueDeliveries(boss, client, [crypto.randomUUID()]);
        throw new Error('publishing failed after the jobs were inserted');
      }),
    ).rejects.toThrow('publishing failed');
    expect(await jobCount()).toBe(before);
  });
});
