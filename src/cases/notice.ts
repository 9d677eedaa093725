import type { Keyring } from '../security/crypto.ts';
import type { Tx } from '../app/services.ts';
import { translator, type Locale } from '../i18n.ts';
import { createNotice, type CreatedNotice } from '../broadcasts/notify.ts';
import type { BroadcastContent } from '../broadcasts/schema.ts';
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

/** The notice in both languages (the worker's language at sending time picks one). */
export function caseNoticeContent(n: CaseNotice): BroadcastContent {
  return { vi: { text: noticeText('vi', n) }, en: { text: noticeText('en', n) } };
}

/**
 * Writes the notice to the worker inside the caller's transaction (the change and its notice
 * commit together), through the broadcast machinery: the chat the case was filed from first,
 * else another of the person's chats that reaches them now; quiet hours, windows, and on
 * Messenger ACCOUNT_UPDATE outside 24 h. The caller hints `sendNotice` after commit.
 */
export async function createCaseNotice(
  tx: Tx,
  keyring: Keyring,
  c: { conversationId: string; identityId: string; memberId: string | null; routedPath: string },
  n: CaseNotice,
  now: Date,
): Promise<CreatedNotice> {
  return createNotice(
    txSql(tx),
    keyring,
    {
      kind: n.kind === 'status' ? 'case_status_changed' : 'case_info_requested',
      memberId: c.memberId,
      identityId: c.identityId,
      conversationId: c.conversationId,
      unitPath: c.routedPath,
      content: caseNoticeContent(n),
    },
    now,
  );
}
