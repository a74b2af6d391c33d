import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startGraphQLStub, type GraphQLStub } from './support/graphql-stub.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

const CONSUMER_SCRIPT = `
import { computeSignature, createWebhooksClient, verifySignature } from '@trucklinemp/webhooks-client';

const body = '{"event":"webhook.test","event_id":"e","timestamp":"t","data":{}}';
const signature = computeSignature(body, 'whsec_test');
const client = createWebhooksClient({ url: process.argv[2], token: 'tok_pack' });
const { viewer } = await client.viewer();
console.log(JSON.stringify({
  valid: verifySignature(body, signature, 'whsec_test'),
  tampered: verifySignature(body + ' ', signature, 'whsec_test'),
  viewer,
}));
`;

const CONSUMER_TS = `
import {
  createWebhooksClient,
  parseWebhook,
  WebhooksApiError,
  WebhooksDocument,
  type ResultOf,
  type WebhookEvent,
  type WebhooksQuery,
} from '@trucklinemp/webhooks-client';

export async function listWebhookUrls(url: string, token: string): Promise<string[]> {
  const client = createWebhooksClient({ url, token });
  const result: WebhooksQuery = await client.webhooks({ first: 20 });
  const created = await client.createWebhook({
    input: { name: 'n', url: 'https://example.com', events: ['webhook.test'] },
  });
  const secret: string = created.createWebhook.secret;
  // @ts-expect-error -- the name is a string, not a number
  const wrong: number = result.webhooks.edges[0]!.node.name;
  // @ts-expect-error -- webhook(id) needs its id
  await client.webhook();
  void wrong;
  void secret;
  return result.webhooks.edges.map((edge) => edge.node.url);
}

export function isNotFound(err: unknown): boolean {
  return err instanceof WebhooksApiError && err.code === 'NOT_FOUND' && err.status >= 200;
}

export function receive(body: Uint8Array, headers: Headers, secret: string): WebhookEvent['event'] {
  return parseWebhook(body, headers, secret).event;
}

export type TotalCount = ResultOf<typeof WebhooksDocument>['webhooks']['totalCount'];
const total: TotalCount = 3;
void total;
`;

let stub: GraphQLStub;
let consumerDir: string;
let packed: { filename: string; files: { path: string }[] };

beforeAll(async () => {
  stub = await startGraphQLStub();
  consumerDir = await mkdtemp(join(tmpdir(), 'webhooks-client-consumer-'));

  // `npm pack` runs the package's prepack script, which builds client/dist.
  const { stdout } = await run(
    'npm',
    ['pack', '-w', 'client', '--json', '--pack-destination', consumerDir],
    { cwd: ROOT },
  );
  [packed] = JSON.parse(stdout) as (typeof packed)[];

  await writeFile(
    join(consumerDir, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  const install = ['install', join(consumerDir, packed.filename), '--no-audit', '--no-fund'];
  try {
    await run('npm', [...install, '--offline'], { cwd: consumerDir });
  } catch {
    // The dependencies were not in the npm cache: fetch them from the registry instead.
    await run('npm', install, { cwd: consumerDir });
  }
}, 120_000);

afterAll(async () => {
  await stub?.close();
  if (consumerDir) await rm(consumerDir, { recursive: true, force: true });
});

describe('the packed @trucklinemp/webhooks-client', () => {
  it('ships the built entry point, its types and the README only', () => {
    const files = packed.files.map((f) => f.path).sort();
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('README.md');
    expect(files.filter((f) => !f.startsWith('dist/'))).toEqual(['README.md', 'package.json']);
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  });

  it('runs from an ESM script in a fresh project', async () => {
    stub.answer({
      body: JSON.stringify({
        data: { viewer: { id: 'acc_1', name: 'Dev', createdAt: '2026-06-30T12:00:00.000Z' } },
      }),
    });
    await writeFile(join(consumerDir, 'consumer.mjs'), CONSUMER_SCRIPT);

    const { stdout } = await run(process.execPath, ['consumer.mjs', stub.url], {
      cwd: consumerDir,
    });

    expect(JSON.parse(stdout)).toEqual({
      valid: true,
      tampered: false,
      viewer: { id: 'acc_1', name: 'Dev', createdAt: '2026-06-30T12:00:00.000Z' },
    });
    expect(stub.requests.at(-1)?.headers.authorization).toBe('Bearer tok_pack');
  });

  it('type-checks a strict NodeNext consumer', async () => {
    await writeFile(join(consumerDir, 'consumer.ts'), CONSUMER_TS);

    const args = ['--strict', '--noEmit', '--module', 'nodenext', '--moduleResolution', 'nodenext'];
    const result = await run(process.execPath, [TSC, ...args, 'consumer.ts'], {
      cwd: consumerDir,
    }).catch((err: { stdout?: string; code?: number }) => err);

    expect('stdout' in result ? result.stdout : '').toBe('');
  });
});
