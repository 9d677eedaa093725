/**
 * The job kinds. Turns and deliveries are keyed by conversation, evidence downloads by
 * attachment: a job means "there may be work for this row", and the handler looks in the
 * database for what exactly. So a lost, duplicated or reordered job can delay work but never
 * lose, repeat or reorder it.
 */
export type JobName = 'turn' | 'deliver' | 'fetch-attachment';

export interface EnqueueOptions {
  /** same id twice = one job (platform retries, sweeps) */
  jobId?: string;
  delayMs?: number;
}

export interface JobQueue {
  readonly kind: 'redis' | 'memory';
  enqueue(name: JobName, conversationId: string, opts?: EnqueueOptions): Promise<void>;
  work(name: JobName, handler: (conversationId: string) => Promise<void>, concurrency: number): void;
  /** stops taking jobs and waits for the running ones */
  close(): Promise<void>;
}

/** Retry schedule for a job whose handler threw (database down, bug): 0.5 s, 1 s, 2 s, ... */
export const JOB_ATTEMPTS = 8;
export const backoffMs = (attempt: number) => Math.min(500 * 2 ** (attempt - 1), 60_000);
