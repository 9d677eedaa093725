import type { FlowContext } from '../../src/flowkit/types.ts';
import type { RegistrationView } from '../../src/registration/service.ts';
import { formatDateVi } from '../../src/validate/date.ts';

/** Calendar day in Vietnam (UTC+7, no daylight saving) as dd/mm/yyyy. */
export function vnDate(at: Date): string {
  return formatDateVi(new Date(at.getTime() + 7 * 3600 * 1000).toISOString().slice(0, 10));
}

/** One application as the worker sees it: code, status (with the reason of a refusal), date, unit. */
export function describe(r: RegistrationView, ctx: FlowContext): string {
  const lines = [
    String(ctx.t('item.code', { code: r.code })),
    String(ctx.t('item.status', { status: ctx.t(`registration:status.${r.status}`) })),
    String(ctx.t('item.submitted', { date: vnDate(r.createdAt) })),
  ];
  if (r.unitName) lines.push(String(ctx.t('item.unit', { unit: r.unitName })));
  if (r.routedToName !== r.unitName) lines.push(String(ctx.t('item.decides', { unit: r.routedToName })));
  if (r.status !== 'cho_duyet' && r.decidedAt) lines.push(String(ctx.t('item.decided', { date: vnDate(r.decidedAt) })));
  if (r.status === 'tu_choi') lines.push(String(ctx.t('item.reason', { reason: r.decisionNote || ctx.t('item.no_reason') })));
  if (r.status === 'cho_duyet') lines.push(String(ctx.t('item.pending_hint')));
  return lines.join('\n');
}
