import type { Sql } from '../db/client.ts';
import { channelCounts, type ChannelCounts } from './sender.ts';
import type { BroadcastRow } from './store.ts';

export interface Progress {
  broadcast: Omit<BroadcastRow, 'plan'>;
  plan: BroadcastRow['plan'];
  channels: ChannelCounts[];
  /** why recipients were skipped, failed, or wait (per channel, most frequent first) */
  reasons: Array<{ channel: string; status: string; reason: string; count: number }>;
}

/** Counters are O(channels) (kept by the sender); reasons read only the rows that have one. */
export async function progress(sql: Sql, b: BroadcastRow): Promise<Progress> {
  const reasons = await sql.query<{ channel: string; status: string; reason: string; count: number }>(
    `SELECT coalesce(channel, 'none') AS channel, status, reason, count(*)::int AS count
       FROM broadcast_recipient
      WHERE broadcast_id = $1::uuid AND status IN ('skipped', 'failed', 'pending') AND reason IS NOT NULL
      GROUP BY 1, 2, 3 ORDER BY count DESC LIMIT 100`,
    [b.id],
  );
  const { plan, ...broadcast } = b;
  return { broadcast, plan, channels: await channelCounts({ sql }, b.id), reasons };
}
