/**
 * CPU time from Linux /proc, for benchmarks that need to say who used the CPU: a process tree
 * (`npm start` is node → tsx → node, so the app runs in a child whose time the parent only sees
 * after it exits), a whole daemon (PostgreSQL's backends), or the whole machine.
 * Every reader returns 0 / empty where /proc is missing, so a benchmark still runs elsewhere.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** clock ticks per second of utime/stime in /proc/<pid>/stat (100 on every usual Linux) */
const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface Stat {
  pid: number;
  ppid: number;
  comm: string;
  /** own user + system time, seconds */
  self: number;
  /** user + system time of exited and reaped children, seconds */
  children: number;
}

function readStat(pid: number): Stat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // comm is in parentheses and may contain spaces: the numeric fields start after the last ')'
  const close = text.lastIndexOf(')');
  const comm = text.slice(text.indexOf('(') + 1, close);
  const f = text.slice(close + 2).split(' ');
  // f[0] = state (field 3); utime = field 14, stime 15, cutime 16, cstime 17
  const n = (field: number) => Number(f[field - 3]);
  return { pid, ppid: n(4), comm, self: (n(14) + n(15)) / CLK_TCK, children: (n(16) + n(17)) / CLK_TCK };
}

function allStats(): Stat[] {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return [];
  }
  return names.filter((n) => /^\d+$/.test(n)).flatMap((n) => readStat(Number(n)) ?? []);
}

/** pid and all its live descendants */
export function processTree(root: number): number[] {
  const stats = allStats();
  const tree = [root];
  for (let i = 0; i < tree.length; i++) for (const s of stats) if (s.ppid === tree[i]) tree.push(s.pid);
  return tree;
}

/**
 * CPU seconds used so far by a process tree: each live process's own time plus the time of
 * children already reaped (counted once, in their parent's cutime).
 */
export function treeCpuSeconds(root: number): number {
  let total = 0;
  for (const pid of processTree(root)) {
    const s = readStat(pid);
    if (s) total += s.self + s.children;
  }
  return total;
}

/** CPU seconds of every process whose command name is `comm` and of their reaped children */
export function commandCpuSeconds(comm: string): number {
  return allStats()
    .filter((s) => s.comm === comm)
    .reduce((sum, s) => sum + s.self + s.children, 0);
}

/** busy and total CPU seconds of the whole machine since boot (all cores), from /proc/stat */
export function machineCpu(): { busy: number; total: number } {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal (guest is already inside user)
    const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
    const idle = v[3]! + v[4]!;
    return { busy: (total - idle) / CLK_TCK, total: total / CLK_TCK };
  } catch {
    return { busy: 0, total: 0 };
  }
}
