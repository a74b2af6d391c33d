import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startService } from './app.js';

/**
 * Process entry point: reads the configuration, starts the roles of WEBHOOKS_ROLE, and stops
 * cleanly on SIGTERM or SIGINT (a second signal exits at once).
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err: unknown) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  const service = await startService(config, log).catch((err: unknown) => {
    log.fatal({ err }, 'service failed to start');
    process.exit(1);
  });

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting at once');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'stopping');
    service.stop().then(
      () => {
        log.info('stopped cleanly');
        process.exit(0);
      },
      (err: unknown) => {
        log.error({ err }, 'stopping failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

await main();
