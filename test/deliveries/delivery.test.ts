import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestService, type TestService } from '../support/service.js';
import { Receiver } from '../support/receiver.js';
import {
  expectApiError,
  newDeveloper,
  platformClient,
  rawGraphql,
  type Client,
} from '../support/api.js';

let service: TestService;
let receiver: Receiver;
let dev: Client;
let devAccountId: string;
let developerToken: string;
let other: Client;
let platform: Client;
let pathCount = 0;

beforeAll(async () => {
  service = await startTestService({ env: { WEBHOOKS_RETRY_SCHEDULE: '1s,1s,1s' } });
  receiver = await new Receiver().start();
  const developer = await newDeveloper(service, 'Dev');
  dev = developer.client;
  devAccountId = developer.account.id;
  developerToken = developer.token;
  other = (await newDeveloper(service, 'Other')).client;
  platform = platformClient(service);
});
afterAll(async () => {
  await service?.stop();
  await receiver?.stop();
});

/** Creates a webhook on a fresh receiver path; the receiver learns its secret. */
async function hook(
  events: string[],
  input: Record<string, unknown> = {},
  client: Client = dev,
): Promise<{ id: string; path: string; secret: string }> {
  const path = `/hook/${++pathCount}`;
  const { createWebhook } = await client.createWebhook({
    input: { name: `Hook ${pathCount}`, url: receiver.url(path), events, ...input },
  });
  receiver.expectSecret(path, createWebhook.secret);
  return { id: createWebhook.webhook.id, path, secret: createWebhook.secret };
}

/** Runs one statement on the service's database. */
async function sql(text: string, values: unknown[] = []): Promise<unknown[]> {
  const db = new pg.Client({ connectionString: service.databaseUrl });
  await db.connect();
  try {
    return (await db.query(text, values)).rows;
  } finally {
    await db.end();
  }
}

async function publish(type: string, data: Record<string, unknown>, extra = {}) {
  return (await platform.publishEvent({ input: { type, data, ...extra } })).publishEvent;
}

async function deliveryOf(webhookId: string, eventId: string) {
  const { deliveries } = await dev.deliveries({ filter: { webhookId, eventId } });
  expect(deliveries.edges).toHaveLength(1);
  return (await dev.delivery({ id: deliveries.edges[0].node.id })).delivery!;
}

async function settled(webhookId: string, eventId: string, status: string, timeoutMs = 10_000) {
  return eventually(
    async () => {
      const d = await deliveryOf(webhookId, eventId);
      return d.status === status ? d : undefined;
    },
    timeoutMs,
    `delivery ${status}`,
  );
}

