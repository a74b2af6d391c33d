/**
 * The service under test as a child process: `node dist/main.js` with its configuration in
 * the environment, as it runs in production. Its memory is sampled while it runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFreePort } from './postgres.js';
import { readMemoryMb } from './proc.js';

/** Which parts of the service one process runs (`WEBHOOKS_ROLE`). */
export type ServiceRole = 'all' | 'api' | 'worker';

/** How to start one service process. */
export interface ServiceOptions {
  readonly role: ServiceRole;
  readonly databaseUrl: string;
  readonly platformKey: string;
  readonly secretKey: string;
  /** `LOG_LEVEL` of the service. */
  readonly logLevel: string;
  /** Folder of the process's log file (`service-<role>-<n>.log`). */
  readonly logDir: string;
  /** Writes a V8 CPU profile (`--cpu-prof`) into this folder when the process exits. */
  readonly profileDir?: string | undefined;
  /** More environment variables (e.g. `WEBHOOKS_WORKER_CONCURRENCY`). */
  readonly extraEnv?: Readonly<Record<string, string>>;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The heap limit `npm start` and the README run the service with. */
const HEAP_LIMIT_FLAG = '--max-old-space-size=192';
const SAMPLE_EVERY_MS = 250;
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;
/** Variables of the caller's environment that would change the service's configuration. */
const SERVICE_VARIABLES = /^(WEBHOOKS_\w+|LOG_LEVEL|DATABASE_URL|PORT|PLATFORM_API_KEY)$/;
let started = 0;

/** A running service process. */
export class ServiceProcess {
  private peakMb = 0;
  private readonly sampler: NodeJS.Timeout;
  private readonly exited: Promise<number | null>;
  private stopping = false;
  private ending: string | null = null;

  private constructor(
    private readonly child: ChildProcess,
    /** `WEBHOOKS_ROLE` of the process. */
    readonly role: ServiceRole,
    /** HTTP port of the API; null for a worker. */
    readonly port: number | null,
    /** Where the process writes its log. */
    readonly logFile: string,
  ) {
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        if (!this.stopping) {
          this.ending = signal === null ? `exit code ${code}` : `signal ${signal}`;
          process.stderr.write(
            `\nservice ${role} (pid ${child.pid}) ended unexpectedly: ${this.ending}\n`,
          );
        }
        resolve(code);
      }),
    );
    this.sampler = setInterval(() => this.sample(), SAMPLE_EVERY_MS);
    this.sampler.unref();
  }

  /** Starts the process; resolves once its API answers `/healthz` (at once for a worker). */
  static async start(options: ServiceOptions): Promise<ServiceProcess> {
    const port = options.role === 'worker' ? null : await findFreePort();
    const logFile = path.join(options.logDir, `service-${options.role}-${++started}.log`);
    const log = fs.openSync(logFile, 'a');
    const nodeArgs = [HEAP_LIMIT_FLAG];
    if (options.profileDir) {
      nodeArgs.push(
        '--cpu-prof',
        '--cpu-prof-dir',
        options.profileDir,
        '--cpu-prof-name',
        `${options.role}-${started}.cpuprofile`,
      );
    }
    const child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, 'dist/main.js')], {
      cwd: ROOT,
      env: serviceEnvironment(options, port),
      stdio: ['ignore', log, log],
    });
    fs.closeSync(log);
    const service = new ServiceProcess(child, options.role, port, logFile);
    if (port !== null) await service.waitUntilHealthy();
    return service;
  }

  /** Pid of the service process. */
  get pid(): number {
    return this.child.pid ?? 0;
  }

  /** The GraphQL endpoint (API roles only). */
  get graphqlUrl(): string {
    if (this.port === null) throw new Error('a worker process has no API');
    return `http://127.0.0.1:${this.port}/graphql`;
  }

  /** Largest resident set seen so far (VmHWM and sampled VmRSS), in MB. */
  peakRssMb(): number {
    this.sample();
    return Math.round(this.peakMb * 10) / 10;
  }

  /** SIGTERM, then waits for a clean exit (SIGKILL after 30 s). Returns the peak RSS in MB. */
  async stop(): Promise<number> {
    const peak = this.peakRssMb();
    clearInterval(this.sampler);
    if (this.child.exitCode !== null || this.child.signalCode !== null) return peak;
    this.stopping = true;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    const code = await this.exited;
    clearTimeout(timer);
    if (code !== 0) {
      process.stderr.write(`service ${this.role} exited with code ${code}; see ${this.logFile}\n`);
    }
    return peak;
  }

  /** How the process ended when nobody stopped it (`signal SIGKILL`, …); null while it runs. */
  get unexpectedEnd(): string | null {
    return this.ending;
  }

  /** SIGKILL at once (a process whose event loop is stuck never handles SIGTERM). */
  async kill(): Promise<number> {
    const peak = this.peakRssMb();
    clearInterval(this.sampler);
    if (this.child.exitCode !== null || this.child.signalCode !== null) return peak;
    this.stopping = true;
    this.child.kill('SIGKILL');
    await this.exited;
    return peak;
  }

  /** The last lines of the process's log. */
  logTail(lines = 20): string {
    const text = fs.readFileSync(this.logFile, 'utf8');
    return text.trimEnd().split('\n').slice(-lines).join('\n');
  }

  private sample(): void {
    const memory = readMemoryMb(this.pid);
    if (memory) this.peakMb = Math.max(this.peakMb, memory.rss, memory.peak);
  }

  private async waitUntilHealthy(): Promise<void> {
    const deadline = performance.now() + START_TIMEOUT_MS;
    let dead = false;
    void this.exited.then(() => (dead = true));
    for (;;) {
      if (dead) {
        throw new Error(`service ${this.role} exited during start:\n${this.logTail()}`);
      }
      try {
        const res = await fetch(`http://127.0.0.1:${this.port}/healthz`);
        if (res.ok) return;
      } catch {
        // Not listening yet: poll again.
      }
      if (performance.now() > deadline) {
        throw new Error(`service ${this.role} did not become healthy:\n${this.logTail()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function serviceEnvironment(options: ServiceOptions, port: number | null): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!SERVICE_VARIABLES.test(name)) env[name] = value;
  }
  return {
    ...env,
    DATABASE_URL: options.databaseUrl,
    PLATFORM_API_KEY: options.platformKey,
    WEBHOOKS_SECRET_KEY: options.secretKey,
    WEBHOOKS_ROLE: options.role,
    // The receiver listens on loopback over plain HTTP.
    WEBHOOKS_ALLOW_PRIVATE_DESTINATIONS: 'true',
    WEBHOOKS_ALLOW_HTTP: 'true',
    LOG_LEVEL: options.logLevel,
    ...(port === null ? {} : { PORT: String(port) }),
    ...options.extraEnv,
  };
}
