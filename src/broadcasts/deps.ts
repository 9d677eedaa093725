import type { Sql } from '../db/client.ts';
import type { ChannelAdapter } from '../channels/types.ts';
import type { JobQueue } from '../queue/types.ts';
import type { Notifier } from '../queue/notifier.ts';
import type { Keyring } from '../security/crypto.ts';
import type { Logger } from '../logger.ts';

/** What the broadcast machinery needs: the pipeline's own pieces, nothing of its own to send with. */
export interface BroadcastDeps {
  sql: Sql;
  /** the delivery queue: broadcast rows are hinted like any outbox row */
  queue: Pick<JobQueue, 'enqueue'>;
  keyring: Keyring;
  notifier: Pick<Notifier, 'publish'>;
  /** read for their declared rate limits only; sending stays with the delivery worker */
  adapters: Map<string, ChannelAdapter>;
  clock: () => Date;
  /** the Zalo OA's proactive messages a month, shared by every broadcast and notice (ZALO_PROACTIVE_PER_MONTH); unset = no limit */
  zaloProactivePerMonth?: number;
  log?: Pick<Logger, 'info' | 'warn' | 'error'>;
}

/**
 * The deps from an app's or a route set's pieces: the one place that reads the OA's monthly
 * proactive budget from the configuration, so no caller (routes, CLI, worker, tests) forgets it.
 */
export function broadcastDeps(d: {
  sql: Sql;
  queue: Pick<JobQueue, 'enqueue'>;
  keyring: Keyring;
  notifier?: Pick<Notifier, 'publish'>;
  adapters?: Map<string, ChannelAdapter>;
  clock: () => Date;
  log?: Pick<Logger, 'info' | 'warn' | 'error'>;
  config?: { ZALO_PROACTIVE_PER_MONTH?: number };
}): BroadcastDeps {
  return {
    sql: d.sql,
    queue: d.queue,
    keyring: d.keyring,
    notifier: d.notifier ?? { publish: () => {} },
    adapters: d.adapters ?? new Map(),
    clock: d.clock,
    ...(d.log ? { log: d.log } : {}),
    ...(d.config?.ZALO_PROACTIVE_PER_MONTH !== undefined ? { zaloProactivePerMonth: d.config.ZALO_PROACTIVE_PER_MONTH } : {}),
  };
}