describe('the wire contract', () => {
  it('posts the documented body and headers, verifiable with the public function', async () => {
    const a = await hook(['vtc.member_joined'], { headers: [{ name: 'X-Env', value: 'prod' }] });
    const b = await hook(['vtc.member_joined']);
    const data = { vtcId: 42, userId: 'user_abc', role: 'Driver', nested: { z: 1, a: [1, 'two'] } };
    const { event, deliveryCount } = await publish('vtc.member_joined', data);
    expect(deliveryCount).toBe(2);

    const [got] = await receiver.waitFor(a.path, 1);
    const [gotB] = await receiver.waitFor(b.path, 1);
    expect(got.method).toBe('POST');
    expect(got.verified).toBe(true);
    expect(gotB.verified).toBe(true);
    expect(got.body).toBe(gotB.body);
    expect(got.body).toBe(event.payload);
    expect(got.headers['x-trucklinemp-signature']).not.toBe(
      gotB.headers['x-trucklinemp-signature'],
    );
    expect(got.body).toBe(
      `{"event":"vtc.member_joined","event_id":"${event.id}","timestamp":"${event.timestamp}",` +
        `"data":${JSON.stringify(data)}}`,
    );
    expect(Object.keys(JSON.parse(got.body))).toEqual(['event', 'event_id', 'timestamp', 'data']);
    expect(event.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(event.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['x-trucklinemp-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(got.headers['x-trucklinemp-event']).toBe('vtc.member_joined');
    expect(got.headers['x-trucklinemp-delivery']).toBe(event.id);
    expect(got.headers['user-agent']).toMatch(/^TrucklineMP-Webhooks\/\d+\.\d+\.\d+$/);
    expect(got.headers['x-env']).toBe('prod');
    expect(got.rawHeaders).toEqual(
      expect.arrayContaining([
        'Content-Type',
        'X-TrucklineMP-Signature',
        'X-TrucklineMP-Event',
        'X-TrucklineMP-Delivery',
        'User-Agent',
      ]),
    );
  });

  it('records a successful attempt with the response and the request headers', async () => {
    const a = await hook(['user.updated'], {
      headers: [
        { name: 'Authorization', value: 'Bearer very-secret' },
        { name: 'X-Api-Key', value: 'k-123' },
        { name: 'X-Signing-Password', value: 'pw' },
        { name: 'X-Trace', value: 'visible' },
      ],
    });
    receiver.reply(a.path, () => ({
      status: 202,
      body: 'accepted',
      headers: { 'x-reply': 'yes' },
    }));
    const { event } = await publish('user.updated', { userId: 'u1' });
    const d = await settled(a.id, event.id, 'SUCCEEDED');
    expect(d).toMatchObject({ attemptCount: 1, nextAttemptAt: null, eventType: 'user.updated' });
    expect(d.completedAt).not.toBeNull();
    const [attempt] = d.attempts;
    expect(attempt).toMatchObject({
      number: 1,
      outcome: 'SUCCESS',
      responseStatus: 202,
      responseBody: 'accepted',
      error: null,
    });
    expect(attempt.responseHeaders).toContainEqual({ name: 'x-reply', value: 'yes' });
    const names = attempt.requestHeaders.map((h) => h.name);
    expect(names).toEqual([
      'Content-Type',
      'X-TrucklineMP-Signature',
      'X-TrucklineMP-Event',
      'X-TrucklineMP-Delivery',
      'User-Agent',
      'X-Trace',
    ]);
    expect(JSON.stringify(attempt)).not.toContain('very-secret');
    expect(d.event).toMatchObject({ id: event.id, payload: event.payload, data: { userId: 'u1' } });
    expect(d.webhook.id).toBe(a.id);
  });
});

describe('attempt outcomes', () => {
  it.each([
    [404, 'HTTP_ERROR'],
    [500, 'HTTP_ERROR'],
    [302, 'REDIRECT'],
    [301, 'REDIRECT'],
  ])('maps status %i to %s and schedules a retry', async (status, outcome) => {
    const a = await hook(['event.created']);
    receiver.reply(a.path, () => ({
      status,
      headers: { location: receiver.url('/elsewhere') },
      body: 'nope',
    }));
    const { event } = await publish('event.created', { id: status });
    const d = await settled(a.id, event.id, 'RETRYING');
    expect(d.attempts[0]).toMatchObject({ outcome, responseStatus: status });
    expect(d.nextAttemptAt).not.toBeNull();
    if (outcome === 'REDIRECT') {
      expect(d.attempts[0].error).toContain('redirect');
      expect(receiver.at('/elsewhere')).toHaveLength(0);
    }
  });

  it('times out an endpoint that does not answer within the webhook’s timeout', async () => {
    const a = await hook(['event.updated'], { timeoutSeconds: 1 });
    receiver.reply(a.path, () => ({ hang: true }));
    const { event } = await publish('event.updated', {});
    const d = await settled(a.id, event.id, 'RETRYING');
    expect(d.attempts[0]).toMatchObject({ outcome: 'TIMEOUT', responseStatus: null });
    expect(d.attempts[0].durationMs).toBeGreaterThanOrEqual(900);
    expect(d.attempts[0].error).toBeTruthy();
  });

  it('reports a refused connection as NETWORK_ERROR', async () => {
    const closed = new Receiver();
    await closed.start();
    const url = closed.url('/gone');
    await closed.stop();
    const { createWebhook } = await dev.createWebhook({
      input: { name: 'Closed', url, events: ['event.cancelled'] },
    });
    const { event } = await publish('event.cancelled', {});
    const d = await settled(createWebhook.webhook.id, event.id, 'RETRYING');
    expect(d.attempts[0]).toMatchObject({ outcome: 'NETWORK_ERROR', responseStatus: null });
    expect(d.attempts[0].error).toMatch(/refused/i);
  });

  it('keeps only the start of a large response body', async () => {
    const a = await hook(['event.rsvp']);
    receiver.reply(a.path, () => ({ status: 200, body: 'x'.repeat(100_000) }));
    const { event } = await publish('event.rsvp', {});
    const d = await settled(a.id, event.id, 'SUCCEEDED');
    expect(d.attempts[0].responseBody!.length).toBeLessThanOrEqual(4096);
    expect(d.attempts[0].responseBody!.length).toBeGreaterThan(1000);
  });
});

describe('retries', () => {
  it('retries on the schedule, then ends FAILED after 4 attempts', async () => {
    const a = await hook(['ban.issued']);
    receiver.reply(a.path, () => ({ status: 503 }));
    const { event } = await publish('ban.issued', { banId: 1 });

    const first = await settled(a.id, event.id, 'RETRYING');
    expect(first.attemptCount).toBe(1);
    expect(new Date(first.nextAttemptAt!).getTime()).toBeGreaterThan(Date.now() - 1000);

    const failed = await settled(a.id, event.id, 'FAILED', 15_000);
    expect(failed.attemptCount).toBe(4);
    expect(failed.nextAttemptAt).toBeNull();
    expect(failed.completedAt).not.toBeNull();
    expect(failed.attempts.map((t) => t.number)).toEqual([1, 2, 3, 4]);
    const arrivals = receiver.at(a.path).map((r) => r.at);
    for (let i = 1; i < arrivals.length; i++) {
      expect(arrivals[i] - arrivals[i - 1]).toBeGreaterThanOrEqual(900);
    }
    const bodies = new Set(receiver.at(a.path).map((r) => r.body));
    expect(bodies.size).toBe(1);
    await new Promise((r) => setTimeout(r, 1500));
    expect(receiver.at(a.path)).toHaveLength(4);
  });

  it('succeeds on a later attempt', async () => {
    const a = await hook(['ban.appealed']);
    receiver.reply(a.path, () => ({ status: receiver.at(a.path).length < 3 ? 500 : 200 }));
    const { event } = await publish('ban.appealed', {});
    const d = await settled(a.id, event.id, 'SUCCEEDED', 15_000);
    expect(d.attempts.map((t) => t.outcome)).toEqual(['HTTP_ERROR', 'HTTP_ERROR', 'SUCCESS']);
  });

  it('stops pending retries when the webhook is disabled', async () => {
    const a = await hook(['ban.appeal_resolved']);
    receiver.reply(a.path, () => ({ status: 500 }));
    const { event } = await publish('ban.appeal_resolved', {});
    await settled(a.id, event.id, 'RETRYING');
    await dev.updateWebhook({ id: a.id, input: { enabled: false } });
    const d = await settled(a.id, event.id, 'FAILED');
    expect(d.nextAttemptAt).toBeNull();
    await new Promise((r) => setTimeout(r, 2000));
    expect(receiver.at(a.path)).toHaveLength(1);

    const again = await publish('ban.appeal_resolved', {});
    expect(again.deliveryCount).toBe(0);
  });

  it('stops everything and removes the history when the webhook is deleted', async () => {
    const a = await hook(['vtc.updated']);
    receiver.reply(a.path, () => ({ status: 500 }));
    const { event } = await publish('vtc.updated', {});
    const d = await settled(a.id, event.id, 'RETRYING');
    expect(
      await sql('select count(*)::int as n from delivery_attempts where delivery_id = $1', [d.id]),
    ).toEqual([{ n: 1 }]);
    await dev.deleteWebhook({ id: a.id });
    expect((await dev.delivery({ id: d.id })).delivery).toBeNull();
    expect((await dev.deliveries({ filter: { eventId: event.id } })).deliveries.edges).toEqual([]);
    expect(
      await sql('select count(*)::int as n from delivery_attempts where delivery_id = $1', [d.id]),
    ).toEqual([{ n: 0 }]);
    await new Promise((r) => setTimeout(r, 2000));
    expect(receiver.at(a.path)).toHaveLength(1);
  });

  it('drops a delivery whose webhook was deleted while the event was being published', async () => {
    // What a publish racing with deleteWebhook leaves behind: a due delivery of a webhook that
    // no longer exists, with its dispatch job.
    const a = await hook(['vtc.updated']);
    const { event } = await publish('vtc.updated', {});
    await receiver.waitFor(a.path, 1);
    const orphanId = crypto.randomUUID();
    const ghostWebhookId = crypto.randomUUID();
    await sql(
      `insert into deliveries (id, event_id, webhook_id, account_id, event_type, status,
         next_attempt_at, created_at)
       values ($1, $2, $3, $4, 'vtc.updated', 'PENDING', now(), now())`,
      [orphanId, event.id, ghostWebhookId, devAccountId],
    );
    await eventually(
      async () => {
        const rows = await sql('select 1 from deliveries where id = $1', [orphanId]);
        return rows.length === 0 ? true : undefined;
      },
      10_000,
      'the orphaned delivery to be dropped',
    );
    expect(receiver.at(a.path)).toHaveLength(1);
  });
});

describe('publishEvent', () => {
  it('is idempotent on eventId', async () => {
    const a = await hook(['vtc.created']);
    const eventId = crypto.randomUUID();
    const first = await publish('vtc.created', { vtcId: 1 }, { eventId });
    const second = await publish('vtc.created', { vtcId: 1 }, { eventId });
    expect(second).toEqual(first);
    expect(first.event.id).toBe(eventId);
    await receiver.waitFor(a.path, 1);
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.at(a.path)).toHaveLength(1);
    await expectApiError(
      publish('vtc.created', { vtcId: 2 }, { eventId }),
      'BAD_USER_INPUT',
      'input.eventId',
    );
    await expectApiError(
      publish('vtc.updated', { vtcId: 1 }, { eventId }),
      'BAD_USER_INPUT',
      'input.eventId',
    );
  });

  it('delivers only to the accounts named in accountIds', async () => {
    const mine = await hook(['api.rate_limit_hit']);
    const theirs = await hook(['api.rate_limit_hit'], {}, other);
    const { deliveryCount } = await publish(
      'api.rate_limit_hit',
      { tokenId: 't' },
      {
        accountIds: [devAccountId],
      },
    );
    expect(deliveryCount).toBe(1);
    await receiver.waitFor(mine.path, 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.at(theirs.path)).toHaveLength(0);
  });

  it('sends nothing to disabled webhooks or to webhooks not subscribed to the type', async () => {
    const off = await hook(['user.unbanned'], { enabled: false });
    const elsewhere = await hook(['user.banned']);
    const { deliveryCount } = await publish('user.unbanned', {});
    expect(deliveryCount).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.at(off.path)).toHaveLength(0);
    expect(receiver.at(elsewhere.path)).toHaveLength(0);
  });

  it('refuses bad input, naming the field', async () => {
    await expectApiError(publish('vtc.nope', {}), 'BAD_USER_INPUT', 'input.type');
    await expectApiError(
      platform.publishEvent({ input: { type: 'vtc.created', data: [1, 2] } }),
      'BAD_USER_INPUT',
      'input.data',
    );
    await expectApiError(
      platform.publishEvent({ input: { type: 'vtc.created', data: 'text' } }),
      'BAD_USER_INPUT',
      'input.data',
    );
    await expectApiError(
      publish('vtc.created', {}, { eventId: 'not-a-uuid' }),
      'BAD_USER_INPUT',
      'input.eventId',
    );
    await expectApiError(
      publish('vtc.created', {}, { accountIds: [] }),
      'BAD_USER_INPUT',
      'input.accountIds',
    );
    await expectApiError(
      dev.publishEvent({ input: { type: 'vtc.created', data: {} } }),
      'FORBIDDEN',
    );
  });

  it('accepts a body of exactly 256 KiB and refuses one byte more', async () => {
    const eventId = crypto.randomUUID();
    const overhead = Buffer.byteLength(
      `{"event":"vtc.created","event_id":"${eventId}","timestamp":"2026-01-01T00:00:00.000Z","data":{"p":""}}`,
    );
    const fill = 256 * 1024 - overhead;
    await expect(
      publish('vtc.created', { p: 'x'.repeat(fill) }, { eventId }),
    ).resolves.toBeDefined();
    await expectApiError(
      publish('vtc.created', { p: 'x'.repeat(fill + 1) }, { eventId: crypto.randomUUID() }),
      'BAD_USER_INPUT',
      'input.data',
    );
  });
});

describe('developer actions', () => {
  it('testWebhook delivers webhook.test to that webhook, subscribed or not', async () => {
    const a = await hook(['vtc.created']);
    const { testWebhook } = await dev.testWebhook({ id: a.id });
    expect(testWebhook).toMatchObject({ eventType: 'webhook.test', status: 'PENDING' });
    const [got] = await receiver.waitFor(a.path, 1);
    expect(got.verified).toBe(true);
    expect(got.headers['x-trucklinemp-event']).toBe('webhook.test');
    expect(JSON.parse(got.body)).toMatchObject({
      event: 'webhook.test',
      event_id: testWebhook.eventId,
    });
    await settled(a.id, testWebhook.eventId, 'SUCCEEDED');
  });

  it('retryDelivery makes one more attempt with the same body and event id', async () => {
    const a = await hook(['event.created']);
    const { event } = await publish('event.created', { n: 1 });
    const done = await settled(a.id, event.id, 'SUCCEEDED');
    const { retryDelivery } = await dev.retryDelivery({ id: done.id });
    expect(retryDelivery.status).toBe('PENDING');
    const [first, second] = await receiver.waitFor(a.path, 2);
    expect(second.body).toBe(first.body);
    expect(second.headers['x-trucklinemp-delivery']).toBe(event.id);
    expect(second.verified).toBe(true);
    const after = await settled(a.id, event.id, 'SUCCEEDED');
    expect(after.attemptCount).toBe(2);
  });

  it('a failed manual attempt does not restart the schedule', async () => {
    const a = await hook(['event.cancelled']);
    receiver.reply(a.path, () => ({ status: 500 }));
    const { event } = await publish('event.cancelled', {});
    const failed = await settled(a.id, event.id, 'FAILED', 15_000);
    await dev.retryDelivery({ id: failed.id });
    const again = await eventually(async () => {
      const d = await deliveryOf(a.id, event.id);
      return d.attemptCount === 5 ? d : undefined;
    });
    expect(again.status).toBe('FAILED');
    await new Promise((r) => setTimeout(r, 2000));
    expect(receiver.at(a.path)).toHaveLength(5);
  });
});

describe('history', () => {
  it('pages newest first and filters by status, type, webhook and event', async () => {
    const fresh = await newDeveloper(service, 'History');
    const path = `/hook/history`;
    const { createWebhook } = await fresh.client.createWebhook({
      input: { name: 'H', url: receiver.url(path), events: ['user.updated', 'user.banned'] },
    });
    const events: string[] = [];
    for (let i = 0; i < 5; i++) {
      const type = i % 2 === 0 ? 'user.updated' : 'user.banned';
      const { event } = await publish(type, { i }, { accountIds: [fresh.account.id] });
      events.push(event.id);
    }
    await receiver.waitFor(path, 5);
    await eventually(async () => {
      const { deliveries } = await fresh.client.deliveries({ filter: { status: 'SUCCEEDED' } });
      return deliveries.edges.length === 5 ? true : undefined;
    });

    const page1 = (await fresh.client.deliveries({ first: 2 })).deliveries;
    const page2 = (await fresh.client.deliveries({ first: 2, after: page1.pageInfo.endCursor }))
      .deliveries;
    const page3 = (await fresh.client.deliveries({ first: 2, after: page2.pageInfo.endCursor }))
      .deliveries;
    const order = [...page1.edges, ...page2.edges, ...page3.edges].map((e) => e.node.eventId);
    expect(order).toEqual([...events].reverse());
    expect(page3.pageInfo.hasNextPage).toBe(false);

    const banned = await fresh.client.deliveries({ filter: { eventType: 'user.banned' } });
    expect(banned.deliveries.edges).toHaveLength(2);
    const byEvent = await fresh.client.deliveries({ filter: { eventId: events[0] } });
    expect(byEvent.deliveries.edges.map((e) => e.node.eventId)).toEqual([events[0]]);
    const byHook = await fresh.client.webhook({ id: createWebhook.webhook.id });
    expect(byHook.webhook).not.toBeNull();
    const none = await fresh.client.deliveries({ filter: { status: 'FAILED' } });
    expect(none.deliveries.edges).toEqual([]);
  });

  it('lists a webhook’s own deliveries through Webhook.deliveries', async () => {
    const a = await hook(['vtc.created']);
    receiver.reply(a.path, () => ({ status: receiver.at(a.path).length === 1 ? 500 : 200 }));
    const first = await publish('vtc.created', { n: 1 });
    await settled(a.id, first.event.id, 'RETRYING');
    const second = await publish('vtc.created', { n: 2 });
    await settled(a.id, second.event.id, 'SUCCEEDED');
    const query = `query($id: ID!, $status: DeliveryStatus) { webhook(id: $id) {
      all: deliveries(first: 10) { edges { node { eventId } } pageInfo { hasNextPage } }
      some: deliveries(first: 10, status: $status) { edges { node { eventId status } } } } }`;
    const { json } = await rawGraphql(
      service,
      { query, variables: { id: a.id, status: 'RETRYING' } },
      { authorization: `Bearer ${developerToken}` },
    );
    const webhook = json.data?.webhook as {
      all: { edges: Array<{ node: { eventId: string } }>; pageInfo: { hasNextPage: boolean } };
      some: { edges: Array<{ node: { eventId: string; status: string } }> };
    };
    expect(webhook.all.edges.map((e) => e.node.eventId)).toEqual([second.event.id, first.event.id]);
    expect(webhook.all.pageInfo.hasNextPage).toBe(false);
    expect(webhook.some.edges).toEqual([{ node: { eventId: first.event.id, status: 'RETRYING' } }]);
  });

  it('keeps deliveries private to their account', async () => {
    const a = await hook(['vtc.member_left']);
    const { event } = await publish('vtc.member_left', {});
    const d = await settled(a.id, event.id, 'SUCCEEDED');
    expect((await other.delivery({ id: d.id })).delivery).toBeNull();
    await expectApiError(other.retryDelivery({ id: d.id }), 'NOT_FOUND');
    await expectApiError(
      other.retryDelivery({ id: '01900000-0000-7000-8000-000000000000' }),
      'NOT_FOUND',
    );
    expect((await other.deliveries({ filter: { eventId: event.id } })).deliveries.edges).toEqual(
      [],
    );
    expect((await other.deliveries({ filter: { webhookId: a.id } })).deliveries.edges).toEqual([]);
  });
});
