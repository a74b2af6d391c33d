/** Command-line options of `npm run bench` and the sizes of each phase. */

/** How big each phase is. */
export interface BenchSizes {
  readonly raw: { concurrencies: readonly number[]; warmupMs: number; measureMs: number };
  readonly throughput: {
    webhooks: number;
    publishers: number;
    seconds: number;
    warmupSeconds: number;
    maxOutstanding: number;
  };
  readonly latency: {
    eventsPerSecond: number;
    webhooks: number;
    seconds: number;
    warmupSeconds: number;
  };
  readonly publish: { publishers: number; seconds: number };
  readonly fanout: { webhooks: number };
  readonly history: {
    rows: number;
    deepOffset: number;
    webhooks: number;
    queries: number;
    warmup: number;
  };
}

/** Everything `bench/run.ts` was asked to do. */
export interface BenchOptions {
  /** Smoke mode: small sizes; checks the harness and that every delivery arrived verified. */
  readonly quick: boolean;
  /** Runs the service processes with `--cpu-prof` and prints where their time went. */
  readonly profile: boolean;
  /** Rebuilds `dist` even when it looks up to date. */
  readonly forceBuild: boolean;
  /** `LOG_LEVEL` of the service processes. */
  readonly serviceLogLevel: string;
  /** `DATABASE_URL`: use that server (a fresh database in it) instead of an embedded one. */
  readonly databaseUrl: string | undefined;
  /** Service settings passed through from the caller's environment. */
  readonly serviceEnv: Readonly<Record<string, string>>;
  readonly sizes: BenchSizes;
}

const FULL: BenchSizes = {
  raw: { concurrencies: [16, 32, 64], warmupMs: 500, measureMs: 3000 },
  throughput: {
    webhooks: 100,
    publishers: 4,
    // A fresh service process takes a few seconds to reach speed: 6 s warm-up, 21 s measured.
    seconds: 28,
    warmupSeconds: 6,
    maxOutstanding: 10_000,
  },
  latency: { eventsPerSecond: 20, webhooks: 10, seconds: 15, warmupSeconds: 2 },
  publish: { publishers: 4, seconds: 5 },
  fanout: { webhooks: 10_000 },
  history: { rows: 1_000_000, deepOffset: 500_000, webhooks: 5, queries: 200, warmup: 20 },
};

const QUICK: BenchSizes = {
  raw: { concurrencies: [16], warmupMs: 300, measureMs: 1000 },
  // At most 100 outstanding, fewer than the worker's default 128 in flight: the smoke check
  // does not depend on how the dispatcher handles a backlog (see bench/README.md, Stalls).
  throughput: { webhooks: 10, publishers: 2, seconds: 4, warmupSeconds: 1, maxOutstanding: 100 },
  latency: { eventsPerSecond: 10, webhooks: 5, seconds: 3, warmupSeconds: 1 },
  publish: { publishers: 2, seconds: 1 },
  fanout: { webhooks: 200 },
  history: { rows: 5000, deepOffset: 2500, webhooks: 5, queries: 20, warmup: 5 },
};

/** Service settings a caller may set in the environment to benchmark another configuration. */
const PASSED_THROUGH = ['WEBHOOKS_WORKER_CONCURRENCY'];

/** The text `--help` prints. */
export const USAGE = `Usage: npm run bench [-- options]

  --quick            smoke mode (< 60 s): small sizes; exits non-zero unless every delivery
                     arrived with a valid signature
  --profile          run the service with --cpu-prof and print its hottest functions per phase
  --build            rebuild dist even when it looks up to date
  --log-level LEVEL  LOG_LEVEL of the service (default warn)
  --max-outstanding N  throughput publishers hold back while N deliveries are published but
                     not arrived (default 10000; 100 with --quick)
  --help             this text

Environment: DATABASE_URL (admin URL of a Postgres to create a fresh database in; default: an
embedded Postgres in a temporary folder), WEBHOOKS_WORKER_CONCURRENCY (passed to the service).`;

/** Parses `argv` (without node and script); throws with {@link USAGE} on anything unknown. */
export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions {
  let quick = false;
  let profile = false;
  let forceBuild = false;
  let serviceLogLevel = 'warn';
  let maxOutstanding: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    switch (argv[i]) {
      case '--quick':
        quick = true;
        break;
      case '--profile':
        profile = true;
        break;
      case '--build':
        forceBuild = true;
        break;
      case '--log-level':
        serviceLogLevel = argv[++i] ?? '';
        if (serviceLogLevel === '') throw new Error(`--log-level needs a level\n\n${USAGE}`);
        break;
      case '--max-outstanding':
        maxOutstanding = Number(argv[++i]);
        if (!Number.isInteger(maxOutstanding) || maxOutstanding < 1) {
          throw new Error(`--max-outstanding needs a positive whole number\n\n${USAGE}`);
        }
        break;
      default:
        throw new Error(`unknown option ${argv[i]}\n\n${USAGE}`);
    }
  }
  const serviceEnv: Record<string, string> = {};
  for (const name of PASSED_THROUGH) {
    const value = env[name]?.trim();
    if (value) serviceEnv[name] = value;
  }
  return {
    quick,
    profile,
    forceBuild,
    serviceLogLevel,
    databaseUrl: env.DATABASE_URL?.trim() || undefined,
    serviceEnv,
    sizes: withMaxOutstanding(quick ? QUICK : FULL, maxOutstanding),
  };
}

function withMaxOutstanding(sizes: BenchSizes, maxOutstanding: number | undefined): BenchSizes {
  if (maxOutstanding === undefined) return sizes;
  return { ...sizes, throughput: { ...sizes.throughput, maxOutstanding } };
}
