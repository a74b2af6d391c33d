/** Readers of Linux `/proc`: memory and CPU time of processes, machine CPU totals. */
import fs from 'node:fs';

/** Clock ticks per second of `/proc/<pid>/stat` times (USER_HZ; 100 on Linux). */
export const TICKS_PER_SECOND = 100;

/** `VmRSS` and `VmHWM` (peak RSS) of a process in MB, or null once it is gone. */
export function readMemoryMb(pid: number): { rss: number; peak: number } | null {
  let status: string;
  try {
    status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    // The process exited (or /proc is missing): there is nothing left to measure.
    return null;
  }
  const field = (name: string): number => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) / 1024 : 0;
  };
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

/** A process's state line: parent pid, command name and CPU ticks (user + system). */
export interface ProcessTimes {
  readonly pid: number;
  readonly ppid: number;
  readonly name: string;
  readonly ticks: number;
}

/** Reads `/proc/<pid>/stat`; null when the process is gone. */
export function readProcessTimes(pid: number): ProcessTimes | null {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    // Gone between listing and reading: it simply does not count any more.
    return null;
  }
  // The name is in parentheses and may contain spaces; the fields after it are fixed.
  const open = stat.indexOf('(');
  const close = stat.lastIndexOf(')');
  const fields = stat.slice(close + 2).split(' ');
  return {
    pid,
    name: stat.slice(open + 1, close),
    ppid: Number(fields[1]),
    ticks: Number(fields[11]) + Number(fields[12]),
  };
}

/** Every process visible in `/proc`. */
export function listProcesses(): ProcessTimes[] {
  const found: ProcessTimes[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const times = readProcessTimes(Number(entry));
    if (times) found.push(times);
  }
  return found;
}

/** Busy and total ticks of the whole machine, from the first line of `/proc/stat`. */
export function readMachineTicks(): { busy: number; total: number } {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already in user)
  const total = values.slice(0, 8).reduce((sum, v) => sum + v, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: total - idle, total };
}
