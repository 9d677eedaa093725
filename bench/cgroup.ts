/**
 * A fixed CPU budget per process with a Linux cgroup, so a benchmark on one small machine can
 * stand in for "one small machine per process": cgroup v1 (`cpu` controller, cpu.cfs_quota_us)
 * or cgroup v2 (cpu.max). When neither is writable (no root, read-only /sys/fs/cgroup, a v2
 * container root that already holds processes) `openCpuCaps` says why and the caller runs
 * uncapped. Every cgroup made here is removed by `removeAll`, and on exit or SIGINT/SIGTERM.
 */
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { processTree } from './proc-cpu.ts';

const PERIOD_US = 100_000;
/**
 * A capped group also gets a high scheduling weight (default 1024 / 100): a machine of its own
 * would give the process its whole budget even when other work keeps the shared cores busy.
 * The quota still bounds it, so the most it takes from others is the budget itself.
 */
const PRIORITY_SHARES = 8192;
const PRIORITY_WEIGHT = 800;

export interface Throttling {
  /** scheduler periods in which the group wanted CPU */
  periods: number;
  /** of those, periods in which it hit its quota and was stopped */
  throttled: number;
  throttledSeconds: number;
}

export interface CpuCap {
  readonly name: string;
  /** the budget, in CPUs (0.25 = a quarter of one core) */
  readonly cpus: number;
  /** moves a process and its current descendants in; later children inherit */
  add(pid: number): void;
  throttling(): Throttling;
  remove(): void;
}

export interface CpuCaps {
  readonly kind: 'cgroup v1' | 'cgroup v2' | 'none';
  /** for kind 'none': why no cap could be set */
  readonly why?: string;
  create(name: string, cpus: number): CpuCap;
  removeAll(): void;
}

interface Layout {
  kind: 'cgroup v1' | 'cgroup v2';
  root: string;
  /** writes the quota into a new group's directory */
  setQuota(dir: string, cpus: number): void;
  throttling(dir: string): Throttling;
}

const quotaUs = (cpus: number) => Math.max(1000, Math.round(cpus * PERIOD_US));

function statFields(file: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [k, v] = line.split(' ');
    if (k && v) out[k] = Number(v);
  }
  return out;
}

const V1: Layout = {
  kind: 'cgroup v1',
  root: '/sys/fs/cgroup/cpu',
  setQuota(dir, cpus) {
    writeFileSync(join(dir, 'cpu.cfs_period_us'), String(PERIOD_US));
    writeFileSync(join(dir, 'cpu.cfs_quota_us'), String(quotaUs(cpus)));
    writeFileSync(join(dir, 'cpu.shares'), String(PRIORITY_SHARES));
  },
  throttling(dir) {
    const s = statFields(join(dir, 'cpu.stat'));
    return { periods: s.nr_periods ?? 0, throttled: s.nr_throttled ?? 0, throttledSeconds: (s.throttled_time ?? 0) / 1e9 };
  },
};

const V2: Layout = {
  kind: 'cgroup v2',
  root: '/sys/fs/cgroup',
  setQuota(dir, cpus) {
    writeFileSync(join(dir, 'cpu.max'), `${quotaUs(cpus)} ${PERIOD_US}`);
    writeFileSync(join(dir, 'cpu.weight'), String(PRIORITY_WEIGHT));
  },
  throttling(dir) {
    const s = statFields(join(dir, 'cpu.stat'));
    return { periods: s.nr_periods ?? 0, throttled: s.nr_throttled ?? 0, throttledSeconds: (s.throttled_usec ?? 0) / 1e6 };
  },
};

function layout(): Layout | string {
  if (process.platform !== 'linux') return `not Linux (${process.platform})`;
  if (existsSync(join(V1.root, 'cpu.cfs_quota_us'))) return V1;
  const controllers = join(V2.root, 'cgroup.controllers');
  if (existsSync(controllers)) {
    if (!readFileSync(controllers, 'utf8').split(/\s+/).includes('cpu')) return 'cgroup v2 without the cpu controller';
    // a child group only gets cpu.max when its parent delegates the controller
    const subtree = join(V2.root, 'cgroup.subtree_control');
    if (!readFileSync(subtree, 'utf8').split(/\s+/).includes('cpu')) writeFileSync(subtree, '+cpu');
    return V2;
  }
  return 'no cgroup cpu controller mounted at /sys/fs/cgroup';
}

/** Finds a writable cpu controller and proves it by creating and removing a probe group. */
export function openCpuCaps(prefix = `ua-bench-${process.pid}`): CpuCaps {
  let found: Layout | string;
  try {
    found = layout();
    if (typeof found !== 'string') {
      const probe = join(found.root, `${prefix}-probe`);
      mkdirSync(probe);
      try {
        found.setQuota(probe, 0.5);
      } finally {
        rmdirSync(probe);
      }
    }
  } catch (err) {
    found = `cgroup not writable: ${(err as Error).message.split('\n')[0]}`;
  }
  return typeof found === 'string' ? noCpuCaps(found) : new CgroupCaps(found, prefix);
}

/** no cap at all, with the reason the report prints */
export function noCpuCaps(why: string): CpuCaps {
  return {
    kind: 'none',
    why,
    create() {
      throw new Error(`no CPU cap: ${why}`);
    },
    removeAll() {},
  };
}

class CgroupCaps implements CpuCaps {
  readonly kind: Layout['kind'];
  private readonly live = new Map<string, string>();
  private readonly onExit = () => this.removeAll();
  private readonly onSignal = (signal: NodeJS.Signals) => {
    // the processes inside are the benchmark's own children: stop them, then leave cleanly
    for (const dir of this.live.values()) for (const pid of this.pids(dir)) killQuietly(pid);
    this.removeAll();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };

  constructor(
    private readonly l: Layout,
    private readonly prefix: string,
  ) {
    this.kind = l.kind;
  }

  create(name: string, cpus: number): CpuCap {
    const dir = join(this.l.root, `${this.prefix}-${name}`);
    mkdirSync(dir);
    if (this.live.size === 0) {
      process.on('exit', this.onExit);
      process.on('SIGINT', this.onSignal);
      process.on('SIGTERM', this.onSignal);
    }
    this.live.set(name, dir);
    this.l.setQuota(dir, cpus);
    return {
      name,
      cpus,
      add: (pid) => {
        // writing a pid moves its whole thread group; each descendant is written too
        for (const p of processTree(pid)) writeFileSync(join(dir, 'cgroup.procs'), String(p));
      },
      throttling: () => this.l.throttling(dir),
      remove: () => this.removeOne(name),
    };
  }

  removeAll() {
    for (const name of [...this.live.keys()]) this.removeOne(name);
  }

  private pids(dir: string): number[] {
    try {
      return readFileSync(join(dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean).map(Number);
    } catch {
      return [];
    }
  }

  private removeOne(name: string) {
    const dir = this.live.get(name);
    if (!dir) return;
    this.live.delete(name);
    // a group with processes in it cannot be removed: hand any still running back to the root
    for (const pid of this.pids(dir)) {
      try {
        writeFileSync(join(this.l.root, 'cgroup.procs'), String(pid));
      } catch {
        /* exited meanwhile */
      }
    }
    try {
      rmdirSync(dir);
    } catch (err) {
      console.error(`could not remove ${dir}: ${(err as Error).message}`);
    }
    if (this.live.size === 0) {
      process.off('exit', this.onExit);
      process.off('SIGINT', this.onSignal);
      process.off('SIGTERM', this.onSignal);
    }
  }
}

function killQuietly(pid: number) {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
}
