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
