import { createBroadcast } from '../../src/broadcasts/store.ts';
import type { z } from 'zod';
import { CreateBroadcast } from '../../src/broadcasts/schema.ts';
import type { World } from './world.ts';

export async function newBroadcast(w: World, input: Partial<z.input<typeof CreateBroadcast>> = {}, scopePath = '/TLD/') {
  const parsed = CreateBroadcast.parse({ title: 'Chương trình Tết', content: { vi: { text: 'Chúc mừng năm mới' }, en: { text: 'Happy new year' } }, ...input });
  return createBroadcast(w.deps.sql, parsed, { id: 'officer-1', scopePath });
}

export async function recipients(w: World, broadcastId: string) {
  return w.db.sql.query<{ member_id: string | null; channel: string | null; status: string; reason: string | null; not_before: Date | null; quota_class: string | null; conversation_id: string | null }>(
    `SELECT member_id::text, channel, status, reason, not_before, quota_class, conversation_id::text FROM broadcast_recipient WHERE broadcast_id = $1::uuid ORDER BY id`,
    [broadcastId],
  );
}

export async function outboxCount(w: World, where = 'true') {
  return Number((await w.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_message WHERE ${where}`))[0]!.n);
}

/** 10:00 in Hanoi on a Tuesday */
export const MORNING = new Date('2026-03-10T03:00:00Z');
