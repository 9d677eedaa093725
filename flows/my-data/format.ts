import type { FlowContext } from '../../src/flowkit/types.ts';
import type { SubjectData } from '../../src/privacy/collect.ts';
import { maskCccd } from '../../src/validate/cccd.ts';
import { maskPhone } from '../../src/validate/phone.ts';

/** dd/mm/yyyy in Vietnam's time zone (UTC+7). */
export function day(d: Date): string {
  const v = new Date(d.getTime() + 7 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(v.getUTCDate())}/${p(v.getUTCMonth() + 1)}/${v.getUTCFullYear()}`;
}

/** Only the year of birth is shown in chat: the full date is a verification secret. */
const maskDob = (iso: string | null) => (iso ? `**/**/${iso.slice(0, 4)}` : '—');

const tr = (ctx: FlowContext, key: string, fallback: string, params: Record<string, unknown> = {}) =>
  String(ctx.t([key, 'view.unknown'], { value: fallback, ...params }));

/**
 * What we hold, grouped (identity, registration, cases, benefit requests, consents, channel
 * accounts), with CCCD, phone and date of birth masked: a chat screen can be seen over a
 * shoulder, and the full values are in the export file. Grievance texts are not repeated here.
 */
export function describeData(ctx: FlowContext, d: SubjectData): string {
  const out: string[] = [String(ctx.t('view.title'))];
  const section = (title: string, lines: string[]) => {
    out.push('', String(ctx.t(title)));
    out.push(...(lines.length ? lines.map((l) => `• ${l}`) : [`• ${String(ctx.t('view.none'))}`]));
  };
  section(
    'view.identity',
    d.member
      ? [
          String(
            ctx.t('view.member', {
              name: d.member.fullName,
              memberNo: d.member.memberNo ?? '—',
              unit: d.member.unitName ?? '—',
              status: tr(ctx, `status.member.${d.member.status}`, d.member.status),
            }),
          ),
        ]
      : [],
  );
  section(
    'view.registrations',
    d.registrations.map((r) =>
      String(
        ctx.t('view.registration', {
          code: r.code,
          status: tr(ctx, `status.registration.${r.status}`, r.status),
          name: r.fullName,
          dob: maskDob(r.dob),
          cccd: r.cccd ? maskCccd(r.cccd) : '—',
          phone: r.phone ? maskPhone(r.phone) : '—',
          employer: r.employer,
          date: day(r.createdAt),
        }),
      ),
    ),
  );
  section(
    'view.cases',
    d.cases.map((c) => String(ctx.t('view.case', { code: c.code, status: tr(ctx, `status.case.${c.status}`, c.status), date: day(c.createdAt) }))),
  );
  section(
    'view.benefits',
    d.benefitRequests.map((b) =>
      String(ctx.t('view.benefit', { code: b.code, status: tr(ctx, `status.benefit.${b.status}`, b.status), date: day(b.createdAt) })),
    ),
  );
  section(
    'view.consents',
    d.consents.map((c) =>
      String(
        ctx.t(c.withdrawnAt ? 'view.consent_withdrawn' : c.granted ? 'view.consent' : 'view.consent_refused', {
          purpose: tr(ctx, `purposes.${c.purpose}`, c.purpose),
          date: day(c.decidedAt),
          withdrawn: c.withdrawnAt ? day(c.withdrawnAt) : '',
        }),
      ),
    ),
  );
  section(
    'view.accounts',
    d.channelAccounts.map((a) => String(ctx.t('view.account', { channel: tr(ctx, `channels.${a.channel}`, a.channel), date: day(a.createdAt) }))),
  );
  const other: string[] = d.memberCards.map((c) =>
    String(ctx.t(c.revokedAt ? 'view.card_revoked' : 'view.card', { memberNo: c.memberNo, date: day(c.issuedAt) })),
  );
  if (d.contestAttempts.length) other.push(String(ctx.t('view.contests', { count: d.contestAttempts.length })));
  if (d.surveyResponses) other.push(String(ctx.t('view.surveys', { count: d.surveyResponses })));
  other.push(String(ctx.t('view.messages', { count: d.conversationMessages })));
  section('view.other', other);
  return out.join('\n');
}
