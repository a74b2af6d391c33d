/**
 * Seeds delivery history for one account straight into Postgres with `generate_series`:
 * events, one delivery per event and webhook, and the deliveries' attempts, with
 * time-ordered UUIDv7-style ids (the API pages by `id desc`), spread over the past 30 days.
 * Mostly first-try successes, some successes on the second try, a few failures after the
 * whole default retry schedule. Rows are generated from the series number alone, so slices of
 * the history are written by parallel connections; the secondary indexes are dropped during
 * the load and rebuilt from their own definitions after it.
 */
import { execFileSync } from 'node:child_process';
import pg from 'pg';

/** What was seeded, and the cursor of a page deep in the history. */
export interface SeededHistory {
  readonly deliveries: number;
  readonly events: number;
  readonly attempts: number;
  readonly seedMs: number;
  /** Whether foreign-key triggers were skipped (needs superuser; the data is consistent). */
  readonly skippedForeignKeyChecks: boolean;
  /** `after` cursor pointing at the `deepOffset`-th newest delivery of the account. */
  readonly deepCursor: string;
  /** Id of the delivery a page after {@link deepCursor} must start with. */
  readonly deepFirstId: string;
}

/** What to seed. */
export interface HistoryOptions {
  readonly accountId: string;
  /** Every event is delivered to each of these webhooks of the account. */
  readonly webhookIds: readonly string[];
  /** Deliveries to create (rounded up to a multiple of the webhook count). */
  readonly rows: number;
  /** Position (newest first) of the row the deep cursor points at. */
  readonly deepOffset: number;
}

const HISTORY_SPAN_MS = 30 * 24 * 3_600_000;
/** Connections writing slices at once: one per core of the bench machine. */
const PARALLEL_SLICES = 2;

/**
 * A UUIDv7-shaped id from an epoch-milliseconds expression and an md5 hex expression:
 * 48-bit time, version 7, variant 8, then hash bits. Ids sort by time.
 */
function uuidv7Sql(ms: string, hash: string): string {
  return `(lpad(to_hex(${ms}), 12, '0') || '7' || substr(${hash}, 1, 3) || '8' || substr(${hash}, 4, 15))::uuid`;
}

/**
 * One slice of events $5…$6. Parameters: $1 account, $2 webhook ids, $3 time of event 0
 * (epoch ms), $4 ms between events. r (0–99, from the delivery's hash) decides the fate:
 * 3 % fail after four attempts, 7 % succeed on the second, the rest on the first.
 */
const INSERT_SLICE = `
  with e as materialized (
    select i, ms, ${uuidv7Sql('ms', 'h')} as id, type, to_timestamp(ms / 1000.0) as ts,
      jsonb_build_object('vtcId', i % 5000, 'userId', (i * 7919) % 1000000,
        'displayName', 'Driver ' || i, 'role', 'member') as data
    from (
      select i, $3::bigint + i * $4::bigint as ms, md5('e' || i) as h,
        (array['vtc.member_joined', 'vtc.member_left', 'event.created', 'event.rsvp',
          'user.updated'])[1 + i % 5] as type
      from generate_series($5::int, $6::int) as i
    ) g
  ), inserted_events as (
    insert into events (id, type, published_at, data, payload, account_ids, delivery_count,
      created_at)
    select id, type, ts, data,
      '{"event":"' || type || '","event_id":"' || id || '","timestamp":"'
        || to_char(ts at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '","data":'
        || data::text || '}',
      array[$1::uuid], cardinality($2::uuid[]), ts
    from e
  ), d as materialized (
    select ${uuidv7Sql('ms', 'h')} as id, event_id, webhook_id, type, ts, ms, h,
      case when r < 3 then 4 when r < 10 then 2 else 1 end as attempts,
      case when r < 3 then 'FAILED' else 'SUCCEEDED' end as status
    from (
      select e.id as event_id, ($2::uuid[])[n] as webhook_id, e.type, e.ts, e.ms + n as ms, h,
        ('x' || substr(h, 20, 4))::bit(16)::int % 100 as r
      from e cross join generate_series(1, cardinality($2::uuid[])) as n
        cross join lateral (select md5(e.id::text || n) as h) as x
    ) y
  ), inserted_deliveries as (
    insert into deliveries (id, event_id, webhook_id, account_id, event_type, status,
      attempt_count, scheduled_attempts, created_at, completed_at)
    select id, event_id, webhook_id, $1, type, status, attempts, attempts, ts,
      ts + make_interval(secs => case attempts when 4 then 750.3 when 2 then 30.2 else 0.05 end)
    from d
  )
  insert into delivery_attempts (id, delivery_id, number, started_at, duration_ms, outcome,
    request_headers, response_status, response_headers, response_body, error)
  select ${uuidv7Sql('ms', 'h')}, delivery_id, n, to_timestamp(ms / 1000.0),
    case when outcome = 'TIMEOUT' then 10000 else 20 + ascii(h) % 180 end,
    outcome,
    ('[{"name":"Content-Type","value":"application/json"},'
      || '{"name":"X-TrucklineMP-Signature","value":"sha256=' || h || md5(h) || '"},'
      || '{"name":"X-TrucklineMP-Event","value":"' || type || '"},'
      || '{"name":"X-TrucklineMP-Delivery","value":"' || event_id || '"},'
      || '{"name":"User-Agent","value":"TrucklineMP-Webhooks/0.1.0"}]')::jsonb,
    case outcome when 'SUCCESS' then 200 when 'HTTP_ERROR' then 503 end,
    case when outcome = 'TIMEOUT' then '[]'::jsonb else ('[{"name":"content-length","value":"0"},'
      || '{"name":"date","value":"' || to_char(to_timestamp(ms / 1000.0) at time zone 'UTC',
        'Dy, DD Mon YYYY HH24:MI:SS "GMT"') || '"}]')::jsonb end,
    case outcome when 'SUCCESS' then '' when 'HTTP_ERROR' then 'Service Unavailable' end,
    case when outcome = 'TIMEOUT' then 'no complete response within 10000 ms' end
  from (
    select d.id as delivery_id, d.event_id, d.type, a.n, x.h,
      d.ms + (array[3, 30003, 150003, 750003])[a.n] as ms,
      case when a.n = d.attempts and d.status = 'SUCCEEDED' then 'SUCCESS'
        when ascii(substr(x.h, 2, 1)) % 2 = 0 then 'HTTP_ERROR'
        else 'TIMEOUT' end as outcome
    from d cross join lateral generate_series(1, d.attempts) as a(n)
      cross join lateral (select md5(d.h || a.n) as h) as x
  ) z`;

