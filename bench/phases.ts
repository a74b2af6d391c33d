/**
 * The bench's sequence. Three service sessions, each started fresh:
 *   A. role all: fixtures and history seed, latency, publish rate, fan-out;
 *   B. api + worker processes: latency, history queries;
 *   C. role all: raw ceiling, then throughput (last, because a service that stalls under a
 *      backlog leaves that backlog behind for whatever runs after it).
 * A phase that stalls gets its session's processes diagnosed and killed; the session's
 * remaining phases are skipped and the next session starts fresh.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { v7 as uuidv7 } from 'uuid';
import { buildPayload } from '../server/src/events/event.payload.js';
import { createApi, createTransport } from './api.js';
import { ensureBuilt } from './build.js';
import type { Cleanup } from './cleanup.js';
import { ForeignCpuWindow, type CpuGroup } from './cpu.js';
import { memberJoinedData } from './event-data.js';
import { measureFanout, type FanoutResult } from './fanout.js';
import { createAccount, createWebhooks, insertWebhooks } from './fixtures.js';
import { measureHistory, type HistoryResult } from './history.js';
import { measureLatency, type LatencyResult } from './latency.js';
import type { BenchOptions } from './options.js';
import type { Outcome } from './outcome.js';
import { startBenchDatabase } from './postgres.js';
import { measurePublishRate, type PublishRateResult } from './publish-rate.js';
import type { TimeWindow } from './profile-summary.js';
import type { Progress } from './progress.js';
import { measureRawCeiling, type RawCeiling } from './raw-ceiling.js';
import { Receiver } from './receiver.client.js';
import { seedHistory, type SeededHistory } from './seed-history.js';
import { ServiceProcess, type ServiceRole } from './service.js';
import { Session } from './session.js';
import { measureThroughput, type ThroughputResult } from './throughput.js';

const THROUGHPUT_TYPE = 'vtc.member_joined';
const LATENCY_TYPE = 'vtc.member_left';
const FANOUT_TYPE = 'event.created';
const PUBLISH_TYPE = 'user.updated';
/** Subscribed by the history account's webhooks and never published: its history stays put. */
const HISTORY_TYPE = 'ban.appealed';
const PROFILES_DIR = fileURLToPath(new URL('./results/profiles/', import.meta.url));

/** Everything the phases produced, before it is judged and written. */
export interface PhaseOutcomes {
  readonly startedAt: Date;
  readonly postgres: string;
  /** createWebhook calls per second while the throughput webhooks were made. */
  readonly createWebhookPerSecond: number;
  readonly seeded: SeededHistory;
  readonly raw: Outcome<RawCeiling>;
  readonly throughput: Outcome<ThroughputResult>;
  readonly latencyAll: Outcome<LatencyResult>;
  readonly latencySplit: Outcome<LatencyResult>;
  readonly publish: Outcome<PublishRateResult>;
  readonly fanout: Outcome<FanoutResult>;
  readonly history: Outcome<HistoryResult>;
  /** Peak RSS (MB) by role, the larger of two `all` sessions. */
  readonly rssMb: { readonly all: number; readonly api: number; readonly worker: number };
  /** Share of the machine used by processes not started by this run (other load). */
  readonly foreignCpuPercent: number;
  /** Monotonic spans of the measured parts, for CPU profile summaries. */
  readonly windows: readonly TimeWindow[];
  readonly profileDir: string | undefined;
  readonly logDir: string;
}

