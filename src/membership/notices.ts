import type { Tx } from '../app/services.ts';
import type { OutboundMessage } from '../core/model.ts';
import { isLocale, translator, type Locale } from '../i18n.ts';
import { queueNotice } from '../pipeline/notify.ts';
import { txSql } from '../cases/tx-sql.ts';
import type { Keyring } from '../security/crypto.ts';

export type DecisionNotice =
  | { kind: 'approved'; code: string; unit: string; memberNo: string; cardImageUrl: string | null }
  | { kind: 'rejected'; code: string; unit: string; reason: string };

export function decisionMessages(locale: Locale, n: DecisionNotice): OutboundMessage[] {
  const t = translator(locale, 'membership');
  if (n.kind === 'rejected') return [{ kind: 'text', text: String(t('notice.rejected', { code: n.code, unit: n.unit, reason: n.reason })) }];
  const out: OutboundMessage[] = [{ kind: 'text', text: String(t('notice.approved', { code: n.code, unit: n.unit, memberNo: n.memberNo })) }];
  if (n.cardImageUrl) out.push({ kind: 'media', mediaType: 'image', url: n.cardImageUrl, caption: String(t('notice.card_caption')), name: `the-doan-vien-${n.memberNo}.png` });
  return out;
}

/**
 * Queues the decision to the chat the application came from (the identity's most recent
 * conversation; an identity is one account on one channel), in the language the worker uses
 * there now, inside the caller's transaction. Returns the conversation to hint after commit, or
 * null when there is no conversation any more (e.g. the worker deleted their data).
 */
export async function queueDecisionNotice(tx: Tx, keyring: Keyring, identityId: string, fallbackLocale: string, n: DecisionNotice): Promise<string | null> {
  const conv = await tx.conversation.findFirst({ where: { identityId }, orderBy: { updatedAt: 'desc' }, select: { id: true, locale: true } });
  if (!conv) return null;
  const locale: Locale = isLocale(conv.locale) ? conv.locale : isLocale(fallbackLocale) ? fallbackLocale : 'vi';
  const queued = await queueNotice(txSql(tx), keyring, conv.id, decisionMessages(locale, n));
  return queued > 0 ? conv.id : null;
}
