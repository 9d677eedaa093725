import type { Keyring } from '../security/crypto.ts';
import type { Tx } from '../app/services.ts';
import { translator, type Locale } from '../i18n.ts';
import { createNotice, type CreatedNotice } from '../broadcasts/notify.ts';
import type { BroadcastContent, LocalContent } from '../broadcasts/schema.ts';
import { txSql } from '../cases/tx-sql.ts';

export type DecisionNotice =
  | { kind: 'approved'; code: string; unit: string; memberNo: string; cardImageUrl: string | null }
  | { kind: 'rejected'; code: string; unit: string; reason: string };

function decisionText(locale: Locale, n: DecisionNotice): LocalContent {
  const t = translator(locale, 'membership');
  if (n.kind === 'rejected') return { text: String(t('notice.rejected', { code: n.code, unit: n.unit, reason: n.reason })) };
  const text = String(t('notice.approved', { code: n.code, unit: n.unit, memberNo: n.memberNo }));
  // One message per notice (one outbox row): the card image carries the news as its caption,
  // and each adapter degrades a caption too long for its platform into picture + text.
  return n.cardImageUrl ? { text: `${text}\n\n${String(t('notice.card_caption'))}`, imageUrl: n.cardImageUrl } : { text };
}

/** The decision in both languages (the worker's language at sending time picks one). */
export function decisionContent(n: DecisionNotice): BroadcastContent {
  return { vi: decisionText('vi', n), en: decisionText('en', n) };
}

/**
 * Writes the decision as a notice to the applicant, inside the caller's transaction (the decision
 * and its notice commit together): through the broadcast machinery, so it takes the channel that
 * reaches them now (the chat the application came from first), keeps quiet hours and windows,
 * and on Messenger may go outside 24 h with ACCOUNT_UPDATE. The caller hints `sendNotice` after
 * commit. Null when the applicant has no chat any more (e.g. they deleted their data).
 */
export async function createDecisionNotice(
  tx: Tx,
  keyring: Keyring,
  reg: { identityId: string; memberId: string | null; unitPath: string },
  n: DecisionNotice,
  now: Date,
): Promise<CreatedNotice | null> {
  const conv = await tx.conversation.findFirst({ where: { identityId: reg.identityId }, orderBy: { updatedAt: 'desc' }, select: { id: true } });
  if (!conv) return null;
  return createNotice(
    txSql(tx),
    keyring,
    {
      kind: n.kind === 'approved' ? 'registration_approved' : 'registration_rejected',
      memberId: reg.memberId,
      identityId: reg.identityId,
      conversationId: conv.id,
      unitPath: reg.unitPath,
      content: decisionContent(n),
    },
    now,
  );
}
