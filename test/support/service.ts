import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { loadConfig } from '../../server/src/config.js';
import { createLogger } from '../../server/src/logger.js';
import { startService, type ServiceOverrides } from '../../server/src/app.js';
import { createTestDatabase, type TestDatabase } from './database.js';

/** A service started inside the test process, on its own database and a free port. */
export interface TestService {
  readonly graphqlUrl: string;
  readonly baseUrl: string;
  readonly platformKey: string;
  readonly secretKey: string;
  readonly databaseUrl: string;
  /** Every log line written so far, raw. */
  readonly logs: string[];
  stop(): Promise<void>;
}

export interface TestServiceOptions {
  /** Environment on top of the test defaults. */
  readonly env?: Record<string, string>;
  /** Reuse a database (to restart on the same data); a new one is created otherwise. */
  readonly database?: TestDatabase;
  readonly overrides?: ServiceOverrides;
  /** Keep the database when stopping (the caller drops it). */
  readonly keepDatabase?: boolean;
}

/** Test defaults: private and http destinations allowed (receivers run on loopback). */
export function testEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PLATFORM_API_KEY: 'platform_' + randomBytes(16).toString('hex'),
    WEBHOOKS_SECRET_KEY: randomBytes(32).toString('base64url'),
    WEBHOOKS_ALLOW_PRIVATE_DESTINATIONS: 'true',
    WEBHOOKS_ALLOW_HTTP: 'true',
    WEBHOOKS_RETRY_SCHEDULE: '1s,1s,1s',
    LOG_LEVEL: 'info',
    PORT: '0',
    ...extra,
  };
}

/** Starts the whole service (API and worker unless WEBHOOKS_ROLE says otherwise). */
export async function startTestService(options: TestServiceOptions = {}): Promise<TestService> {
  const database = options.database ?? (await createTestDatabase('svc'));
  const env: Record<string, string> = { ...testEnv(), ...options.env, DATABASE_URL: database.url };
  const config = loadConfig(env);
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const service = await startService(
    config,
    createLogger(config.logLevel, sink),
    options.overrides,
  );
  const baseUrl = `http://127.0.0.1:${service.port}`;
  return {
    graphqlUrl: `${baseUrl}/graphql`,
    baseUrl,
    platformKey: env.PLATFORM_API_KEY,
    secretKey: env.WEBHOOKS_SECRET_KEY,
    databaseUrl: database.url,
    logs,
    stop: async () => {
      await service.stop();
      if (!options.keepDatabase && !options.database) await database.drop();
    },
  };
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err: unknown) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`, { cause: last });
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
