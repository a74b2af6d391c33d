import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import {
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from '../../server/src/db/embedded-postgres.js';
import { loadOrCreateLocalKeys } from '../../server/src/db/local-keys.js';
import { createLogger, type Logger } from '../../server/src/logger.js';
import { createTestDatabase } from '../support/database.js';
import { createTempDataDir, findFreePort } from '../support/global-setup.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  // Last registered first: children and servers go before the folders they use.
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

describe('startEmbeddedPostgres', () => {
  it('keeps data across a stop and a restart', async () => {
    const dataDir = await newDataDir();
    const port = await findFreePort();

    const first = await start(dataDir, port);
    expect(first.url).toMatch(
      new RegExp(`^postgres://postgres:[^@]+@127\\.0\\.0\\.1:${port}/webhooks$`),
    );
    await query(first.url, 'create table kept (note text)');
    await query(first.url, `insert into kept values ('written before the restart')`);
    await first.stop();
    await first.stop();
    expect(await exists(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    expect(await fileMode(path.join(dataDir, 'postgres-password'))).toBe(0o600);

    const second = await start(dataDir, port);
    expect(second.url).toBe(first.url);
    expect(await query(second.url, 'select note from kept')).toEqual([
      { note: 'written before the restart' },
    ]);
  });

  it('deletes the database files on stop when not persistent', async () => {
    const dataDir = await newDataDir();
    const server = await start(dataDir, await findFreePort(), { persistent: false });
    await server.stop();

    expect(await exists(path.join(dataDir, 'postgres'))).toBe(false);
    expect(await exists(path.join(dataDir, 'postgres-password'))).toBe(false);
  });

  it('stops a postgres left running by a killed process and keeps its data', async () => {
    const dataDir = await newDataDir();
    const port = await findFreePort();
    const { child, url } = await startChild(dataDir, port);
    await query(url, 'create table kept (note text)');
    await query(url, `insert into kept values ('written before the crash')`);

    child.kill('SIGKILL');
    await once(child, 'exit');
    const leftoverPid = await readPostmasterPid(dataDir);
    expect(await isRunning(leftoverPid)).toBe(true);
    expect(await query(url, 'select 1 as up')).toEqual([{ up: 1 }]);

    const { log, warnings } = captureLog();
    const server = await start(dataDir, port, { log });
    expect(warnings()).toContain('stopping postgres left running by an earlier process');
    expect(await isRunning(leftoverPid)).toBe(false);
    expect(await query(server.url, 'select note from kept')).toEqual([
      { note: 'written before the crash' },
    ]);
  });

  it('starts despite a postmaster.pid naming a process that is gone or unrelated', async () => {
    const dataDir = await newDataDir();
    const port = await findFreePort();
    const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
    const server = await start(dataDir, port);
    const realPidFile = await fs.readFile(pidFile, 'utf8');
    await server.stop();

    // A pid that is gone: Postgres replaces such a file itself.
    const finished = spawn('true');
    await once(finished, 'exit');
    await writeLikePostgres(pidFile, withPid(realPidFile, finished.pid));
    const gone = captureLog();
    await (await start(dataDir, port, { log: gone.log })).stop();
    expect(gone.warnings()).toContain(
      'postmaster.pid names a postgres that is gone; postgres replaces it',
    );

    // A live process of the server's OS user: Postgres would refuse, so the file is removed,
    // and the process itself is left alone.
    const owner = await fs.stat(path.join(dataDir, 'postgres'));
    const unrelated = spawn('sleep', ['60'], { uid: owner.uid, gid: owner.gid });
    cleanups.push(() => stopChild(unrelated));
    await writeLikePostgres(pidFile, withPid(realPidFile, unrelated.pid));
    const reused = captureLog();
    const restarted = await start(dataDir, port, { log: reused.log });
    expect(reused.warnings()).toContain(
      'removing postmaster.pid of a process that is not postgres',
    );
    expect(await query(restarted.url, 'select 1 as up')).toEqual([{ up: 1 }]);
    expect(unrelated.exitCode).toBeNull();
    expect(unrelated.signalCode).toBeNull();
  });

  it('fails with a message naming the port and EMBEDDED_POSTGRES_PORT when the port is taken', async () => {
    const dataDir = await newDataDir();
    const port = await findFreePort();
    const other = net.createServer();
    await new Promise<void>((resolve) => other.listen(port, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => other.close(() => resolve())));

    await expect(startEmbeddedPostgres({ dataDir, port, log: silentLog() })).rejects.toThrow(
      new RegExp(`Port ${port} .*EMBEDDED_POSTGRES_PORT`),
    );
    expect(await exists(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  });

  it("lets the application's SIGTERM handler drain with the database up, then stop it", async () => {
    const dataDir = await newDataDir();
    const { child, output } = await startChild(dataDir, await findFreePort(), [
      '--drain-on-sigterm',
    ]);

    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];

    expect(output()).toContain('DRAINED\nSTOPPED\n');
    expect(code).toBe(0);
    expect(await exists(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  });
});

describe('loadOrCreateLocalKeys', () => {
  it('creates the keys once with mode 0600 and returns the same keys afterwards', async () => {
    const dataDir = await newDataDir();

    const first = await loadOrCreateLocalKeys(dataDir);
    const second = await loadOrCreateLocalKeys(dataDir);

    expect(first.created).toBe(true);
    expect(first.platformApiKey).toMatch(/^tlmp_platform_[A-Za-z0-9_-]{43}$/);
    expect(first.secretKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second).toEqual({ ...first, created: false });
    expect(await fileMode(path.join(dataDir, 'keys.json'))).toBe(0o600);
  });

  it('gives callers racing on a new folder the same keys, written once', async () => {
    const dataDir = path.join(await newDataDir(), 'not-yet-created');

    const results = await Promise.all(
      Array.from({ length: 8 }, () => loadOrCreateLocalKeys(dataDir)),
    );

    expect(results.filter((keys) => keys.created)).toHaveLength(1);
    expect(new Set(results.map((keys) => keys.secretKey)).size).toBe(1);
    expect(await fs.readdir(dataDir)).toEqual(['keys.json']);
  });
});

describe('createTestDatabase', () => {
  it('gives each caller an empty database of its own and drops it with open sessions', async () => {
    const first = await createTestDatabase('isolation');
    const second = await createTestDatabase('isolation');
    cleanups.push(
      () => first.drop(),
      () => second.drop(),
    );
    await query(first.url, 'create table only_here (id int)');

    expect(first.url).not.toBe(second.url);
    expect(await query(second.url, `select to_regclass('only_here') as found`)).toEqual([
      { found: null },
    ]);

    const openSession = new pg.Client({ connectionString: first.url });
    // The forced drop terminates this session; the error it reports is the expected outcome.
    openSession.on('error', () => undefined);
    await openSession.connect();
    await first.drop();
    const name = new URL(first.url).pathname.slice(1);
    const adminUrl = inject('adminDatabaseUrl');
    expect(await query(adminUrl, `select 1 from pg_database where datname = '${name}'`)).toEqual(
      [],
    );
  });
});

async function newDataDir(): Promise<string> {
  const dir = await createTempDataDir('webhooks-embedded-');
  cleanups.push(async () => {
    await stopLeftoverPostmaster(dir);
    await fs.rm(dir, { recursive: true, force: true });
  });
  return dir;
}

async function start(
  dataDir: string,
  port: number,
  options: { log?: Logger; persistent?: boolean } = {},
): Promise<EmbeddedPostgres> {
  const server = await startEmbeddedPostgres({
    dataDir,
    port,
    log: options.log ?? silentLog(),
    persistent: options.persistent,
  });
  cleanups.push(() => server.stop());
  return server;
}

/** Runs test/support/embedded-child.ts and waits for its `READY <url>` line. */
async function startChild(
  dataDir: string,
  port: number,
  extraArgs: string[] = [],
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      '@swc-node/register/esm-register',
      'test/support/embedded-child.ts',
      dataDir,
      String(port),
      ...extraArgs,
    ],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  cleanups.push(() => stopChild(child));
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const ready = /^READY (\S+)$/m.exec(stdout);
      if (ready) {
        resolve(ready[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`child exited (${code}) early:\n${stderr}`)));
  });
  return { child, url, output: () => stdout };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await once(child, 'exit');
  }
}

/** Safety net for a failed test: a postgres still running in `dir` would outlive the run. */
async function stopLeftoverPostmaster(dir: string): Promise<void> {
  const pidFile = path.join(dir, 'postgres', 'postmaster.pid');
  if (!(await exists(pidFile))) {
    return;
  }
  const pid = await readPostmasterPid(dir);
  if (await isRunning(pid)) {
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 200 && (await isRunning(pid)); i++) {
      await delay(50);
    }
  }
}

async function readPostmasterPid(dataDir: string): Promise<number> {
  const content = await fs.readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8');
  return Number(content.split('\n', 1)[0]);
}

/** Running and not a zombie (an exited postgres whose new parent has not reaped it yet). */
async function isRunning(pid: number): Promise<boolean> {
  try {
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
    return stat.charAt(stat.lastIndexOf(')') + 2) !== 'Z';
  } catch (err: unknown) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      return false;
    }
    throw err;
  }
}

function withPid(pidFileContent: string, pid: number | undefined): string {
  return pidFileContent.replace(/^\d+\n/, `${pid}\n`);
}

/** Writes a file in the server's data directory owned like the directory, as postgres would. */
async function writeLikePostgres(file: string, content: string): Promise<void> {
  const owner = await fs.stat(path.dirname(file));
  await fs.writeFile(file, content, { mode: 0o600 });
  await fs.chown(file, owner.uid, owner.gid);
}

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

async function fileMode(file: string): Promise<number> {
  return (await fs.stat(file)).mode & 0o777;
}

function silentLog(): Logger {
  return createLogger('silent');
}

/** A logger that keeps its records, so a test can assert on the warnings it wrote. */
function captureLog(): { log: Logger; warnings: () => string[] } {
  const lines: string[] = [];
  const log = createLogger('debug', { write: (line: string) => void lines.push(line) });
  const warnings = (): string[] =>
    lines
      .map((line) => JSON.parse(line) as { level: number; msg: string })
      .filter((record) => record.level === 40)
      .map((record) => record.msg);
  return { log, warnings };
}
