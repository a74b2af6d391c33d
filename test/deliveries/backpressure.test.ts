import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/service.js';
import { Receiver } from '../support/receiver.js';
import { newDeveloper, platformClient } from '../support/api.js';

let service: TestService;
let receiver: Receiver;

beforeAll(async () => {
  service = await startTestService({ env: { WEBHOOKS_WORKER_CONCURRENCY: '2' } });
  receiver = await new Receiver().start();
});
afterAll(async () => {
  await service?.stop();
  await receiver?.stop();
});

it('hands deliveries that fit its room straight to the worker, and queues jobs for the rest', async () => {
  const dev = await newDeveloper(service);
  const hook = async (path: string) => {
    const { createWebhook } = await dev.client.createWebhook({
      input: { name: path, url: receiver.url(path), events: ['event.rsvp', 'event.updated'] },
    });
    receiver.expectSecret(path, createWebhook.secret);
  };
  await hook('/direct/0');
  const platform = platformClient(service);
  const one = await platform.publishEvent({ input: { type: 'event.rsvp', data: {} } });
  await receiver.waitFor('/direct/0', 1);

  // Three deliveries do not fit a worker that runs two at a time: they go through the queue.
  await hook('/direct/1');
  await hook('/direct/2');
  const three = await platform.publishEvent({ input: { type: 'event.updated', data: {} } });
  for (const path of ['/direct/0', '/direct/1', '/direct/2']) {
    await receiver.waitFor(path, path === '/direct/0' ? 2 : 1);
  }

  const db = new pg.Client({ connectionString: service.databaseUrl });
  await db.connect();
  try {
    const jobsOf = async (eventId: string) => {
      const { rows } = await db.query<{ n: number }>(
        `select count(*)::int as n from pgboss.job j
         where j.name = 'dispatch' and exists (
           select 1 from deliveries d
           where d.event_id = $1 and j.data->'ids' ? d.id::text)`,
        [eventId],
      );
      return rows[0].n;
    };
    expect(await jobsOf(one.publishEvent.event.id)).toBe(0);
    expect(await jobsOf(three.publishEvent.event.id)).toBe(1);
  } finally {
    await db.end();
  }
  expect(
    receiver.received.filter((r) => r.path.startsWith('/direct/')).every((r) => r.verified),
  ).toBe(true);
});

it('keeps serving while its queue is full and wake-ups keep coming', async () => {
  const dev = await newDeveloper(service);
  const paths = Array.from({ length: 12 }, (_, i) => `/slow/${i}`);
  for (const path of paths) {
    const { createWebhook } = await dev.client.createWebhook({
      input: { name: path, url: receiver.url(path), events: ['vtc.created'] },
    });
    receiver.expectSecret(path, createWebhook.secret);
    receiver.reply(path, () => ({ delayMs: 100 }));
  }
  // Two requests in flight at most; every publish sends another wake-up while the queue is full.
  for (let i = 0; i < 3; i++) {
    await platformClient(service).publishEvent({ input: { type: 'vtc.created', data: { i } } });
  }
  const started = Date.now();
  const health = await fetch(`${service.baseUrl}/healthz`);
  expect(health.status).toBe(200);
  expect(Date.now() - started).toBeLessThan(5000);

  for (const path of paths) await receiver.waitFor(path, 3, 20_000);
  expect(
    receiver.received.filter((r) => r.path.startsWith('/slow/')).every((r) => r.verified),
  ).toBe(true);
});
