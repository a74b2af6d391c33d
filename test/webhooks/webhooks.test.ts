import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/service.js';
import { expectApiError, newDeveloper, type Client } from '../support/api.js';

let service: TestService;
let dev: Client;
let other: Client;

const MISSING_ID = '01900000-0000-7000-8000-000000000000';
const base = { name: 'Hook', url: 'https://hooks.example.com/tmp', events: ['vtc.created'] };

beforeAll(async () => {
  service = await startTestService({
    env: { WEBHOOKS_ALLOW_PRIVATE_DESTINATIONS: 'false', WEBHOOKS_ALLOW_HTTP: 'false' },
    // Names under .internal.test resolve to a private address, everything else to a public one.
    overrides: {
      lookup: async (host) => (host.endsWith('.internal.test') ? ['10.1.2.3'] : ['93.184.215.14']),
    },
  });
  dev = (await newDeveloper(service, 'Dev')).client;
  other = (await newDeveloper(service, 'Other')).client;
});
afterAll(async () => {
  await service?.stop();
});

async function create(input: Partial<typeof base> & Record<string, unknown> = {}) {
  return (await dev.createWebhook({ input: { ...base, ...input } })).createWebhook;
}

describe('createWebhook', () => {
  it('creates a webhook with defaults and returns its secret once', async () => {
    const { webhook, secret } = await create({
      events: ['vtc.member_joined', 'user.banned', 'vtc.created'],
    });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(webhook).toMatchObject({
      name: 'Hook',
      url: 'https://hooks.example.com/tmp',
      description: null,
      enabled: true,
      timeoutSeconds: 30,
      headers: [],
      secretHint: `whsec_…${secret.slice(-4)}`,
      secretRotatedAt: null,
      events: ['user.banned', 'vtc.created', 'vtc.member_joined'],
    });
    expect(webhook.subscriptions.map((s) => s.eventType)).toEqual(webhook.events);
    const { webhook: read } = await dev.webhook({ id: webhook.id });
    expect(JSON.stringify(read)).not.toContain(secret);
  });

  it('masks sensitive custom header values when read back', async () => {
    const { webhook } = await create({
      headers: [
        { name: 'Authorization', value: 'Bearer abc' },
        { name: 'X-Api-Key', value: 'k' },
        { name: 'X-Session-Token', value: 't' },
        { name: 'X-Environment', value: 'staging' },
      ],
    });
    expect(webhook.headers).toEqual([
      { name: 'Authorization', value: '********' },
      { name: 'X-Api-Key', value: '********' },
      { name: 'X-Session-Token', value: '********' },
      { name: 'X-Environment', value: 'staging' },
    ]);
  });

  it('keeps the secret encrypted at rest', async () => {
    const { webhook, secret } = await create();
    const db = new pg.Client({ connectionString: service.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query('select * from webhooks where id = $1', [webhook.id]);
      expect(JSON.stringify(rows)).not.toContain(secret);
      expect(JSON.stringify(rows)).not.toContain(secret.slice(6));
      expect(rows[0].secret_ciphertext).toMatch(/^v1\./);
    } finally {
      await db.end();
    }
  });
});

describe('limits', () => {
  const cases: Array<[string, Record<string, unknown>, string | null]> = [
    ['name of 1 character', { name: 'a' }, null],
    ['name of 100 characters', { name: 'n'.repeat(100) }, null],
    ['empty name', { name: '' }, 'input.name'],
    ['name of 101 characters', { name: 'n'.repeat(101) }, 'input.name'],
    ['description of 500 characters', { description: 'd'.repeat(500) }, null],
    ['description of 501 characters', { description: 'd'.repeat(501) }, 'input.description'],
    ['url of 2,048 characters', { url: 'https://example.com/' + 'p'.repeat(2028) }, null],
    ['url of 2,049 characters', { url: 'https://example.com/' + 'p'.repeat(2029) }, 'input.url'],
    ['relative url', { url: '/hooks' }, 'input.url'],
    ['no events', { events: [] }, 'input.events'],
    ['an unknown event type', { events: ['vtc.exploded'] }, 'input.events'],
    ['the same event twice', { events: ['vtc.created', 'vtc.created'] }, 'input.events'],
    ['timeout of 1 s', { timeoutSeconds: 1 }, null],
    ['timeout of 30 s', { timeoutSeconds: 30 }, null],
    ['timeout of 0 s', { timeoutSeconds: 0 }, 'input.timeoutSeconds'],
    ['timeout of 31 s', { timeoutSeconds: 31 }, 'input.timeoutSeconds'],
    ['20 headers', { headers: headers(20) }, null],
    ['21 headers', { headers: headers(21) }, 'input.headers'],
    ['header name of 256 characters', { headers: [{ name: 'X'.repeat(256), value: 'v' }] }, null],
    [
      'header name of 257 characters',
      { headers: [{ name: 'X'.repeat(257), value: 'v' }] },
      'input.headers',
    ],
    [
      'header value of 2,048 characters',
      { headers: [{ name: 'X-A', value: 'v'.repeat(2048) }] },
      null,
    ],
    [
      'header value of 2,049 characters',
      { headers: [{ name: 'X-A', value: 'v'.repeat(2049) }] },
      'input.headers',
    ],
    ['header name with a space', { headers: [{ name: 'X A', value: 'v' }] }, 'input.headers'],
    ['header name with a colon', { headers: [{ name: 'X-A:', value: 'v' }] }, 'input.headers'],
    ['empty header name', { headers: [{ name: '', value: 'v' }] }, 'input.headers'],
    [
      'header value with CR LF',
      { headers: [{ name: 'X-A', value: 'a\r\nX-B: b' }] },
      'input.headers',
    ],
    ['header value with LF', { headers: [{ name: 'X-A', value: 'a\nb' }] }, 'input.headers'],
    ['header value with NUL', { headers: [{ name: 'X-A', value: 'a\u0000b' }] }, 'input.headers'],
    [
      'the same header twice',
      {
        headers: [
          { name: 'X-A', value: '1' },
          { name: 'x-a', value: '2' },
        ],
      },
      'input.headers',
    ],
    ...[
      'Content-Type',
      'content-length',
      'Host',
      'User-Agent',
      'Transfer-Encoding',
      'Connection',
    ].map((name): [string, Record<string, unknown>, string] => [
      `reserved header ${name}`,
      { headers: [{ name, value: 'x' }] },
      'input.headers',
    ]),
    [
      'X-TrucklineMP-* header',
      { headers: [{ name: 'X-TrucklineMP-Event', value: 'x' }] },
      'input.headers',
    ],
    [
      'x-trucklinemp-* in lower case',
      { headers: [{ name: 'x-trucklinemp-foo', value: 'x' }] },
      'input.headers',
    ],
  ];

  it.each(cases)('%s → %s', async (_label, input, field) => {
    const call = create(input);
    if (field === null) {
      await expect(call).resolves.toBeDefined();
    } else {
      const err = await expectApiError(call, 'BAD_USER_INPUT', field);
      expect(err.message).toMatch(new RegExp(`^${field.replace('.', '\\.')}: `));
    }
  });

  it('allows 50 distinct event types and refuses 51', async () => {
    // The catalog has 17 types, so 51 distinct names cannot all be valid; 51 is refused first.
    const many = Array.from({ length: 51 }, (_, i) => `custom.type_${i}`);
    const err = await expectApiError(create({ events: many }), 'BAD_USER_INPUT', 'input.events');
    expect(err.message).toContain('at most 50');
  });

  it('writes nothing when any field is refused', async () => {
    const before = (await dev.webhooks({})).webhooks.totalCount;
    await expectApiError(create({ name: 'ok', timeoutSeconds: 99 }), 'BAD_USER_INPUT');
    await expectApiError(create({ url: 'https://127.0.0.1/' }), 'UNSAFE_DESTINATION');
    expect((await dev.webhooks({})).webhooks.totalCount).toBe(before);
  });
});

function headers(count: number) {
  return Array.from({ length: count }, (_, i) => ({ name: `X-H${i}`, value: `${i}` }));
}

describe('updateWebhook', () => {
  it('replaces only the given fields', async () => {
    const { webhook } = await create({ description: 'first', headers: headers(2) });
    const { updateWebhook } = await dev.updateWebhook({
      id: webhook.id,
      input: { name: 'Renamed', events: ['ban.issued', 'api.token_revoked'] },
    });
    expect(updateWebhook).toMatchObject({
      name: 'Renamed',
      description: 'first',
      url: webhook.url,
      events: ['api.token_revoked', 'ban.issued'],
      headers: headers(2),
    });
    expect(new Date(updateWebhook.updatedAt).getTime()).toBeGreaterThanOrEqual(
      new Date(webhook.updatedAt).getTime(),
    );
    const cleared = await dev.updateWebhook({
      id: webhook.id,
      input: { description: null, headers: null, enabled: false, timeoutSeconds: 5 },
    });
    expect(cleared.updateWebhook).toMatchObject({
      description: null,
      headers: [],
      enabled: false,
      timeoutSeconds: 5,
    });
  });

  it('validates like create and refuses null for required fields', async () => {
    const { webhook } = await create();
    await expectApiError(
      dev.updateWebhook({ id: webhook.id, input: { name: null } }),
      'BAD_USER_INPUT',
      'input.name',
    );
    await expectApiError(
      dev.updateWebhook({ id: webhook.id, input: { events: [] } }),
      'BAD_USER_INPUT',
      'input.events',
    );
    await expectApiError(
      dev.updateWebhook({ id: webhook.id, input: { url: 'https://10.0.0.1/' } }),
      'UNSAFE_DESTINATION',
      'input.url',
    );
    const { webhook: after } = await dev.webhook({ id: webhook.id });
    expect(after).toMatchObject({ name: webhook.name, events: webhook.events, url: webhook.url });
  });
});

describe('rotateWebhookSecret', () => {
  it('returns a new secret and records the rotation time', async () => {
    const { webhook, secret } = await create();
    const { rotateWebhookSecret } = await dev.rotateWebhookSecret({ id: webhook.id });
    expect(rotateWebhookSecret.secret).not.toBe(secret);
    expect(rotateWebhookSecret.secret).toMatch(/^whsec_/);
    expect(rotateWebhookSecret.webhook.secretHint).toBe(
      `whsec_…${rotateWebhookSecret.secret.slice(-4)}`,
    );
    expect(rotateWebhookSecret.webhook.secretRotatedAt).not.toBeNull();
  });
});

describe('webhooks connection', () => {
  it('pages with cursors in creation order and counts them all', async () => {
    const fresh = (await newDeveloper(service, 'Pager')).client;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { createWebhook } = await fresh.createWebhook({ input: { ...base, name: `W${i}` } });
      ids.push(createWebhook.webhook.id);
    }
    const first = (await fresh.webhooks({ first: 2 })).webhooks;
    expect(first.totalCount).toBe(5);
    expect(first.edges.map((e) => e.node.id)).toEqual(ids.slice(0, 2));
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await fresh.webhooks({ first: 2, after: first.pageInfo.endCursor })).webhooks;
    expect(second.edges.map((e) => e.node.id)).toEqual(ids.slice(2, 4));
    const third = (await fresh.webhooks({ first: 2, after: second.pageInfo.endCursor })).webhooks;
    expect(third.edges.map((e) => e.node.id)).toEqual(ids.slice(4));
    expect(third.pageInfo.hasNextPage).toBe(false);
    expect((await fresh.webhooks({ first: 0 })).webhooks.edges).toEqual([]);
  });

  it('refuses page sizes outside 0–100 and foreign cursors', async () => {
    await expectApiError(dev.webhooks({ first: 101 }), 'BAD_USER_INPUT', 'first');
    await expectApiError(dev.webhooks({ first: -1 }), 'BAD_USER_INPUT', 'first');
    await expect(dev.webhooks({ first: 100 })).resolves.toBeDefined();
    await expectApiError(dev.webhooks({ after: 'garbage' }), 'BAD_USER_INPUT', 'after');
  });
});

