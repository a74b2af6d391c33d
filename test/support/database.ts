import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/** A database of its own for one test file. */
export interface TestDatabase {
  /** Connection string of the new database, with the admin URL's credentials. */
  readonly url: string;
  /** Disconnects every session of the database and drops it. Safe to call twice. */
  drop(): Promise<void>;
}

/**
 * Creates an empty, uniquely named database (`t_<prefix>_<random>`) on the test server, so
 * that test files running in parallel never see each other's rows. Call `drop()` in `afterAll`.
 */
export async function createTestDatabase(prefix = 'test'): Promise<TestDatabase> {
  const adminUrl = inject('adminDatabaseUrl');
  const cleanPrefix = prefix
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 40);
  const name = `t_${cleanPrefix}_${randomBytes(6).toString('hex')}`;
  await runAsAdmin(adminUrl, (client) =>
    client.query(`create database ${client.escapeIdentifier(name)}`),
  );

  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let dropping: Promise<void> | undefined;
  return {
    url: url.toString(),
    drop: () => {
      // WITH (FORCE) terminates the sessions a test left open (pools not closed, and so on).
      dropping ??= runAsAdmin(adminUrl, (client) =>
        client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`),
      );
      return dropping;
    },
  };
}

async function runAsAdmin(
  adminUrl: string,
  statement: (client: pg.Client) => Promise<unknown>,
): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await statement(client);
  } finally {
    await client.end();
  }
}
