import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { BroadcastDeps } from './deps.ts';
import { tick, type SendOptions, type TickResult } from './sender.ts';
import { isQuiet } from './quiet-hours.ts';
import { DEFAULT_CONTEST_REMINDER_HOURS, sendDueReminders } from '../quiz/reminder-sweep.ts';

const LEASE_SECONDS = 30;
const TICK_MS = 1000;
/** a sleeping loop still wakes this often to notice pause/cancel and renew its lease */
const MAX_SLEEP_MS = 15_000;
/**
 * Loops one worker process runs at once. At 08:00 every notice that waited overnight falls due
 * together; past this many the rest start at the next polls, seconds later, instead of all
 * contending for the database pool at once.
 */
const MAX_LOOPS = 64;

export interface RunOptions extends SendOptions {
  /** who holds the lease (default: this process) */
  owner?: string;
  tickMs?: number;
  sleep?: (ms: number) => Promise<void>;
  signal?: AbortSignal;
  onTick?: (r: TickResult) => void;
}

const defaultOwner = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

/** Takes (or renews) the right to run a broadcast's loop; false while another live process has it. */
export async function takeLease(deps: BroadcastDeps, id: string, owner: string): Promise<boolean> {
  const rows = await deps.sql.query(
    `UPDATE broadcast SET lease_owner = $2, lease_until = now() + make_interval(secs => $3)
      WHERE id = $1::uuid AND (lease_until IS NULL OR lease_until < now() OR lease_owner = $2) RETURNING id`,
    [id, owner, LEASE_SECONDS],
  );
  return rows.length > 0;
}

/**
 * Runs one broadcast until it is done, paused or cancelled (or the signal aborts, e.g. on
 * shutdown): the CLI's `broadcast:send` and the worker's runner both use it. Stopping at any
 * point is safe: the rows are the truth, and the next run continues where this one stopped.
 */
export async function runBroadcast(deps: BroadcastDeps, id: string, opts: RunOptions = {}): Promise<TickResult> {
  const owner = opts.owner ?? defaultOwner;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (;;) {
    if (opts.signal?.aborted) return { state: 'not_sending' };
    if (!(await takeLease(deps, id, owner))) return { state: 'not_sending' };
    const r = await tick(deps, id, opts);
    opts.onTick?.(r);
    if (r.state !== 'sending' && r.state !== 'quiet') {
      await deps.sql.query(`UPDATE broadcast SET lease_owner = NULL, lease_until = NULL WHERE id = $1::uuid AND lease_owner = $2`, [id, owner]);
      return r;
    }
    const wake = 'wakeAt' in r && r.wakeAt ? r.wakeAt.getTime() - deps.clock().getTime() : 0;
    await sleep(Math.min(MAX_SLEEP_MS, Math.max(opts.tickMs ?? TICK_MS, wake)));
  }
}

/**
 * Broadcasts that should be sending and whose loop nobody runs: a scheduled one whose time came,
 * one whose runner died (lease expired), an event notice whose after-commit hint was lost (a
 * crash right after the officer's commit) or that waited for 08:00. In quiet hours notices are
 * left out: their loop would only sleep till 08:00, one loop per waiting notice (hundreds
 * overnight) is not worth it.
 */
export async function dueBroadcasts(deps: Pick<BroadcastDeps, 'sql' | 'clock'>): Promise<string[]> {
  const rows = await deps.sql.query<{ id: string }>(
    `SELECT id::text AS id FROM broadcast WHERE status = 'sending' AND (lease_until IS NULL OR lease_until < now())
        AND NOT ($1::boolean AND created_by LIKE 'system:%')`,
    [isQuiet(deps.clock())],
  );
  return rows.map((r) => r.id);
}

/**
 * For worker processes: every few seconds starts the loop of each broadcast that should be
 * sending (a scheduled one whose time came; one whose runner died, its lease expired; an event
 * notice whose after-commit hint was lost, or that waited for 08:00), and sends the contest
 * reminders that fell due (CONTEST_REMINDER_HOURS before the contest opens). Returns the stop
 * function.
 */
export function startBroadcastRunner(deps: BroadcastDeps, opts: { intervalMs?: number; contestReminderHours?: number } = {}): () => Promise<void> {
  const reminderHours = opts.contestReminderHours ?? DEFAULT_CONTEST_REMINDER_HOURS;
  const running = new Map<string, Promise<unknown>>();
  const abort = new AbortController();
  const poll = async () => {
    await deps.sql.query(
      `UPDATE broadcast SET status = 'sending', updated_at = now() WHERE status = 'scheduled' AND scheduled_at <= $1`,
      [deps.clock()],
    );
    for (const id of await dueBroadcasts(deps)) {
      if (running.size >= MAX_LOOPS) break;
      if (running.has(id)) continue;
      const p = runBroadcast(deps, id, { signal: abort.signal })
        .catch((err: unknown) => deps.log?.error({ err, broadcastId: id }, 'broadcast loop failed'))
        .finally(() => running.delete(id));
      running.set(id, p);
    }
  };
  // the reminders and the broadcasts fail independently: one's database error never stalls the other
  const sweep = async () => {
    const [reminders, broadcasts] = await Promise.allSettled([sendDueReminders(deps, reminderHours), poll()]);
    if (reminders.status === 'rejected') deps.log?.warn({ err: reminders.reason }, 'contest reminder sweep failed');
    if (broadcasts.status === 'rejected') throw broadcasts.reason;
  };
  const timer = setInterval(() => void sweep().catch((err: unknown) => deps.log?.warn({ err }, 'broadcast poll failed')), opts.intervalMs ?? 5000);
  timer.unref();
  void sweep().catch((err: unknown) => deps.log?.warn({ err }, 'broadcast poll failed'));
  return async () => {
    clearInterval(timer);
    abort.abort();
    await Promise.allSettled(running.values());
  };
}
