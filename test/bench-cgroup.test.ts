/**
 * The scale-out benchmark's CPU budget (bench/cgroup.ts) and CPU accounting (bench/proc-cpu.ts):
 * a capped group really holds the process and its children with the quota asked for, it is gone
 * afterwards without killing what was inside, and a machine without a writable cgroup says why.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { noCpuCaps, openCpuCaps } from '../bench/cgroup.ts';
import { processTree, treeCpuSeconds } from '../bench/proc-cpu.ts';

const linux = process.platform === 'linux';
const started: ChildProcess[] = [];

/** a shell that starts a child of its own and then waits: a small process tree, like node → tsx → node */
function startTree(): ChildProcess {
  const child = spawn('sh', ['-c', 'sleep 60 & wait'], { stdio: 'ignore' });
  started.push(child);
  return child;
}

async function treeOf(pid: number, size: number): Promise<number[]> {
  // the shell forks its child right after spawn: wait until it is there (no timing asserted)
  for (let i = 0; i < 200; i++) {
    const tree = processTree(pid);
    if (tree.length >= size) return tree;
    await new Promise((r) => setTimeout(r, 10));
  }
  return processTree(pid);
}

afterEach(() => {
  for (const c of started.splice(0)) {
    for (const pid of processTree(c.pid!).reverse()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
});

describe.runIf(linux)('process CPU accounting from /proc', () => {
  it('finds a process and its descendants and reads their CPU time', async () => {
    const shell = startTree();
    const tree = await treeOf(shell.pid!, 2);
    expect(tree[0]).toBe(shell.pid);
    expect(tree.length).toBe(2);
    expect(readFileSync(`/proc/${tree[1]}/cmdline`, 'utf8')).toContain('sleep');
    expect(treeCpuSeconds(shell.pid!)).toBeGreaterThanOrEqual(0);
    // a vanished process reads as an empty tree, not an error
    expect(treeCpuSeconds(2 ** 22 + 12345)).toBe(0);
  });
});

describe('CPU caps', () => {
  it('without a cgroup says why and refuses to create one', () => {
    const caps = noCpuCaps('read-only /sys/fs/cgroup');
    expect(caps.kind).toBe('none');
    expect(caps.why).toBe('read-only /sys/fs/cgroup');
    expect(() => caps.create('api0', 0.25)).toThrow(/read-only/);
  });

  const caps = linux ? openCpuCaps(`ua-test-${process.pid}`) : noCpuCaps('not Linux');

  it.runIf(caps.kind === 'none')('reports why no cap can be set on this machine', () => {
    expect(caps.why).toBeTruthy();
  });

  it.runIf(caps.kind !== 'none')('puts a process tree under the quota and removes the group afterwards', async () => {
    const shell = startTree();
    const tree = await treeOf(shell.pid!, 2);
    const cap = caps.create('api0', 0.25);
    try {
      cap.add(shell.pid!);
      const root = caps.kind === 'cgroup v1' ? '/sys/fs/cgroup/cpu' : '/sys/fs/cgroup';
      const dir = `${root}/ua-test-${process.pid}-api0`;
      const inside = readFileSync(`${dir}/cgroup.procs`, 'utf8').split('\n').filter(Boolean).map(Number);
      expect(inside.sort()).toEqual([...tree].sort());
      const quota =
        caps.kind === 'cgroup v1' ? readFileSync(`${dir}/cpu.cfs_quota_us`, 'utf8').trim() : readFileSync(`${dir}/cpu.max`, 'utf8').split(' ')[0];
      expect(quota).toBe('25000');
      expect(cap.throttling().periods).toBeGreaterThanOrEqual(0);

      cap.remove();
      expect(existsSync(dir)).toBe(false);
      // the processes were handed back, not killed
      for (const pid of tree) expect(existsSync(`/proc/${pid}`)).toBe(true);
    } finally {
      caps.removeAll();
    }
  });
});
