import type { Tx } from '../app/services.ts';
import { translator, type Locale } from '../i18n.ts';
import type { BroadcastContent } from '../broadcasts/schema.ts';
import { loadedProgrammes } from './catalog.ts';
import type { RequestStatus } from './request-status.ts';
import { NAMESPACE } from './search.ts';

/**
 * What the worker reads when their request moved, in both languages (the language they use on
 * their chat at sending time picks one). Sent as a notice through the broadcast machinery, written
 * in the officer's transaction (src/benefits/officer.ts).
 */
export async function requestNoticeContent(
  tx: Tx,
  n: { code: string; programmeId: string; status: RequestStatus; message?: string | null },
): Promise<BroadcastContent> {
  const programmes = await loadedProgrammes(tx);
  const text = (locale: Locale) => {
    const t = translator(locale, NAMESPACE);
    const programme = programmes.find((p) => p.id === n.programmeId)?.title[locale] ?? n.programmeId;
    const parts = [String(t('request_notice.status', { code: n.code, programme, status: String(t(`request_status.${n.status}`)) }))];
    if (n.message) parts.push(String(t('request_notice.message', { message: n.message })));
    return parts.join('\n\n');
  };
  return { vi: { text: text('vi') }, en: { text: text('en') } };
}
