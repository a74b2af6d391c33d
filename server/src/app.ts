import 'reflect-metadata';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { MikroORM } from '@mikro-orm/postgresql';
import type PgBoss from 'pg-boss';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { ormConfig } from './db/orm.config.js';
import { Database } from './db/database.js';
import { migrateUnderLock } from './db/migrate.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './db/embedded-postgres.js';
import { loadOrCreateLocalKeys } from './db/local-keys.js';
import { createSchema } from './graphql/schema.js';
import { createRequestContext, type RequestContext } from './graphql/context.js';
import { createErrorFormatter } from './graphql/errors.js';
import { playgroundPage } from './graphql/playground.js';
import { AccountService } from './accounts/account.service.js';
import { WebhookService } from './webhooks/webhook.service.js';
import { SecretBox } from './webhooks/secret.js';
import type { DestinationPolicy, HostLookup } from './webhooks/destination.policy.js';
import { PublishService, type LocalWorker } from './events/publish.service.js';
import { DeliveryService } from './deliveries/delivery.service.js';
import { createDispatchQueue, startQueue } from './deliveries/delivery.queue.js';
import { DispatchStore } from './deliveries/dispatch.store.js';
import { Dispatcher } from './deliveries/dispatcher.js';
import { HttpSender } from './deliveries/http.sender.js';
import { WakeListener } from './deliveries/wake.listener.js';
import type { Services } from './services.js';

/** Hooks for tests: a resolver for webhook host names. */
export interface ServiceOverrides {
  readonly lookup?: HostLookup;
}

/** A started service. */
export interface RunningService {
  /** The API's port, when this process runs the API. */
  readonly port: number | null;
  /** The Postgres the service uses. */
  readonly databaseUrl: string;
  /** Stops the API, lets the worker finish in-flight attempts, closes the database. */
  stop(): Promise<void>;
}

/** Credentials that came from the embedded data folder rather than the environment. */
interface ResolvedKeys {
  platformApiKey: string | undefined;
  secretKey: string;
}

/**
 * Composition root: connects to (or starts) Postgres, applies migrations under a lock, and
 * starts the roles this process runs: the GraphQL API, the delivery worker, or both.
 */
export async function startService(
  config: Config,
  log: Logger,
  overrides: ServiceOverrides = {},
): Promise<RunningService> {
  const stack: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stack.reverse().splice(0)) await stop();
  };
  try {
    warnAboutDevelopmentSwitches(config, log);
    let embedded: EmbeddedPostgres | undefined;
    if (config.databaseUrl === undefined) {
      embedded = await startEmbeddedPostgres({
        dataDir: config.dataDir,
        port: config.embeddedPostgresPort,
        log: log.child({ component: 'postgres' }),
      });
      stack.push(() => embedded!.stop());
    }
    const databaseUrl = config.databaseUrl ?? embedded!.url;
    const keys = await resolveKeys(config, embedded !== undefined);

    const orm = await MikroORM.init(ormConfig(databaseUrl, log.child({ component: 'orm' })));
    stack.push(() => orm.close());
    const db = new Database(databaseUrl, log);
    stack.push(() => db.close());
    const boss = await startQueue(db, log.child({ component: 'queue' }));
    stack.push(() => boss.stop({ graceful: false, wait: true, close: false }));
    await migrateUnderLock(orm, databaseUrl, log, () => createDispatchQueue(boss));

    const policy: DestinationPolicy = {
      allowPrivate: config.allowPrivateDestinations,
      allowHttp: config.allowHttp,
    };
    const secrets = new SecretBox(keys.secretKey);
    const webhooks = new WebhookService(orm, db, secrets, policy, log, overrides.lookup);

    let worker: RunningWorker | undefined;
    if (config.role !== 'api') {
      const running = await startWorker(config, log, { db, boss, webhooks, policy, databaseUrl });
      worker = running;
      stack.push(() => running.stop(config.shutdownGraceMs));
    }
    const wake = () => worker?.wake();

    let port: number | null = null;
    if (config.role !== 'worker') {
      const services: Services = {
        accounts: new AccountService(orm, db, keys.platformApiKey, log),
        webhooks,
        publishing: new PublishService(db, boss, log, worker),
        deliveries: new DeliveryService(orm, db, boss, log, wake),
      };
      const api = await startApi(config, log, services, db);
      port = api.port;
      stack.push(api.stop);
    }

    log.info({ role: config.role, port, embedded: embedded !== undefined }, 'service started');
    return { port, databaseUrl, stop: stopAll };
  } catch (err: unknown) {
    await stopAll().catch((stopErr: unknown) => {
      // The start-up error is the one to report; the cleanup failure is secondary.
      log.warn({ err: stopErr }, 'cleanup after a failed start failed');
    });
    throw err;
  }
}