describe('isolation between accounts', () => {
  it('answers another account’s webhook id exactly like a missing one', async () => {
    const { webhook } = await create();
    for (const id of [webhook.id, MISSING_ID, 'not-an-id']) {
      expect((await other.webhook({ id })).webhook).toBeNull();
      await expectApiError(other.updateWebhook({ id, input: { name: 'x' } }), 'NOT_FOUND');
      await expectApiError(other.deleteWebhook({ id }), 'NOT_FOUND');
      await expectApiError(other.rotateWebhookSecret({ id }), 'NOT_FOUND');
      await expectApiError(other.testWebhook({ id }), 'NOT_FOUND');
    }
    expect((await other.webhooks({})).webhooks.edges.map((e) => e.node.id)).not.toContain(
      webhook.id,
    );
    expect((await dev.webhook({ id: webhook.id })).webhook?.name).toBe(webhook.name);
  });
});

describe('deleteWebhook', () => {
  it('deletes the webhook and returns its id', async () => {
    const { webhook } = await create();
    expect((await dev.deleteWebhook({ id: webhook.id })).deleteWebhook).toBe(webhook.id);
    expect((await dev.webhook({ id: webhook.id })).webhook).toBeNull();
    await expectApiError(dev.deleteWebhook({ id: webhook.id }), 'NOT_FOUND');
  });
});

