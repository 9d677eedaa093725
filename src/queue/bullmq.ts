import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { backoffMs, JOB_ATTEMPTS, type EnqueueOptions, type JobName, type JobQueue } from './types.ts';

/**
 * BullMQ on Redis: jobs survive a worker crash (a stalled job is handed to another worker) and
 * workers in several processes share them. Ordering and exactly-once are not asked of BullMQ:
 * the database rows carry them (see types.ts).
 */
export class BullQueue implements JobQueue {
  readonly kind = 'redis' as const;
  private readonly connection: Redis;
  private readonly queues = new Map<JobName, Queue>();
  private readonly workers: Worker[] = [];

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    // BullMQ workers block on Redis; they need maxRetriesPerRequest null.
    this.connection = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
  }

  private queue(name: JobName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, {
        connection: this.connection,
        prefix: this.prefix,
        defaultJobOptions: {
          attempts: JOB_ATTEMPTS,
          backoff: { type: 'exponential', delay: backoffMs(1) },
          // Finished jobs leave no trace in Redis: their ids (`t-<inbox id>`) must be reusable by
          // the recovery sweep, and the database rows already record what happened.
          removeOnComplete: true,
          removeOnFail: true,
        },
      });
      this.queues.set(name, q);
    }
    return q;
  }

  async enqueue(name: JobName, conversationId: string, opts: EnqueueOptions = {}): Promise<void> {
    await this.queue(name).add(name, { c: conversationId }, { jobId: opts.jobId, delay: opts.delayMs });
  }

  work(name: JobName, handler: (conversationId: string) => Promise<void>, concurrency: number): void {
    const worker = new Worker(name, async (job) => handler((job.data as { c: string }).c), {
      connection: this.connection.duplicate({ maxRetriesPerRequest: null }),
      prefix: this.prefix,
      concurrency,
      // A killed worker's job is taken over after this long (the sweep also covers it).
      stalledInterval: 5_000,
      lockDuration: 15_000,
    });
    worker.on('error', () => {});
    this.workers.push(worker);
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.workers.map((w) => w.close()));
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
    this.connection.disconnect();
  }
}
