/**
 * Starts an embedded Postgres in a separate node process for tests that kill or signal it:
 * `node --import @swc-node/register/esm-register test/support/embedded-child.ts <dataDir> <port>
 * [--drain-on-sigterm]`. Prints `READY <url>` once the server is up. With `--drain-on-sigterm`
 * it handles SIGTERM like a service draining its work: waits, queries the database, stops
 * Postgres, then prints `DRAINED` and `STOPPED` and exits 0. Logs go to stderr.
 */
import pg from 'pg';
import { startEmbeddedPostgres } from '../../server/src/db/embedded-postgres.js';
import { createLogger } from '../../server/src/logger.js';

const [dataDir, portText, mode] = process.argv.slice(2);
if (dataDir === undefined || portText === undefined) {
  process.stderr.write('usage: embedded-child.ts <dataDir> <port> [--drain-on-sigterm]\n');
  process.exit(2);
}

const log = createLogger('info', process.stderr);
const server = await startEmbeddedPostgres({ dataDir, port: Number(portText), log });

if (mode === '--drain-on-sigterm') {
  process.once('SIGTERM', () => {
    drainThenStop().catch((err: unknown) => {
      // The test reads the exit code; the log line says what went wrong.
      log.error({ err }, 'drain failed');
      process.exit(1);
    });
  });
}
// Keeps the process alive until a signal arrives.
setInterval(() => undefined, 60_000);
process.stdout.write(`READY ${server.url}\n`);

async function drainThenStop(): Promise<void> {
  // Stands in for in-flight work that still needs the database while the service stops.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  await client.query('select 1');
  await client.end();
  process.stdout.write('DRAINED\n');

  await server.stop();
  process.stdout.write('STOPPED\n');
  process.exit(0);
}
