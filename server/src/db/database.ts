import pg from 'pg';
import type { Logger } from '../logger.js';

/** A statement runner: the pool, or one client inside a transaction. */
export type Queryable = Pick<pg.PoolClient, 'query'>;

/**
 * A statement Postgres parses and plans once per connection and then reuses: for the
 * statements that run for every event or batch of deliveries.
 */
export function named(name: string, text: string, values: unknown[]): pg.QueryConfig {
  return { name, text, values };
}

/**
 * The connection pool used for the service's own SQL (publishing, dispatching) and by
 * pg-boss. The ORM keeps its own pool for the management API.
 */
export class Database {
  readonly pool: pg.Pool;

  constructor(url: string, log: Logger, max = 10) {
    this.pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 30_000 });
    // An idle client losing its connection (e.g. Postgres restarting) is reported here;
    // the pool replaces it on the next checkout, so logging is all there is to do.
    this.pool.on('error', (err) => log.warn({ err }, 'idle database connection failed'));
  }

  /** Runs one statement on any pooled connection. */
  query<R extends pg.QueryResultRow>(
    statement: string | pg.QueryConfig,
    values?: unknown[],
  ): Promise<pg.QueryResult<R>> {
    return typeof statement === 'string'
      ? this.pool.query<R>(statement, values)
      : this.pool.query<R>(statement);
  }

  /** Runs `work` inside a transaction on one connection; rolls back when it throws. */
  async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let result: T;
    try {
      await client.query('begin');
      result = await work(client);
      await client.query('commit');
    } catch (err: unknown) {
      // A failed rollback means the connection is broken: release(true) discards it, and
      // the original error is the one worth reporting.
      const rollback = await client.query('rollback').then(
        () => undefined,
        (rollbackErr: unknown) => rollbackErr,
      );
      client.release(rollback !== undefined);
      throw err;
    }
    client.release();
    return result;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
