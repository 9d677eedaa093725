import type { Tx } from '../app/services.ts';
import { isLocale, translator, type Locale } from '../i18n.ts';
import { queueNotice } from '../pipeline/notify.ts';
import type { Keyring } from '../security/crypto.ts';
import { MAX_ATTACHMENT_BYTES } from './attachments.ts';
import { CASE_NAMESPACE } from './notice.ts';
import { txSql } from './tx-sql.ts';

export type EvidenceRefusal = 'too_big' | 'unsupported_type';

/**
 * A file accepted in the chat but refused once its bytes were seen (bigger than declared, or not
 * what its name says): the worker is told in their language which file, why, and what to send.
 */
export async function queueEvidenceNotice(
  tx: Tx,
  keyring: Keyring,
  conversationId: string,
  n: { code: string; name: string | null; refusal: EvidenceRefusal },
): Promise<number> {
  const conv = await tx.conversation.findUnique({ where: { id: conversationId }, select: { locale: true } });
  if (!conv) return 0;
  const locale: Locale = isLocale(conv.locale) ? conv.locale : 'vi';
  const t = translator(locale, CASE_NAMESPACE);
  const name = n.name ?? String(t('evidence.refused.unnamed'));
  const text = String(t(`evidence.refused.${n.refusal}`, { code: n.code, name, maxMb: MAX_ATTACHMENT_BYTES / (1024 * 1024) }));
  return queueNotice(txSql(tx), keyring, conversationId, [{ kind: 'text', text }]);
}
