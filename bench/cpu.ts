/** Where the machine's CPU time goes during a phase, by group of processes. */
import { listProcesses, readMachineTicks, type ProcessTimes } from './proc.js';

/** A named set of processes, recognised by pid or name. */
export interface CpuGroup {
  readonly name: string;
  readonly includes: (process: ProcessTimes) => boolean;
}

/** Share of the whole machine (all cores = 100 %) used by each group, and in total. */
export interface CpuShare {
  readonly seconds: number;
  /** Busy share of the machine, every process counted. */
  readonly busyPercent: number;
  /** Per group; `other` is busy time no group claims. */
  readonly groups: Readonly<Record<string, number>>;
}

/** A measurement window: snapshot at start, difference at {@link CpuWindow.finish}. */
export class CpuWindow {
  private readonly startedAt = performance.now();
  private readonly before: Map<number, ProcessTimes>;
  private readonly machineBefore = readMachineTicks();

  constructor(private readonly groups: readonly CpuGroup[]) {
    this.before = new Map(listProcesses().map((p) => [p.pid, p]));
  }

  /** The shares since the window opened. Processes that exited meanwhile are not counted. */
  finish(): CpuShare {
    const machine = readMachineTicks();
    const totalTicks = Math.max(1, machine.total - this.machineBefore.total);
    const busyTicks = machine.busy - this.machineBefore.busy;
    const groups: Record<string, number> = {};
    let claimed = 0;
    for (const group of this.groups) groups[group.name] = 0;

    for (const process of listProcesses()) {
      const group = this.groups.find((g) => g.includes(process));
      if (group === undefined) continue;
      // A process started inside the window counts from zero.
      const ticks = process.ticks - (this.before.get(process.pid)?.ticks ?? 0);
      groups[group.name] += ticks;
      claimed += ticks;
    }

    const percent = (ticks: number) => Math.round((ticks / totalTicks) * 1000) / 10;
    const shares: Record<string, number> = {};
    for (const [name, ticks] of Object.entries(groups)) shares[name] = percent(ticks);
    shares.other = percent(Math.max(0, busyTicks - claimed));
    return {
      seconds: Math.round((performance.now() - this.startedAt) / 100) / 10,
      busyPercent: percent(busyTicks),
      groups: shares,
    };
  }
}

/**
 * CPU used by processes that are not this bench's (not descendants of this process) while a
 * run lasts, as a share of the whole machine: the other load a noisy machine carried. Processes
 * that exited before the end are not counted, so it is a lower bound.
 */
export class ForeignCpuWindow {
  private readonly machineBefore = readMachineTicks();
  private readonly before = new Map(listProcesses().map((p) => [p.pid, p]));

  /** The foreign share (%) since the window opened. */
  finish(): number {
    const machine = readMachineTicks();
    const processes = listProcesses();
    const parents = new Map(processes.map((p) => [p.pid, p.ppid]));
    const isOurs = (pid: number): boolean => {
      for (let at = pid, hops = 0; at > 1 && hops < 64; hops++) {
        if (at === process.pid) return true;
        at = parents.get(at) ?? 0;
      }
      return false;
    };
    let ticks = 0;
    for (const p of processes) {
      if (!isOurs(p.pid)) ticks += p.ticks - (this.before.get(p.pid)?.ticks ?? 0);
    }
    const total = Math.max(1, machine.total - this.machineBefore.total);
    return Math.round((ticks / total) * 1000) / 10;
  }
}
