/**
 * Postgres work during a window, from its cumulative statistics views: commits and rows
 * written per table. Divided by the deliveries made meanwhile, it says what one delivery costs
 * the database (the views are updated by each backend about once a second).
 */
import pg from 'pg';

/** Counters of one table. */
interface TableCounters {
  inserted: number;
  updated: number;
  hotUpdated: number;
  deleted: number;
}

/** A reading of the counters. */
export interface PgSnapshot {
  readonly commits: number;
  readonly tables: ReadonlyMap<string, TableCounters>;
}

/** Database work per delivery between two snapshots. */
export interface PgWorkPerDelivery {
  readonly commits: number;
  /** Rows per delivery by table (`schema.table`), with the share of updates that were HOT. */
  readonly tables: Readonly<
    Record<string, { inserted: number; updated: number; hotPercent: number; deleted: number }>
  >;
}

/** Reads the counters of the database of `databaseUrl`. */
export async function snapshotPg(databaseUrl: string): Promise<PgSnapshot> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const database = await client.query<{ commits: string }>(
      'select xact_commit as commits from pg_stat_database where datname = current_database()',
    );
    const tables = await client.query<{ name: string } & Record<keyof TableCounters, string>>(
      `select schemaname || '.' || relname as name, n_tup_ins as inserted,
         n_tup_upd as updated, n_tup_hot_upd as "hotUpdated", n_tup_del as deleted
       from pg_stat_user_tables`,
    );
    return {
      commits: Number(database.rows[0]?.commits ?? 0),
      tables: new Map(
        tables.rows.map((r) => [
          // pg-boss keeps each queue's jobs in a table named after a hash of the queue.
          r.name.replace(/^pgboss\.j[0-9a-f]{32,}$/, 'pgboss.queue-jobs'),
          {
            inserted: Number(r.inserted),
            updated: Number(r.updated),
            hotUpdated: Number(r.hotUpdated),
            deleted: Number(r.deleted),
          },
        ]),
      ),
    };
  } finally {
    await client.end();
  }
}

/** The work between `before` and `after`, per delivery; tables with no writes are left out. */
export function workPerDelivery(
  before: PgSnapshot,
  after: PgSnapshot,
  deliveries: number,
): PgWorkPerDelivery {
  const per = (value: number) => Math.round((value / Math.max(1, deliveries)) * 1000) / 1000;
  const tables: Record<string, PgWorkPerDelivery['tables'][string]> = {};
  for (const [name, end] of after.tables) {
    const start = before.tables.get(name) ?? { inserted: 0, updated: 0, hotUpdated: 0, deleted: 0 };
    const inserted = end.inserted - start.inserted;
    const updated = end.updated - start.updated;
    const deleted = end.deleted - start.deleted;
    if (inserted + updated + deleted === 0) continue;
    const hot = end.hotUpdated - start.hotUpdated;
    tables[name] = {
      inserted: per(inserted),
      updated: per(updated),
      hotPercent: updated === 0 ? 0 : Math.round((hot / updated) * 100),
      deleted: per(deleted),
    };
  }
  return { commits: per(after.commits - before.commits), tables };
}
