import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { Receiver } from '../support/receiver.js';
import { ServiceProcess } from '../support/process.js';
import { testEnv, eventually } from '../support/service.js';
import { createWebhooksClient } from '../../client/src/index.js';

// These tests run the built service as separate processes and kill them, as an operator or a
// crash would. They report the counts they saw in their assertion messages.

let receiver: Receiver;
const running: ServiceProcess[] = [];
const databases: TestDatabase[] = [];

beforeAll(async () => {
  receiver = await new Receiver().start();
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.stop()));
  await Promise.all(databases.splice(0).map((d) => d.drop()));
});
afterAll(async () => {
  await receiver?.stop();
});

async function environment(extra: Record<string, string> = {}) {
  const db = await createTestDatabase('crash');
  databases.push(db);
  return { ...testEnv(extra), DATABASE_URL: db.url };
}

async function start(env: Record<string, string>) {
  const { proc, port } = await ServiceProcess.start(env);
  running.push(proc);
  return { proc, port };
}

async function developer(port: number, env: Record<string, string>) {
  const url = `http://127.0.0.1:${port}/graphql`;
  const platform = createWebhooksClient({ url, token: env.PLATFORM_API_KEY });
  const { createAccount } = await platform.createAccount({ name: 'Crash' });
  return { platform, dev: createWebhooksClient({ url, token: createAccount.token }) };
}

async function hook(dev: ReturnType<typeof createWebhooksClient>, path: string, extra = {}) {
  const { createWebhook } = await dev.createWebhook({
    input: { name: path, url: receiver.url(path), events: ['vtc.created'], ...extra },
  });
  receiver.expectSecret(path, createWebhook.secret);
  return createWebhook.webhook.id;
}

async function statusCounts(url: string) {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const { rows } = await db.query<{ status: string; n: number }>(
      'select status, count(*)::int as n from deliveries group by status',
    );
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  } finally {
    await db.end();
  }
}

describe('at least once', () => {
  it('delivers everything published before a kill -9, after a restart', async () => {
    const env = await environment();
    const first = await start(env);
    const { platform, dev } = await developer(first.port!, env);
    const paths = Array.from({ length: 10 }, (_, i) => `/k9/${i}`);
    for (const path of paths) {
      await hook(dev, path, { timeoutSeconds: 1 });
      receiver.reply(path, () => ({ delayMs: 200 }));
    }

    const eventIds: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { publishEvent } = await platform.publishEvent({
        input: { type: 'vtc.created', data: { i } },
      });
      eventIds.push(publishEvent.event.id);
    }
    first.proc.kill('SIGKILL');
    await first.proc.waitForExit();
    const arrivedBeforeKill = new Set(receiver.received.map((r) => r.body)).size;

    await start(env);
    const expected = paths.length * eventIds.length;
    await eventually(
      () => {
        const seen = new Set(
          receiver.received
            .filter((r) => r.path.startsWith('/k9/'))
            .map((r) => `${r.path} ${r.headers['x-trucklinemp-delivery']}`),
        );
        return seen.size === expected ? seen : undefined;
      },
      40_000,
      `${expected} distinct deliveries (${arrivedBeforeKill} distinct bodies had arrived before the kill)`,
    );
    expect(
      receiver.received.filter((r) => r.path.startsWith('/k9/')).every((r) => r.verified),
    ).toBe(true);
    await eventually(async () => {
      const counts = await statusCounts(env.DATABASE_URL);
      return counts.SUCCEEDED === expected ? counts : undefined;
    }, 40_000);
  }, 90_000);

  it('makes another attempt when the worker dies mid-attempt', async () => {
    const env = await environment();
    const first = await start(env);
    const { platform, dev } = await developer(first.port!, env);
    const path = '/mid-attempt';
    await hook(dev, path, { timeoutSeconds: 2 });
    receiver.reply(path, () => (receiver.at(path).length === 1 ? { hang: true } : {}));

    await platform.publishEvent({ input: { type: 'vtc.created', data: {} } });
    await receiver.waitFor(path, 1);
    first.proc.kill('SIGKILL');
    await first.proc.waitForExit();

    await start(env);
    const [killed, retried] = await receiver.waitFor(path, 2, 40_000);
    expect(retried.body).toBe(killed.body);
    expect(retried.verified).toBe(true);
    await eventually(async () => {
      const counts = await statusCounts(env.DATABASE_URL);
      return counts.SUCCEEDED === 1 ? counts : undefined;
    }, 10_000);
  }, 90_000);
});

describe('roles', () => {
  it('starts two processes at once on an empty database; migrations apply once', async () => {
    const env = await environment();
    const [api, worker] = await Promise.all([
      start({ ...env, WEBHOOKS_ROLE: 'api' }),
      start({ ...env, WEBHOOKS_ROLE: 'worker' }),
    ]);
    const applied = [api, worker].filter((p) => p.proc.output.includes('migrations applied'));
    expect(applied).toHaveLength(1);
    const { dev } = await developer(api.port!, env);
    await expect(dev.viewer()).resolves.toBeDefined();
    expect(worker.port).toBeNull();
  }, 60_000);

  it('shares the work between two worker processes without duplicates', async () => {
    const env = await environment();
    const api = await start({ ...env, WEBHOOKS_ROLE: 'api' });
    const workers = [
      await start({ ...env, WEBHOOKS_ROLE: 'worker' }),
      await start({ ...env, WEBHOOKS_ROLE: 'worker' }),
    ];
    const { platform, dev } = await developer(api.port!, env);
    const paths = Array.from({ length: 20 }, (_, i) => `/two/${i}`);
    for (const path of paths) await hook(dev, path);

    const events = 20;
    for (let i = 0; i < events; i++) {
      await platform.publishEvent({ input: { type: 'vtc.created', data: { i } } });
    }
    const expected = paths.length * events;
    await eventually(
      () =>
        receiver.received.filter((r) => r.path.startsWith('/two/')).length >= expected
          ? true
          : undefined,
      30_000,
      `${expected} deliveries`,
    );
    await new Promise((r) => setTimeout(r, 500));

    const keys = receiver.received
      .filter((r) => r.path.startsWith('/two/'))
      .map((r) => `${r.path} ${r.headers['x-trucklinemp-delivery']}`);
    expect(keys).toHaveLength(expected);
    expect(new Set(keys).size).toBe(expected);
    const perWorker = workers.map(
      (w) => w.proc.logLines().filter((l) => l.msg === 'delivery attempt finished').length,
    );
    expect(perWorker[0] + perWorker[1]).toBe(expected);
    expect(Math.min(...perWorker), `split ${perWorker.join('/')}`).toBeGreaterThan(0);
    expect(api.proc.logLines().some((l) => l.msg === 'delivery attempt finished')).toBe(false);
  }, 90_000);

  it('lets an attempt in flight finish on SIGTERM before exiting', async () => {
    const env = await environment();
    const svc = await start(env);
    const { platform, dev } = await developer(svc.port!, env);
    const path = '/drain';
    await hook(dev, path);
    receiver.reply(path, () => ({ delayMs: 1500 }));

    await platform.publishEvent({ input: { type: 'vtc.created', data: {} } });
    await receiver.waitFor(path, 1);
    svc.proc.kill('SIGTERM');
    const exit = await svc.proc.waitForExit(20_000);
    expect(exit.code).toBe(0);
    expect(svc.proc.output).toContain('stopped cleanly');
    expect(await statusCounts(env.DATABASE_URL)).toEqual({ SUCCEEDED: 1 });
  }, 60_000);
});
