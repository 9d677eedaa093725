import type { Tx } from '../app/services.ts';
import { isLocale, translator, type Locale } from '../i18n.ts';
import { queueNotice } from '../pipeline/notify.ts';
import type { Keyring } from '../security/crypto.ts';
import { txSql } from '../cases/tx-sql.ts';
import { loadedProgrammes } from './catalog.ts';
import type { RequestStatus } from './request-status.ts';
import { NAMESPACE } from './search.ts';

/**
 * Tells the worker their request moved, on the chat they applied from, in the language they use
 * there now; inside the caller's transaction so the change and its notice commit together.
 */
export async function queueRequestNotice(
  tx: Tx,
  keyring: Keyring,
  conversationId: string,
  n: { code: string; programmeId: string; status: RequestStatus; message?: string | null },
): Promise<number> {
  const conv = await tx.conversation.findUnique({ where: { id: conversationId }, select: { locale: true } });
  if (!conv) return 0;
  const locale: Locale = isLocale(conv.locale) ? conv.locale : 'vi';
  const t = translator(locale, NAMESPACE);
  const programme = (await loadedProgrammes(tx)).find((p) => p.id === n.programmeId)?.title[locale] ?? n.programmeId;
  const parts = [String(t('request_notice.status', { code: n.code, programme, status: String(t(`request_status.${n.status}`)) }))];
  if (n.message) parts.push(String(t('request_notice.message', { message: n.message })));
  return queueNotice(txSql(tx), keyring, conversationId, [{ kind: 'text', text: parts.join('\n\n') }]);
}
