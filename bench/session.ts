/**
 * A session: the service processes started for a group of phases. A phase that stalls gets
 * them diagnosed and killed, and the session's later phases are skipped.
 */
import { diagnoseStall } from './diagnose.js';
import type { Outcome } from './outcome.js';
import type { Progress } from './progress.js';
import type { ServiceProcess, ServiceRole } from './service.js';
import { REQUEST_TIMEOUT_MS, StallError } from './stall.js';

/** The processes of one session; a stall kills them and skips the session's other phases. */
export class Session {
  readonly services: ServiceProcess[] = [];
  private stalledIn: string | undefined;
  private readonly peaks = new Map<ServiceProcess, number>();

  constructor(
    private readonly databaseUrl: string,
    private readonly progress: Progress,
  ) {}

  /** Runs `phase` unless an earlier phase stalled; turns a stall into an outcome. */
  async attempt<T>(name: string, phase: () => Promise<T>): Promise<Outcome<T>> {
    if (this.stalledIn !== undefined) {
      return { status: 'skipped', reason: `the service stalled earlier, in ${this.stalledIn}` };
    }
    try {
      return { status: 'ok', value: await phase() };
    } catch (err: unknown) {
      const stall = asStall(name, err);
      if (stall === undefined) throw err;
      const diagnosis = await diagnoseStall(this.services, this.databaseUrl);
      this.stalledIn = name;
      for (const service of this.services) this.peaks.set(service, await service.kill());
      this.progress.note(`STALLED: ${stall.message}; ${diagnosis}`);
      return { status: 'stalled', reason: `${stall.detail}; ${diagnosis}` };
    }
  }

  /** Stops (or has killed) every process; returns peak RSS by role. */
  async stop(): Promise<Map<ServiceRole, number>> {
    const byRole = new Map<ServiceRole, number>();
    for (const service of this.services) {
      const peak = this.peaks.get(service) ?? (await service.stop());
      byRole.set(service.role, Math.max(byRole.get(service.role) ?? 0, peak));
    }
    return byRole;
  }
}

/** A stall, or an API request that timed out (which is how a stuck API shows). */
function asStall(phase: string, err: unknown): StallError | undefined {
  if (err instanceof StallError) return err;
  const name = err instanceof Error || err instanceof DOMException ? err.name : '';
  if (name === 'TimeoutError') {
    const seconds = REQUEST_TIMEOUT_MS / 1000;
    return new StallError(phase, `an API request got no answer within ${seconds} s`);
  }
  return undefined;
}
