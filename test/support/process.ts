import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** The built entry point, exactly what `npm start` runs (`npm test` builds it first). */
export const MAIN = path.join(ROOT, 'dist/main.js');

/** The service running as a separate process, as in production. */
export class ServiceProcess {
  output = '';
  private exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (c: Buffer) => (this.output += c.toString('utf8')));
    child.stderr?.on('data', (c: Buffer) => (this.output += c.toString('utf8')));
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
  }

  /** Spawns `node dist/main.js` with exactly `env` (plus PATH). */
  static spawn(env: Record<string, string>, cwd = ROOT): ServiceProcess {
    const child = spawn(process.execPath, [MAIN], {
      cwd,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ServiceProcess(child);
  }

  /** Spawns and waits for the "service started" line; returns the process and its API port. */
  static async start(env: Record<string, string>, cwd = ROOT, timeoutMs = 30_000) {
    const proc = ServiceProcess.spawn(env, cwd);
    const line = await proc.waitForLog('service started', timeoutMs);
    return { proc, port: (JSON.parse(line) as { port: number | null }).port };
  }

  /** Log lines parsed as JSON (non-JSON lines are skipped). */
  logLines(): Array<Record<string, unknown>> {
    return this.output
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  }

  /** Resolves with the first output line containing `text`. */
  async waitForLog(text: string, timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const line = this.output.split('\n').find((l) => l.includes(text));
      if (line) return line;
      if (this.child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`no "${text}" in the service output:\n${this.output.slice(-3000)}`);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  async waitForExit(timeoutMs = 30_000) {
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`still running:\n${this.output.slice(-2000)}`)), timeoutMs),
    );
    return Promise.race([this.exited, timeout]);
  }

  /** Stops with SIGTERM (or SIGKILL when it does not stop in time). */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.kill('SIGTERM');
    await this.waitForExit(20_000).catch(() => this.kill('SIGKILL'));
  }
}
