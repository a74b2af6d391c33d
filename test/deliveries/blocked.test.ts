import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { eventually, startTestService, testEnv } from '../support/service.js';
import { Receiver } from '../support/receiver.js';
import { clientFor, newDeveloper, platformClient } from '../support/api.js';

let database: TestDatabase;
let receiver: Receiver;

beforeAll(async () => {
  database = await createTestDatabase('blocked');
  receiver = await new Receiver().start();
});
afterAll(async () => {
  await receiver?.stop();
  await database?.drop();
});

it('refuses at connect time a destination that became unsafe after it was saved', async () => {
  const env = testEnv();
  // Saved while private destinations were allowed (as in development)...
  const permissive = await startTestService({ database, env });
  const dev = await newDeveloper(permissive, 'Blocked');
  const { createWebhook } = await dev.client.createWebhook({
    input: { name: 'Loopback', url: receiver.url('/blocked'), events: ['vtc.created'] },
  });
  await permissive.stop();

  // ...then delivered by a service that refuses them: the check happens for every attempt.
  const strict = await startTestService({
    database,
    env: { ...env, WEBHOOKS_ALLOW_PRIVATE_DESTINATIONS: 'false' },
  });
  try {
    await platformClient(strict).publishEvent({ input: { type: 'vtc.created', data: {} } });
    const client = clientFor(strict, dev.token);
    const delivery = await eventually(async () => {
      const { deliveries } = await client.deliveries({
        filter: { webhookId: createWebhook.webhook.id },
      });
      const node = deliveries.edges[0]?.node;
      return node && node.status !== 'PENDING' ? node : undefined;
    });
    const { delivery: full } = await client.delivery({ id: delivery.id });
    expect(full?.attempts[0]).toMatchObject({
      outcome: 'BLOCKED_DESTINATION',
      responseStatus: null,
    });
    expect(full?.attempts[0].error).toMatch(/127\.0\.0\.1/);
    expect(receiver.at('/blocked')).toHaveLength(0);
  } finally {
    await strict.stop();
  }
});
