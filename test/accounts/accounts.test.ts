import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/service.js';
import {
  clientFor,
  expectApiError,
  newDeveloper,
  platformClient,
  rawGraphql,
} from '../support/api.js';

let service: TestService;

beforeAll(async () => {
  service = await startTestService();
});
afterAll(async () => {
  await service?.stop();
});

describe('createAccount', () => {
  it('creates an account and returns its first token once', async () => {
    const { createAccount } = await platformClient(service).createAccount({ name: 'Acme VTC' });
    expect(createAccount.account.name).toBe('Acme VTC');
    expect(createAccount.token).toMatch(/^tlmp_[A-Za-z0-9_-]{43}$/);

    const { viewer } = await clientFor(service, createAccount.token).viewer();
    expect(viewer).toEqual(createAccount.account);
  });

  it('stores only a hash of the token', async () => {
    const { token } = await newDeveloper(service);
    const db = new pg.Client({ connectionString: service.databaseUrl });
    await db.connect();
    try {
      const rows = await db.query('select * from api_tokens');
      expect(JSON.stringify(rows.rows)).not.toContain(token);
      expect(JSON.stringify(rows.rows)).not.toContain(token.slice(12));
    } finally {
      await db.end();
    }
  });

  it('refuses developer tokens with FORBIDDEN and no credential with UNAUTHENTICATED', async () => {
    const dev = await newDeveloper(service);
    await expectApiError(dev.client.createAccount({ name: 'x' }), 'FORBIDDEN');
    await expectApiError(clientFor(service).createAccount({ name: 'x' }), 'UNAUTHENTICATED');
    await expectApiError(
      clientFor(service, 'tlmp_nope').createAccount({ name: 'x' }),
      'UNAUTHENTICATED',
    );
  });

  it.each([
    ['', false],
    ['   ', false],
    ['a', true],
    ['x'.repeat(100), true],
    ['x'.repeat(101), false],
    ['🚚'.repeat(100), true],
  ])('name of %j accepted: %s', async (name, ok) => {
    const call = platformClient(service).createAccount({ name });
    if (ok) await expect(call).resolves.toBeDefined();
    else await expectApiError(call, 'BAD_USER_INPUT', 'name');
  });
});

describe('authentication', () => {
  it('refuses a malformed Authorization header', async () => {
    const { json } = await rawGraphql(
      service,
      { query: '{ viewer { id } }' },
      { authorization: 'Token abc' },
    );
    expect(json.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('answers eventTypes without any credential', async () => {
    const { eventTypes } = await clientFor(service).eventTypes();
    expect(eventTypes).toHaveLength(17);
  });

  it('refuses the platform key on developer operations with FORBIDDEN', async () => {
    await expectApiError(platformClient(service).viewer(), 'FORBIDDEN');
    await expectApiError(platformClient(service).webhooks({}), 'FORBIDDEN');
    await expectApiError(platformClient(service).apiTokens(), 'FORBIDDEN');
  });

  it('refuses developer operations without a credential', async () => {
    await expectApiError(clientFor(service).viewer(), 'UNAUTHENTICATED');
    await expectApiError(clientFor(service).deliveries({}), 'UNAUTHENTICATED');
  });
});

describe('API tokens', () => {
  it('creates, lists and revokes tokens; a revoked token fails on its next request', async () => {
    const dev = await newDeveloper(service);
    const { createApiToken } = await dev.client.createApiToken({ name: 'CI' });
    expect(createApiToken.token).toMatch(/^tlmp_/);
    expect(createApiToken.apiToken.prefix).toBe(createApiToken.token.slice(0, 12));
    const ci = clientFor(service, createApiToken.token);
    await expect(ci.viewer()).resolves.toMatchObject({ viewer: { id: dev.account.id } });

    const { apiTokens } = await dev.client.apiTokens();
    expect(apiTokens.map((t) => t.name)).toEqual(['default', 'CI']);
    const listed = apiTokens.find((t) => t.id === createApiToken.apiToken.id);
    expect(listed?.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(apiTokens)).not.toContain(createApiToken.token);

    const { revokeApiToken } = await dev.client.revokeApiToken({ id: createApiToken.apiToken.id });
    expect(revokeApiToken.revokedAt).not.toBeNull();
    await expectApiError(ci.viewer(), 'UNAUTHENTICATED');
    await expect(dev.client.viewer()).resolves.toBeDefined();
  });

  it('lets a token revoke itself', async () => {
    const dev = await newDeveloper(service);
    const { apiTokens } = await dev.client.apiTokens();
    await dev.client.revokeApiToken({ id: apiTokens[0].id });
    await expectApiError(dev.client.viewer(), 'UNAUTHENTICATED');
  });

  it('treats another account’s token id exactly like a missing one', async () => {
    const a = await newDeveloper(service);
    const b = await newDeveloper(service);
    const { apiTokens } = await b.client.apiTokens();
    const other = await expectApiError(
      a.client.revokeApiToken({ id: apiTokens[0].id }),
      'NOT_FOUND',
    );
    const missing = await expectApiError(
      a.client.revokeApiToken({ id: '01900000-0000-7000-8000-000000000000' }),
      'NOT_FOUND',
    );
    expect(other.message.replace(apiTokens[0].id, 'ID')).toBe(
      missing.message.replace('01900000-0000-7000-8000-000000000000', 'ID'),
    );
    await expectApiError(a.client.revokeApiToken({ id: 'not-a-uuid' }), 'NOT_FOUND');
    await expect(b.client.viewer()).resolves.toBeDefined();
    expect((await a.client.apiTokens()).apiTokens.map((t) => t.id)).not.toContain(apiTokens[0].id);
  });

  it('limits token names to 1–100 characters', async () => {
    const dev = await newDeveloper(service);
    await expectApiError(dev.client.createApiToken({ name: '' }), 'BAD_USER_INPUT', 'name');
    await expectApiError(
      dev.client.createApiToken({ name: 'n'.repeat(101) }),
      'BAD_USER_INPUT',
      'name',
    );
    await expect(dev.client.createApiToken({ name: 'n'.repeat(100) })).resolves.toBeDefined();
  });
});
