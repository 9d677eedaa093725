import { inTransaction } from '../db/client.ts';
import type { BroadcastDeps } from '../broadcasts/deps.ts';
import { createNotice, sendNotice, type CreatedNotice } from '../broadcasts/notify.ts';
import { translator } from '../i18n.ts';
import type { BroadcastContent } from '../broadcasts/schema.ts';
import { formatVnDateTime } from './reminders.ts';

/** How long before a contest opens its "nhắc tôi khi mở" reminders go, unless CONTEST_REMINDER_HOURS (src/config.ts) says otherwise. */
export const DEFAULT_CONTEST_REMINDER_HOURS = 24;

/** Most reminders one sweep claims (the rest go in the next sweep, seconds later). */
const BATCH = 500;

interface Due {
  id: string;
  member_id: string | null;
  identity_id: string;
  conversation_id: string;
  title: string;
  title_en: string | null;
  opens_at: Date;
  unit_path: string | null;
}

export function reminderContent(c: { title: string; titleEn: string | null; opensAt: Date }): BroadcastContent {
  const opensAt = formatVnDateTime(c.opensAt);
  const text = (locale: 'vi' | 'en', title: string) => String(translator(locale, 'broadcasts')('notice.contest_opening_soon', { title, opensAt, interpolation: { escapeValue: false } }));
  return { vi: { text: text('vi', c.title) }, en: { text: text('en', c.titleEn ?? c.title) } };
}

/**
 * Sends, once, the "contest opening soon" notice of every request whose contest opens within
 * `hours` (and has not opened yet). Claiming a request (notified_at) and writing its notice happen
 * in one transaction, with SKIP LOCKED: two worker processes sweeping at the same moment take
 * different requests, and a crash before commit leaves the request to the next sweep. The notice
 * then goes like any other (the chat the request came from first, quiet hours, windows; on
 * Messenger CONFIRMED_EVENT_UPDATE outside 24 h: the person asked for it).
 */
export async function sendDueReminders(deps: BroadcastDeps, hours: number): Promise<number> {
  const now = deps.clock();
  const created = await inTransaction(deps.sql, async (tx) => {
    const due = await tx.query<Due>(
      `WITH pick AS (
         SELECT r.id FROM contest_reminder r JOIN contest c ON c.id = r.contest_id
          WHERE r.notified_at IS NULL AND r.cancelled_at IS NULL
            AND c.opens_at > $1 AND c.opens_at <= $1 + make_interval(secs => $2)
          ORDER BY c.opens_at, r.id LIMIT $3 FOR UPDATE OF r SKIP LOCKED)
       UPDATE contest_reminder r SET notified_at = $1 FROM pick, contest c
        WHERE r.id = pick.id AND c.id = r.contest_id AND r.notified_at IS NULL
       RETURNING r.id::text AS id, r.member_id::text AS member_id, r.identity_id::text AS identity_id, r.conversation_id::text AS conversation_id,
                 c.title, c.title_en, c.opens_at, (SELECT u.path FROM org_unit u WHERE u.code = c.organizer_code) AS unit_path`,
      [now, hours * 3600, BATCH],
    );
    const out: CreatedNotice[] = [];
    for (const d of due) {
      const n = await createNotice(
        tx,
        deps.keyring,
        {
          kind: 'contest_opening_soon',
          memberId: d.member_id,
          identityId: d.identity_id,
          conversationId: d.conversation_id,
          unitPath: d.unit_path ?? '/',
          content: reminderContent({ title: d.title, titleEn: d.title_en, opensAt: new Date(d.opens_at) }),
        },
        now,
      );
      await tx.query(`UPDATE contest_reminder SET broadcast_id = $2::uuid WHERE id = $1::uuid`, [d.id, n.broadcastId]);
      out.push(n);
    }
    return out;
  });
  for (const n of created) await sendNotice(deps, n);
  return created.length;
}
