import type { OutboundMessage } from '../core/model.ts';
import type { Sql } from '../db/client.ts';
import { isLocale, translator, DEFAULT_LOCALE, type Locale } from '../i18n.ts';
import { queueNotice } from '../pipeline/notify.ts';
import type { Keyring } from '../security/crypto.ts';
import { describeHours, type OpeningHours } from './hours.ts';
import type { Effects } from './effects.ts';

export const CSAT_SCORES = [1, 2, 3, 4, 5] as const;
export const csatKey = (n: number) => `csat:${n}`;

export const ht = (locale: Locale) => translator(locale, 'handoff');

/** The one-tap satisfaction question: five options whose order is their score ("1".."5" typed). */
export function csatQuestion(locale: Locale): OutboundMessage & { kind: 'choices' } {
  const t = ht(locale);
  return { kind: 'choices', text: String(t('csat.prompt')), choices: CSAT_SCORES.map((n) => ({ key: csatKey(n), label: String(t(`csat.${n}`)) })) };
}

/** When officers open next, in the worker's words ("07:30 Thứ Hai (24/11)"). */
export function opensText(locale: Locale, hours: OpeningHours, opens: Date): { hours: string; opens: string } {
  const t = ht(locale);
  const days = t('days', { returnObjects: true }) as unknown as string[];
  const local = new Date(opens.getTime() + 7 * 3_600_000);
  const hh = String(local.getUTCHours()).padStart(2, '0');
  const mm = String(local.getUTCMinutes()).padStart(2, '0');
  const date = `${String(local.getUTCDate()).padStart(2, '0')}/${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
  return {
    hours: describeHours(hours, days),
    opens: String(t('opens_at', { time: `${hh}:${mm}`, day: days[local.getUTCDay()], date })),
  };
}

/** A notice to the worker in their conversation's language, committed with the change. */
export async function notifyWorker(
  sql: Sql,
  keyring: Keyring,
  fx: Effects,
  conversationId: string,
  build: (locale: Locale) => OutboundMessage[],
): Promise<void> {
  const row = (await sql.query<{ locale: string }>(`SELECT locale FROM conversation WHERE id = $1::uuid`, [conversationId]))[0];
  const locale = row && isLocale(row.locale) ? row.locale : DEFAULT_LOCALE;
  const n = await queueNotice(sql, keyring, conversationId, build(locale));
  if (n > 0) fx.deliver.add(conversationId);
}
