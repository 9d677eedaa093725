import type { Tx } from '../app/services.ts';
import type { OutboundMessage } from '../core/model.ts';
import { isLocale, translator, type Locale } from '../i18n.ts';
import { queueNotice } from '../pipeline/notify.ts';
import type { Keyring } from '../security/crypto.ts';
import { txSql } from './tx-sql.ts';
import type { CaseStatus } from './types.ts';

export const CASE_NAMESPACE = 'grievance';

export type CaseNotice =
  | { kind: 'status'; code: string; status: CaseStatus; message?: string | null }
  | { kind: 'request_info'; code: string; question: string };

export function noticeText(locale: Locale, n: CaseNotice): string {
  const t = translator(locale, CASE_NAMESPACE);
  const status = String(t(`status.${n.kind === 'status' ? n.status : 'cho_bo_sung'}`));
  const parts =
    n.kind === 'status'
      ? [String(t('notice.status', { code: n.code, status })), ...(n.message ? [String(t('notice.message', { message: n.message }))] : [])]
      : [String(t('notice.request_info', { code: n.code, question: n.question })), String(t('notice.how_to_add', { code: n.code }))];
  if (n.kind === 'status' && n.status === 'cho_bo_sung') parts.push(String(t('notice.how_to_add', { code: n.code })));
  return parts.join('\n\n');
}

/**
 * Queues the notice to the conversation the case was filed from, in the language the worker
 * uses there now, inside the caller's transaction: the change and its notice commit together.
 * The caller hints delivery after commit.
 */
export async function queueCaseNotice(tx: Tx, keyring: Keyring, conversationId: string, n: CaseNotice): Promise<number> {
  const conv = await tx.conversation.findUnique({ where: { id: conversationId }, select: { locale: true } });
  if (!conv) return 0;
  const locale: Locale = isLocale(conv.locale) ? conv.locale : 'vi';
  const messages: OutboundMessage[] = [{ kind: 'text', text: noticeText(locale, n) }];
  return queueNotice(txSql(tx), keyring, conversationId, messages);
}