describe('unsafe destinations', () => {
  const refused = [
    'https://127.0.0.1/',
    'https://2130706433/',
    'https://0x7f000001/',
    'https://0x7f.1/',
    'https://0177.0.0.1/',
    'https://127.1/',
    'https://[::1]/',
    'https://[::ffff:127.0.0.1]/',
    'https://[::ffff:7f00:1]/',
    'https://[fd00::1]/',
    'https://[fe80::1]/',
    'https://[::]/',
    'https://0.0.0.0/',
    'https://10.0.0.1/',
    'https://172.16.5.4/',
    'https://192.168.1.1/',
    'https://169.254.169.254/latest/meta-data',
    'https://100.64.0.1/',
    'https://224.0.0.1/',
    'https://localhost/',
    'https://api.localhost/',
    'https://db.internal.test/',
    'https://user:pass@hooks.example.com/',
    'https://hooks.example.com:22/',
    'https://hooks.example.com:1023/',
    'http://hooks.example.com/',
  ];
  it.each(refused)('refuses %s with UNSAFE_DESTINATION', async (url) => {
    await expectApiError(create({ url }), 'UNSAFE_DESTINATION', 'input.url');
  });

  it.each(['ftp://hooks.example.com/', 'javascript:alert(1)', 'hooks.example.com/path'])(
    'refuses the non-URL or non-http scheme %s',
    async (url) => {
      const err = await expectApiError(create({ url }), 'BAD_USER_INPUT', 'input.url');
      expect(err.message).toMatch(/^input\.url: /);
    },
  );

  it.each([
    'https://hooks.example.com/',
    'https://hooks.example.com:8443/x?y=1',
    'https://93.184.215.14/',
    'https://[2606:4700::1111]/',
    'https://hooks.example.com:80/',
  ])('accepts %s', async (url) => {
    await expect(create({ url })).resolves.toBeDefined();
  });
});
