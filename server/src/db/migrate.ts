import pg from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../logger.js';

/** Advisory lock key held while migrations run, so concurrent starts apply them once. */
const MIGRATION_LOCK_KEY = 0x7472_7563; // "truc"

/**
 * Applies pending migrations while holding a Postgres advisory lock. A second process
 * starting at the same time waits for the lock and then finds nothing left to apply.
 * `alsoUnderLock` runs while the lock is still held (queue creation, for instance).
 */
export async function migrateUnderLock(
  orm: MikroORM,
  url: string,
  log: Logger,
  alsoUnderLock?: () => Promise<void>,
): Promise<void> {
  const lockClient = new pg.Client({ connectionString: url });
  await lockClient.connect();
  try {
    await lockClient.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await orm.getMigrator().up();
    if (applied.length > 0) {
      log.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
    }
    await alsoUnderLock?.();
  } finally {
    // Ending the session releases the advisory lock even if the unlock is never sent.
    await lockClient.end();
  }
}