/** Runs every phase; what it starts is registered with `cleanup`. */
export async function runPhases(
  options: BenchOptions,
  progress: Progress,
  cleanup: Cleanup,
): Promise<PhaseOutcomes> {
  const { sizes } = options;
  const startedAt = new Date();
  const foreignCpu = new ForeignCpuWindow();
  const windows: TimeWindow[] = [];
  const window = (name: string) => (startUs: number, endUs: number) => {
    windows.push({ name, startUs, endUs });
  };

  progress.phase('build');
  progress.note((await ensureBuilt(options.forceBuild)) ? 'built dist/' : 'dist/ is up to date');

  progress.phase(options.databaseUrl ? 'creating a fresh database' : 'starting embedded Postgres');
  const db = await startBenchDatabase(options.databaseUrl);
  cleanup.push(() => db.stop());
  const receiver = await Receiver.start();
  cleanup.push(() => receiver.stop());
  const transport = createTransport(32);
  cleanup.push(() => transport.close());
  const logDir = await fs.mkdtemp(path.join(os.tmpdir(), 'webhooks-bench-logs-'));
  const profileDir = options.profile
    ? path.join(PROFILES_DIR, startedAt.toISOString().replace(/:/g, '-'))
    : undefined;
  if (profileDir) await fs.mkdir(profileDir, { recursive: true });

  const keys = {
    platformKey: 'platform_' + randomBytes(16).toString('hex'),
    secretKey: randomBytes(32).toString('base64url'),
  };
  const running = new Set<ServiceProcess>();
  cleanup.push(() => Promise.all([...running].map((s) => s.kill())));
  const startSession = async (roles: readonly ServiceRole[]) => {
    const session = new Session(db.url, progress);
    for (const role of roles) {
      const service = await ServiceProcess.start({
        role,
        databaseUrl: db.url,
        ...keys,
        logLevel: options.serviceLogLevel,
        logDir,
        profileDir,
        extraEnv: options.serviceEnv,
      });
      running.add(service);
      session.services.push(service);
    }
    return session;
  };
  const endSession = async (session: Session) => {
    const peaks = await session.stop();
    for (const service of session.services) running.delete(service);
    return peaks;
  };
  const platformOf = (session: Session) => {
    const api = session.services.find((s) => s.role !== 'worker');
    if (!api) throw new Error('this session has no API process');
    return createApi(api.graphqlUrl, keys.platformKey, transport);
  };

  // Session A: role all.
  progress.phase('starting the service (role all)');
  const sessionA = await startSession(['all']);
  const graphqlUrl = sessionA.services[0].graphqlUrl;
  const platform = platformOf(sessionA);

  progress.phase('creating accounts and webhooks');
  const account = (name: string) => createAccount(platform, graphqlUrl, transport, name);
  const throughputAccount = await account('bench throughput');
  const latencyAccount = await account('bench latency');
  const fanoutAccount = await account('bench fan-out');
  const historyAccount = await account('bench history');
  const createStartedAt = performance.now();
  await createWebhooks(
    throughputAccount,
    receiver,
    { count: sizes.throughput.webhooks, eventType: THROUGHPUT_TYPE, keyPrefix: 't' },
    (done) => progress.update(`${done}/${sizes.throughput.webhooks} throughput webhooks`),
  );
  const createWebhookPerSecond =
    sizes.throughput.webhooks / ((performance.now() - createStartedAt) / 1000);
  progress.note(`createWebhook through the API: ${Math.round(createWebhookPerSecond)}/s`);
  await createWebhooks(latencyAccount, receiver, {
    count: sizes.latency.webhooks,
    eventType: LATENCY_TYPE,
    keyPrefix: 'l',
  });
  await createWebhooks(latencyAccount, receiver, {
    count: 1,
    eventType: PUBLISH_TYPE,
    keyPrefix: 'p',
  });
  const historyWebhooks = await createWebhooks(historyAccount, receiver, {
    count: sizes.history.webhooks,
    eventType: HISTORY_TYPE,
    keyPrefix: 'h',
  });
  await insertWebhooks(db.url, keys.secretKey, fanoutAccount, receiver, {
    count: sizes.fanout.webhooks,
    eventType: FANOUT_TYPE,
    keyPrefix: 'f',
  });

  progress.phase(`seeding ${sizes.history.rows.toLocaleString('en-US')} deliveries of history`);
  const seeded = await seedHistory(db.url, {
    accountId: historyAccount.id,
    webhookIds: historyWebhooks.map((w) => w.id),
    rows: sizes.history.rows,
    deepOffset: sizes.history.deepOffset,
  });
  progress.note(`seeded in ${(seeded.seedMs / 1000).toFixed(1)} s`);

  const latency = (name: string) => ({ ...sizes.latency, name, eventType: LATENCY_TYPE });
  const deliveryRate = sizes.latency.eventsPerSecond * sizes.latency.webhooks;
  progress.phase(`latency at ${deliveryRate} deliveries/s, role all`);
  const latencyAll = await sessionA.attempt('latency, role all', () =>
    measureLatency(
      platform,
      receiver,
      { ...latency('latency, role all'), onWindow: window('latency, role all') },
      progress,
    ),
  );

  progress.phase('publish rate');
  const publish = await sessionA.attempt('publish rate', () =>
    measurePublishRate(platform, receiver, { ...sizes.publish, eventType: PUBLISH_TYPE }, progress),
  );

  progress.phase(`fan-out to ${sizes.fanout.webhooks.toLocaleString('en-US')} webhooks`);
  const fanout = await sessionA.attempt('fan-out', () =>
    measureFanout(
      platform,
      receiver,
      { eventType: FANOUT_TYPE, webhooks: sizes.fanout.webhooks, onWindow: window('fan-out') },
      progress,
    ),
  );
  const peaksA = await endSession(sessionA);

  // Session B: api and worker in separate processes.
  progress.phase('starting api and worker processes');
  const sessionB = await startSession(['worker', 'api']);
  const splitPlatform = platformOf(sessionB);

  progress.phase(`latency at ${deliveryRate} deliveries/s, api + worker`);
  const latencySplit = await sessionB.attempt('latency, api + worker', () =>
    measureLatency(
      splitPlatform,
      receiver,
      { ...latency('latency, api + worker'), onWindow: window('latency, api + worker') },
      progress,
    ),
  );

  progress.phase('history queries');
  const historyApi = createApi(
    sessionB.services.find((s) => s.role === 'api')?.graphqlUrl ?? '',
    historyAccount.token,
    transport,
  );
  const history = await sessionB.attempt('history queries', () =>
    measureHistory(
      historyApi,
      seeded,
      { ...sizes.history, onWindow: window('history queries') },
      progress,
    ),
  );
  const peaksB = await endSession(sessionB);

  // Session C: role all, raw ceiling right before throughput so their ratio holds.
  progress.phase('starting the service (role all) for throughput');
  const sessionC = await startSession(['all']);
  const cpuGroups: CpuGroup[] = [
    { name: 'service', includes: (p) => [...running].some((s) => s.pid === p.pid) },
    { name: 'postgres', includes: (p) => p.name === 'postgres' },
    { name: 'receiver', includes: (p) => p.pid === receiver.pid },
    { name: 'bench', includes: (p) => p.pid === process.pid },
  ];

  progress.phase('raw ceiling');
  const rawBody = buildPayload(THROUGHPUT_TYPE, uuidv7(), new Date(), memberJoinedData(123_456));
  const raw = await sessionC.attempt('raw ceiling', () =>
    measureRawCeiling(receiver, rawBody, sizes.raw, progress),
  );

  progress.phase(`throughput (${sizes.throughput.seconds} s)`);
  const throughput = await sessionC.attempt('throughput', () =>
    measureThroughput(
      platformOf(sessionC),
      receiver,
      {
        ...sizes.throughput,
        eventType: THROUGHPUT_TYPE,
        cpuGroups,
        databaseUrl: db.url,
        onWindow: window('throughput'),
      },
      progress,
    ),
  );
  const peaksC = await endSession(sessionC);

  return {
    startedAt,
    postgres: `${db.version} (${db.kind})`,
    createWebhookPerSecond,
    seeded,
    raw,
    throughput,
    latencyAll,
    latencySplit,
    publish,
    fanout,
    history,
    rssMb: {
      all: Math.max(peaksA.get('all') ?? 0, peaksC.get('all') ?? 0),
      api: peaksB.get('api') ?? 0,
      worker: peaksB.get('worker') ?? 0,
    },
    foreignCpuPercent: foreignCpu.finish(),
    windows,
    profileDir,
    logDir,
  };
}
