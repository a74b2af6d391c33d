import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ServiceProcess } from '../support/process.js';
import { createTempDataDir, findFreePort } from '../support/global-setup.js';
import { createWebhooksClient } from '../../client/src/index.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => fs.rm(d, { recursive: true, force: true })));
});

describe('configuration', () => {
  it('fails at start with one message listing every problem', async () => {
    const proc = ServiceProcess.spawn({
      DATABASE_URL: 'mysql://nope',
      WEBHOOKS_ROLE: 'both',
      PORT: 'eighty',
      WEBHOOKS_RETRY_SCHEDULE: '30s,soon',
      WEBHOOKS_ALLOW_HTTP: 'yes',
      LOG_LEVEL: 'loud',
    });
    const exit = await proc.waitForExit();
    expect(exit.code).toBe(78);
    for (const variable of [
      'DATABASE_URL',
      'WEBHOOKS_ROLE',
      'PORT',
      'WEBHOOKS_RETRY_SCHEDULE',
      'WEBHOOKS_ALLOW_HTTP',
      'LOG_LEVEL',
      'WEBHOOKS_SECRET_KEY is required',
      'PLATFORM_API_KEY is required',
    ]) {
      expect(proc.output).toContain(variable);
    }
    expect(proc.output.match(/Invalid configuration/g)).toHaveLength(1);
  });
});

describe('embedded Postgres (npm start on a fresh machine)', () => {
  it('starts, prints the platform key once, keeps data across restarts and kill -9', async () => {
    const cwd = await createTempDataDir('webhooks-start-');
    dirs.push(cwd);
    const env = {
      WEBHOOKS_DATA_DIR: path.join(cwd, '.data'),
      EMBEDDED_POSTGRES_PORT: String(await findFreePort()),
      PORT: String(await findFreePort()),
    };
    const url = `http://127.0.0.1:${env.PORT}/graphql`;

    // First start: generates the keys and says how to create an account.
    const first = await ServiceProcess.start(env);
    const key = /Platform key: (\S+)/.exec(first.proc.output)?.[1];
    expect(key).toBeDefined();
    expect(first.proc.output).toContain('createAccount');
    expect(
      first.proc
        .logLines()
        .map((l) => JSON.stringify(l))
        .join('\n'),
    ).not.toContain(key);
    const { createAccount } = await createWebhooksClient({ url, token: key }).createAccount({
      name: 'Local',
    });
    const dev = createWebhooksClient({ url, token: createAccount.token });
    await dev.createWebhook({
      input: { name: 'Kept', url: 'https://93.184.215.14/x', events: ['vtc.created'] },
    });
    first.proc.kill('SIGTERM');
    expect((await first.proc.waitForExit()).code).toBe(0);
    await expect(
      fs.access(path.join(env.WEBHOOKS_DATA_DIR, 'postgres/postmaster.pid')),
    ).rejects.toThrow();

    // Second start: same keys, same data, no banner.
    const second = await ServiceProcess.start(env);
    expect(second.proc.output).not.toContain('Platform key');
    expect((await dev.webhooks({})).webhooks.edges.map((e) => e.node.name)).toEqual(['Kept']);

    // A kill -9 leaves Postgres running; the next start still works.
    second.proc.kill('SIGKILL');
    await second.proc.waitForExit();
    const third = await ServiceProcess.start(env);
    expect((await dev.viewer()).viewer.name).toBe('Local');
    third.proc.kill('SIGINT');
    expect((await third.proc.waitForExit()).code).toBe(0);
  }, 120_000);
});