async function resolveKeys(config: Config, embedded: boolean): Promise<ResolvedKeys> {
  if (!embedded) {
    // loadConfig guarantees the secret key whenever DATABASE_URL is set.
    return { platformApiKey: config.platformApiKey, secretKey: config.secretKey! };
  }
  const local = await loadOrCreateLocalKeys(config.dataDir);
  const platformApiKey = config.platformApiKey ?? local.platformApiKey;
  if (local.created && config.platformApiKey === undefined) {
    printFirstStartBanner(platformApiKey, config.port);
  }
  return { platformApiKey, secretKey: config.secretKey ?? local.secretKey };
}

/**
 * Shown once, on the first start of an embedded installation. It goes to stdout, not to the
 * log, because it carries the platform key.
 */
function printFirstStartBanner(platformApiKey: string, port: number): void {
  const body = JSON.stringify({
    query: 'mutation { createAccount(name: "My integration") { account { id } token } }',
  });
  process.stdout.write(
    [
      '',
      'First start: a platform key was generated and saved in the data folder.',
      `  Platform key: ${platformApiKey}`,
      'Create a developer account (prints its API token once):',
      `  curl -s http://localhost:${port}/graphql -H 'Content-Type: application/json' ` +
        `-H 'Authorization: Bearer ${platformApiKey}' -d '${body}'`,
      '',
    ].join('\n') + '\n',
  );
}

function warnAboutDevelopmentSwitches(config: Config, log: Logger): void {
  if (config.allowPrivateDestinations) {
    log.warn(
      'WEBHOOKS_ALLOW_PRIVATE_DESTINATIONS is on: deliveries may reach loopback and private ' +
        'networks. Use it for local development and tests only.',
    );
  }
  if (config.allowHttp) {
    log.warn(
      'WEBHOOKS_ALLOW_HTTP is on: webhooks may use plain http:// URLs. Use it for local ' +
        'development and tests only.',
    );
  }
}

/** This process's delivery worker, as publishing and shutdown use it. */
interface RunningWorker extends LocalWorker {
  stop(graceMs: number): Promise<void>;
}

async function startWorker(
  config: Config,
  log: Logger,
  deps: {
    db: Database;
    boss: PgBoss;
    webhooks: WebhookService;
    policy: DestinationPolicy;
    databaseUrl: string;
  },
): Promise<RunningWorker> {
  const workerLog = log.child({ component: 'worker' });
  const sender = new HttpSender({ policy: deps.policy });
  const dispatcher = new Dispatcher({
    boss: deps.boss,
    store: new DispatchStore(deps.db, deps.boss),
    sender,
    openSecret: (webhook) => deps.webhooks.openSecret(webhook),
    retryScheduleMs: config.retryScheduleMs,
    concurrency: config.workerConcurrency,
    log: workerLog,
  });
  const listener = new WakeListener(deps.databaseUrl, () => dispatcher.wake(), workerLog);
  await listener.start();
  dispatcher.start();
  return {
    wake: () => dispatcher.wake(),
    reserve: (count) => dispatcher.reserve(count),
    stop: async (graceMs: number) => {
      await listener.stop();
      await dispatcher.stop(graceMs);
      await sender.close();
    },
  };
}

async function startApi(
  config: Config,
  log: Logger,
  services: Services,
  db: Database,
): Promise<{ port: number; stop: () => Promise<void> }> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<RequestContext>({
    schema: await createSchema(),
    introspection: true,
    stopOnTerminationSignals: false,
    // Credentials travel only in the Authorization header, never in cookies, so a browser
    // cannot be tricked into sending them cross-site; CSRF prevention would only block the
    // plain GET requests GraphQL-over-HTTP allows.
    csrfPrevention: false,
    formatError: createErrorFormatter(log.child({ component: 'graphql' })),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // Responses are per credential and never cached; the cache-control plugin would still
      // instrument every resolved field (measured at several per cent of a history page).
      ApolloServerPluginCacheControlDisabled(),
    ],
    logger: {
      debug: (m) => log.debug({ component: 'apollo' }, String(m)),
      info: (m) => log.info({ component: 'apollo' }, String(m)),
      warn: (m) => log.warn({ component: 'apollo' }, String(m)),
      error: (m) => log.error({ component: 'apollo' }, String(m)),
    },
  });
  await apollo.start();

  app.get('/healthz', async (_req, res) => {
    try {
      await db.query('select 1');
      res.json({ status: 'ok' });
    } catch (err: unknown) {
      log.warn({ err }, 'health check failed');
      res.status(503).json({ status: 'unavailable' });
    }
  });
  app.get('/graphql', (req, res, next) => {
    if (
      req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) ===
      'text/html'
    ) {
      res.type('html').send(playgroundPage());
      return;
    }
    next();
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => createRequestContext(services, log, req.headers.authorization),
    }),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  return { port, stop: () => apollo.stop() };
}