/**
 * Seeds about `rows` deliveries for the account, then vacuums, analyzes and checkpoints so
 * that later phases neither pay for it nor meet autovacuum. Returns the deep page's cursor.
 */
export async function seedHistory(
  databaseUrl: string,
  options: HistoryOptions,
): Promise<SeededHistory> {
  const startedAt = performance.now();
  const fanout = options.webhookIds.length;
  const events = Math.ceil(options.rows / fanout);
  const step = Math.floor(HISTORY_SPAN_MS / events);
  const firstMs = Date.now() - HISTORY_SPAN_MS - step;
  const perSlice = Math.ceil(events / PARALLEL_SLICES);

  const clients = await Promise.all(
    Array.from({ length: PARALLEL_SLICES }, async () => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      return client;
    }),
  );
  try {
    const skips = await Promise.all(clients.map((client) => prepareSession(client)));
    // Rows go in faster without the secondary indexes; they are rebuilt from their own
    // definitions afterwards (the service is idle meanwhile), so the schema ends up the same.
    const indexes = await dropSecondaryIndexes(clients[0]);
    const results = await Promise.all(
      clients.map((client, slice) => {
        const from = slice * perSlice + 1;
        const to = Math.min(events, (slice + 1) * perSlice);
        const params = [options.accountId, options.webhookIds, firstMs, step, from, to];
        return client.query(INSERT_SLICE, params);
      }),
    );
    await Promise.all(
      clients.map(async (client, slice) => {
        for (const [index, definition] of indexes.entries()) {
          if (index % clients.length === slice) await client.query(definition);
        }
      }),
    );
    await Promise.all([
      clients[0].query('vacuum (analyze) deliveries'),
      clients[1 % clients.length].query('vacuum (analyze) events, delivery_attempts'),
    ]);
    await clients[0].query('checkpoint').catch(() => {
      // CHECKPOINT needs superuser or pg_checkpoint; without it the writes just flush later.
    });
    // The checkpoint hands its writes to the kernel; while it writes them back, every commit's
    // WAL flush waits behind them. `sync` waits for that here rather than in the next phase.
    execFileSync('sync');

    const deep = await clients[0].query<{ id: string }>(
      'select id from deliveries where account_id = $1 order by id desc offset $2 limit 2',
      [options.accountId, options.deepOffset - 1],
    );
    if (deep.rowCount !== 2) throw new Error('the seeded history is shorter than the deep offset');
    return {
      deliveries: events * fanout,
      events,
      attempts: results.reduce((sum, r) => sum + (r.rowCount ?? 0), 0),
      seedMs: Math.round(performance.now() - startedAt),
      skippedForeignKeyChecks: skips.every(Boolean),
      deepCursor: Buffer.from(`c:${deep.rows[0].id}`).toString('base64url'),
      deepFirstId: deep.rows[1].id,
    };
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
}

/**
 * Drops the indexes of the history tables that back no constraint; returns their
 * definitions (`create index …`) for rebuilding.
 */
async function dropSecondaryIndexes(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `select i.indexname as name, i.indexdef as definition from pg_indexes i
     where i.schemaname = current_schema()
       and i.tablename in ('events', 'deliveries', 'delivery_attempts')
       and not exists (select 1 from pg_constraint c where c.conindid = (
         quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)`,
  );
  for (const { name } of rows) await client.query(`drop index ${client.escapeIdentifier(name)}`);
  return rows.map((r) => r.definition);
}

/**
 * Session settings for bulk writes. Skipping foreign-key triggers (replica role) needs
 * superuser; the rows reference each other correctly by construction, so without it the
 * seed is only slower. Returns whether the triggers are skipped.
 */
async function prepareSession(client: pg.Client): Promise<boolean> {
  await client.query('set synchronous_commit = off');
  try {
    await client.query("set session_replication_role = 'replica'");
    return true;
  } catch {
    // Not a superuser: foreign keys are checked, which costs time but is correct.
    return false;
  }
}
