import type { Prisma } from '../generated/prisma/client.ts';
import { memberKey, type ContestRow } from './service.ts';

type Db = Prisma.TransactionClient;

/**
 * "Nhắc tôi khi mở": a worker asks to be told before an announced contest opens. One request per
 * person per contest (a member is one person on every channel; anyone else is their chat
 * account). The reminder itself is sent by the worker's broadcast runner
 * (src/quiz/reminder-sweep.ts) as a system notice, N hours before the contest opens.
 */
export const reminderPersonKey = (conv: { identityId: string; memberId: string | null }) => (conv.memberId ? memberKey(conv.memberId) : `i:${conv.identityId}`);

/** Contests announced but not open yet, soonest first. */
export async function upcomingContests(db: Db, now: Date, limit = 5): Promise<ContestRow[]> {
  const rows = await db.contest.findMany({ where: { opensAt: { gt: now } }, orderBy: { opensAt: 'asc' }, take: limit });
  return rows.map((r) => ({ ...r, questions: [], prediction: (r.prediction as ContestRow['prediction']) ?? null }));
}

export async function hasReminder(db: Db, contestId: string, personKey: string): Promise<boolean> {
  const r = await db.contestReminder.findUnique({ where: { contestId_personKey: { contestId, personKey } }, select: { cancelledAt: true } });
  return !!r && !r.cancelledAt;
}

/**
 * Stores the request (or takes back a cancellation). The chat it came from is where the reminder
 * is preferred to go. A reminder already sent is not sent again: notified_at stays.
 */
export async function requestReminder(
  db: Db,
  r: { contestId: string; conversation: { id: string; identityId: string; memberId: string | null } },
  now: Date,
): Promise<void> {
  const personKey = reminderPersonKey(r.conversation);
  const who = { memberId: r.conversation.memberId, identityId: r.conversation.identityId, conversationId: r.conversation.id };
  await db.contestReminder.upsert({
    where: { contestId_personKey: { contestId: r.contestId, personKey } },
    create: { contestId: r.contestId, personKey, ...who, createdAt: now },
    update: { ...who, cancelledAt: null },
  });
}

/** Cancels this person's request for the contest; false when there was none to cancel. */
export async function cancelReminder(db: Db, contestId: string, personKey: string, now: Date): Promise<boolean> {
  const r = await db.contestReminder.updateMany({ where: { contestId, personKey, cancelledAt: null }, data: { cancelledAt: now } });
  return r.count > 0;
}

/** The person's active requests for contests not open yet (for "hủy nhắc" without naming one). */
export async function activeReminders(db: Db, personKey: string, now: Date): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<Array<{ contest_id: string }>>(
    `SELECT r.contest_id FROM contest_reminder r JOIN contest c ON c.id = r.contest_id
      WHERE r.person_key = $1 AND r.cancelled_at IS NULL AND c.opens_at > $2 ORDER BY c.opens_at`,
    personKey,
    now,
  );
  return rows.map((r) => r.contest_id);
}

/** "dd/MM/yyyy HH:mm" in Vietnam time, the way a Vietnamese reader writes a date. */
export function formatVnDateTime(at: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}
