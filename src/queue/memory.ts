import { backoffMs, JOB_ATTEMPTS, type EnqueueOptions, type JobName, type JobQueue } from './types.ts';

interface Job {
  name: JobName;
  conversationId: string;
  id?: string;
  attempt: number;
}

/**
 * The queue of the embedded default (no Redis). Jobs live in memory only: that is safe because a
 * job is just a hint, and the recovery sweep re-creates hints for every undone inbox row and
 * unsent outbox row at start-up (see src/pipeline/recovery.ts).
 */
export class MemoryQueue implements JobQueue {
  readonly kind = 'memory' as const;
  private readonly waiting = new Map<JobName, Job[]>();
  private readonly handlers = new Map<JobName, { fn: (c: string) => Promise<void>; concurrency: number; running: number }>();
  private readonly pendingIds = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly active = new Set<Promise<void>>();
  private closed = false;

  async enqueue(name: JobName, conversationId: string, opts: EnqueueOptions = {}): Promise<void> {
    if (this.closed) return;
    const key = opts.jobId ? `${name}:${opts.jobId}` : undefined;
    if (key) {
      if (this.pendingIds.has(key)) return;
      this.pendingIds.add(key);
    }
    const job: Job = { name, conversationId, id: key, attempt: 1 };
    if (opts.delayMs && opts.delayMs > 0) this.later(job, opts.delayMs);
    else this.push(job);
  }

  work(name: JobName, fn: (c: string) => Promise<void>, concurrency: number): void {
    this.handlers.set(name, { fn, concurrency, running: 0 });
    this.pump(name);
  }

  private later(job: Job, ms: number) {
    const t = setTimeout(() => {
      this.timers.delete(t);
      this.push(job);
    }, ms);
    t.unref?.();
    this.timers.add(t);
  }

  private push(job: Job) {
    if (this.closed) return;
    const list = this.waiting.get(job.name) ?? [];
    list.push(job);
    this.waiting.set(job.name, list);
    this.pump(job.name);
  }

  private pump(name: JobName) {
    const h = this.handlers.get(name);
    const list = this.waiting.get(name);
    if (!h || !list) return;
    while (!this.closed && h.running < h.concurrency && list.length > 0) {
      const job = list.shift()!;
      if (job.id) this.pendingIds.delete(job.id);
      h.running++;
      const p = h
        .fn(job.conversationId)
        .catch(() => {
          if (job.attempt < JOB_ATTEMPTS) this.later({ ...job, id: undefined, attempt: job.attempt + 1 }, backoffMs(job.attempt));
        })
        .finally(() => {
          h.running--;
          this.active.delete(p);
          this.pump(name);
        });
      this.active.add(p);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await Promise.allSettled([...this.active]);
  }
}
