/**
 * What a stalled service is doing: CPU use of its processes (a process at ~100 % of a core
 * that delivers nothing is spinning) and the state of its database sessions (sessions "idle in
 * transaction" are transactions the service opened and stopped driving).
 */
import pg from 'pg';
import { readProcessTimes, TICKS_PER_SECOND } from './proc.js';
import type { ServiceProcess } from './service.js';

const SAMPLE_MS = 1000;

/** One line describing `services` and the sessions of `databaseUrl`'s database. */
export async function diagnoseStall(
  services: readonly ServiceProcess[],
  databaseUrl: string,
): Promise<string> {
  const before = services.map((s) => readProcessTimes(s.pid)?.ticks ?? 0);
  await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
  const cpu = services.map((s, i) => {
    if (s.unexpectedEnd !== null) return `${s.role} process is gone (${s.unexpectedEnd})`;
    const ticks = (readProcessTimes(s.pid)?.ticks ?? 0) - before[i];
    const percent = Math.round((ticks / TICKS_PER_SECOND / (SAMPLE_MS / 1000)) * 100);
    return `${s.role} process at ${percent}% of a core`;
  });
  return `${cpu.join(', ')}; database sessions: ${await describeSessions(databaseUrl)}`;
}

async function describeSessions(databaseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
    const { rows } = await client.query<{ state: string; count: number; oldest: number }>(
      `select coalesce(state, 'unknown') as state, count(*)::int as count,
         coalesce(max(extract(epoch from now() - xact_start)), 0)::float8 as oldest
       from pg_stat_activity
       where datname = current_database() and pid <> pg_backend_pid()
       group by 1 order by 2 desc`,
    );
    if (rows.length === 0) return 'none';
    return rows
      .map((r) =>
        r.state === 'idle in transaction'
          ? `${r.count} idle in transaction (oldest open ${r.oldest.toFixed(0)} s)`
          : `${r.count} ${r.state}`,
      )
      .join(', ');
  } catch (err: unknown) {
    // The diagnosis is a courtesy; the stall itself is already being reported.
    return `not readable (${err instanceof Error ? err.message : String(err)})`;
  } finally {
    // Closing a connection that never opened fails too; there is nothing left to release.
    await client.end().catch(() => undefined);
  }
}
