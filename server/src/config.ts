import path from 'node:path';

/** Which parts of the service a process runs. */
export type Role = 'all' | 'api' | 'worker';

/** The service's configuration, read once from the environment at start-up. */
export interface Config {
  /** Postgres connection string; `undefined` starts an embedded Postgres in {@link dataDir}. */
  readonly databaseUrl: string | undefined;
  /** Folder of the embedded Postgres and of its generated keys. */
  readonly dataDir: string;
  /** Port of the embedded Postgres; chosen away from a system Postgres on 5432. */
  readonly embeddedPostgresPort: number;
  /** HTTP port of the API. */
  readonly port: number;
  /** The platform's credential; with an embedded database it may come from the data folder. */
  readonly platformApiKey: string | undefined;
  /** Key material that encrypts webhook secrets at rest; same fallback as the platform key. */
  readonly secretKey: string | undefined;
  readonly role: Role;
  /** Delays before the 2nd, 3rd, … attempt, in milliseconds. */
  readonly retryScheduleMs: readonly number[];
  /** Lets deliveries reach loopback and private addresses (development and tests only). */
  readonly allowPrivateDestinations: boolean;
  /** Lets webhooks use plain `http://` URLs (development and tests only). */
  readonly allowHttp: boolean;
  /** Requests one worker process keeps in flight at most. */
  readonly workerConcurrency: number;
  /** How long a stopping worker waits for in-flight attempts before it exits anyway. */
  readonly shutdownGraceMs: number;
  readonly logLevel: string;
}

/** Start-up configuration is wrong; the message lists every problem at once. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const MIN_SECRET_KEY_LENGTH = 32;

/**
 * Parses a retry schedule such as `30s,2m,10m` into milliseconds.
 * Returns a problem description instead when the text is not valid.
 */
export function parseRetrySchedule(text: string): number[] | string {
  const parts = text.split(',').map((p) => p.trim());
  const delays: number[] = [];
  for (const part of parts) {
    const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(part);
    if (!match) {
      return `"${part}" is not a duration such as 500ms, 30s, 2m or 1h`;
    }
    const ms = Math.round(Number(match[1]) * DURATION_UNITS[match[2]]);
    if (ms < 1 || ms > 7 * 24 * 3_600_000) {
      return `"${part}" must be between 1ms and 7 days`;
    }
    delays.push(ms);
  }
  if (delays.length > 20) {
    return 'at most 20 retries are allowed';
  }
  return delays;
}

/**
 * Reads, validates and freezes the configuration. Nothing else in the service reads
 * `process.env`. Throws a {@link ConfigError} that lists every problem found.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const problems: string[] = [];
  const text = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = text(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const flag = (name: string): boolean => {
    const raw = text(name)?.toLowerCase();
    if (raw === undefined || raw === 'false' || raw === '0') return false;
    if (raw === 'true' || raw === '1') return true;
    problems.push(`${name} must be "true" or "false" (got "${raw}")`);
    return false;
  };

  const databaseUrl = text('DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// connection string');
  }

  const role = text('WEBHOOKS_ROLE') ?? 'all';
  if (role !== 'all' && role !== 'api' && role !== 'worker') {
    problems.push(`WEBHOOKS_ROLE must be "all", "api" or "worker" (got "${role}")`);
  }

  const platformApiKey = text('PLATFORM_API_KEY');
  if (platformApiKey !== undefined && platformApiKey.length < 16) {
    problems.push('PLATFORM_API_KEY must be at least 16 characters long');
  }
  const secretKey = text('WEBHOOKS_SECRET_KEY');
  if (secretKey !== undefined && secretKey.length < MIN_SECRET_KEY_LENGTH) {
    problems.push(`WEBHOOKS_SECRET_KEY must be at least ${MIN_SECRET_KEY_LENGTH} characters long`);
  }
  if (databaseUrl !== undefined) {
    if (secretKey === undefined) {
      problems.push('WEBHOOKS_SECRET_KEY is required when DATABASE_URL is set');
    }
    if (platformApiKey === undefined && role !== 'worker') {
      problems.push('PLATFORM_API_KEY is required when DATABASE_URL is set');
    }
  }

  const scheduleText = env.WEBHOOKS_RETRY_SCHEDULE?.trim() || '30s,2m,10m';
  const schedule = parseRetrySchedule(scheduleText);
  if (typeof schedule === 'string') {
    problems.push(`WEBHOOKS_RETRY_SCHEDULE: ${schedule}`);
  }

  const logLevel = text('LOG_LEVEL') ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);
  }

  const config: Config = {
    databaseUrl,
    dataDir: path.resolve(cwd, text('WEBHOOKS_DATA_DIR') ?? '.data'),
    embeddedPostgresPort: integer('EMBEDDED_POSTGRES_PORT', 5544, 1024, 65535),
    port: integer('PORT', 4000, 0, 65535),
    platformApiKey,
    secretKey,
    role: role as Role,
    retryScheduleMs: Object.freeze(typeof schedule === 'string' ? [] : schedule),
    allowPrivateDestinations: flag('WEBHOOKS_ALLOW_PRIVATE_DESTINATIONS'),
    allowHttp: flag('WEBHOOKS_ALLOW_HTTP'),
    workerConcurrency: integer('WEBHOOKS_WORKER_CONCURRENCY', 128, 1, 4096),
    shutdownGraceMs: integer('WEBHOOKS_SHUTDOWN_GRACE_SECONDS', 10, 0, 600) * 1000,
    logLevel,
  };
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return Object.freeze(config);
}
