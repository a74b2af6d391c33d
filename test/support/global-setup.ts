import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import {
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from '../../server/src/db/embedded-postgres.js';
import { createLogger } from '../../server/src/logger.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the test server; test files create their own database with it. */
    adminDatabaseUrl: string;
  }
}

/**
 * Provides `adminDatabaseUrl` to every test file: `TEST_DATABASE_URL` when it is set (an admin
 * URL such as `postgres://postgres@127.0.0.1:5432/postgres`), otherwise an embedded Postgres in
 * a fresh temporary folder on a free port, stopped and deleted at teardown.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const externalUrl = process.env.TEST_DATABASE_URL?.trim();
  if (externalUrl) {
    project.provide('adminDatabaseUrl', externalUrl);
    return async () => undefined;
  }

  const dataDir = await createTempDataDir('webhooks-test-');
  const log = createLogger('warn');
  let server: EmbeddedPostgres;
  try {
    server = await startEmbeddedPostgres({
      dataDir,
      port: await findFreePort(),
      log,
      persistent: false,
    });
  } catch (err: unknown) {
    await fs.rm(dataDir, { recursive: true, force: true });
    throw new Error('The test database server did not start', { cause: err });
  }

  const adminUrl = new URL(server.url);
  adminUrl.pathname = '/postgres';
  project.provide('adminDatabaseUrl', adminUrl.toString());

  return async () => {
    await server.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  };
}

/**
 * A port nobody listens on right now, found by letting the OS pick one for a moment. Another
 * program may take it before it is used; tests accept that small risk.
 */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error('No port was assigned'))));
    });
  });
}

/**
 * A new, empty temporary folder for an embedded Postgres. It is made world-traversable
 * (0755, not mkdtemp's 0700) because as root the server runs as the OS user `postgres`.
 */
export async function createTempDataDir(prefix: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  await fs.chmod(dir, 0o755);
  return dir;
}
