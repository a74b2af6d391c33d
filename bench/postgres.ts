/**
 * The bench's database: an embedded Postgres in a fresh temporary folder, or, when
 * `DATABASE_URL` is set, a fresh database created in that server (dropped at the end).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../server/src/db/embedded-postgres.js';
import { createLogger } from '../server/src/logger.js';

/** A database only this bench run uses. */
export interface BenchDatabase {
  /** Connection string of the fresh database. */
  readonly url: string;
  /** `embedded`, or `external` when it lives in the server of `DATABASE_URL`. */
  readonly kind: 'embedded' | 'external';
  /** `server_version` of the server. */
  readonly version: string;
  /** Drops the database (external) or stops the server and deletes its files (embedded). */
  stop(): Promise<void>;
}

/** Starts or creates the bench's database; `externalUrl` is `DATABASE_URL` when set. */
export async function startBenchDatabase(externalUrl: string | undefined): Promise<BenchDatabase> {
  const database = externalUrl ? await createExternalDatabase(externalUrl) : await startEmbedded();
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>('show server_version');
    return { ...database, version: rows[0].server_version };
  } finally {
    await client.end();
  }
}

async function startEmbedded(): Promise<Omit<BenchDatabase, 'version'>> {
  const dataDir = await createTempDataDir('webhooks-bench-');
  try {
    const server = await startEmbeddedPostgres({
      dataDir,
      port: await findFreePort(),
      log: createLogger('warn'),
      persistent: false,
    });
    return {
      url: server.url,
      kind: 'embedded',
      stop: async () => {
        await server.stop();
        await fs.rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err: unknown) {
    await fs.rm(dataDir, { recursive: true, force: true });
    throw new Error('The embedded Postgres of the bench did not start', { cause: err });
  }
}

async function createExternalDatabase(adminUrl: string): Promise<Omit<BenchDatabase, 'version'>> {
  const name = `webhooks_bench_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${admin.escapeIdentifier(name)}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    kind: 'external',
    stop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** A port nobody listens on right now (the OS picks it; a race with others is unlikely). */
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

/** A fresh temporary folder that the OS user `postgres` can enter (needed when run as root). */
async function createTempDataDir(prefix: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  await fs.chmod(dir, 0o755);
  return dir;
}
