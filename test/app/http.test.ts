import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/service.js';
import { Receiver } from '../support/receiver.js';
import { newDeveloper, platformClient } from '../support/api.js';
import { printSortedSchema } from '../../server/src/graphql/schema.js';
import { SERVICE_VERSION } from '../../server/src/version.js';

let service: TestService;

beforeAll(async () => {
  service = await startTestService();
});
afterAll(async () => {
  await service?.stop();
});

describe('HTTP surface', () => {
  it('serves an offline GraphiQL page to browsers at GET /graphql', async () => {
    const res = await fetch(service.graphqlUrl, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('graphiql');
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)=["']https?:/i);
  });

  it('answers GraphQL over GET for non-browser clients', async () => {
    const query = encodeURIComponent('{ eventTypes { name } }');
    const res = await fetch(`${service.graphqlUrl}?query=${query}`, {
      headers: { accept: 'application/json' },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { eventTypes: unknown[] } };
    expect(body.data.eventTypes).toHaveLength(17);
  });

  it('warns at start that the development switches are on', () => {
    const warnings = service.logs.map((l) => JSON.parse(l)).filter((l) => l.level === 40);
    const text = warnings.map((l) => l.msg).join('\n');
    expect(text).toContain('WEBHOOKS_ALLOW_PRIVATE_DESTINATIONS is on');
    expect(text).toContain('WEBHOOKS_ALLOW_HTTP is on');
  });

  it('answers /healthz when the database is reachable', async () => {
    const res = await fetch(`${service.baseUrl}/healthz`);
    expect(res.status).toBe(200);
  });

  it('lists the catalog with descriptions and groups', async () => {
    const { eventTypes } = await platformClient(service).eventTypes();
    expect(eventTypes.map((t) => t.name)).toEqual([
      'user.updated',
      'user.banned',
      'user.unbanned',
      'vtc.created',
      'vtc.member_joined',
      'vtc.member_left',
      'vtc.updated',
      'event.created',
      'event.updated',
      'event.cancelled',
      'event.rsvp',
      'ban.issued',
      'ban.appealed',
      'ban.appeal_resolved',
      'api.rate_limit_hit',
      'api.token_revoked',
      'webhook.test',
    ]);
    expect(eventTypes[4]).toEqual({
      name: 'vtc.member_joined',
      description: 'A user joined a VTC',
      group: 'VTCs',
    });
  });
});

describe('schema', () => {
  it('matches the committed schema.graphql', async () => {
    const committed = await readFile(new URL('../../schema.graphql', import.meta.url), 'utf8');
    expect(committed, 'run `npm run schema` and commit schema.graphql').toBe(
      await printSortedSchema(),
    );
  });

  it('describes every type, field, argument and enum value', async () => {
    const { buildSchema, isObjectType, isInputObjectType, isInterfaceType, isEnumType } =
      await import('graphql');
    const schema = buildSchema(await printSortedSchema());
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (
        type.name.startsWith('__') ||
        ['String', 'Int', 'Boolean', 'ID', 'Float'].includes(type.name)
      ) {
        continue;
      }
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) {
          if (!value.description) missing.push(`${type.name}.${value.name}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('keeps the User-Agent version equal to the package version', async () => {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(SERVICE_VERSION).toBe(pkg.version);
  });
});

describe('logs', () => {
  it('never contain tokens, secrets, signatures or custom header values', async () => {
    const receiver = await new Receiver().start();
    try {
      const dev = await newDeveloper(service, 'Logged');
      const { createApiToken } = await dev.client.createApiToken({ name: 'second' });
      const { createWebhook } = await dev.client.createWebhook({
        input: {
          name: 'Logged',
          url: receiver.url('/logged'),
          events: ['vtc.created'],
          headers: [{ name: 'Authorization', value: 'Bearer header-value-1234' }],
        },
      });
      const { rotateWebhookSecret } = await dev.client.rotateWebhookSecret({
        id: createWebhook.webhook.id,
      });
      receiver.expectSecret('/logged', rotateWebhookSecret.secret);
      await platformClient(service).publishEvent({
        input: { type: 'vtc.created', data: { marker: 'payload-marker-5678' } },
      });
      const [got] = await receiver.waitFor('/logged', 1);
      expect(got.verified).toBe(true);
      await new Promise((r) => setTimeout(r, 300));

      const logs = service.logs.join('\n');
      expect(logs).toContain('delivery attempt finished');
      for (const secret of [
        dev.token,
        createApiToken.token,
        createWebhook.secret,
        rotateWebhookSecret.secret,
        service.platformKey,
        service.secretKey,
        got.headers['x-trucklinemp-signature'] as string,
        'header-value-1234',
        'payload-marker-5678',
      ]) {
        expect(logs).not.toContain(secret);
      }
    } finally {
      await receiver.stop();
    }
  });
});
