import type { FlowContext } from '../../src/flowkit/types.ts';
import { disputeDeadlines } from '../../src/cases/time-limits.ts';
import type { CaseCategory } from '../../src/cases/types.ts';
import { formatDateVi } from '../../src/validate/date.ts';
import { vnToday } from './date.ts';

/** The time-limit note (BLLĐ Art. 190) for an individual dispute, in the grievance namespace; null when not relevant. */
export function deadlinesText(ctx: FlowContext, category: CaseCategory, discoveredOn: string | null | undefined): string | null {
  const d = disputeDeadlines(category, discoveredOn, vnToday(ctx.now));
  if (!d) return null;
  const t = (k: string, p: Record<string, unknown> = {}) => String(ctx.t(k, { ns: 'grievance', ...p }));
  const lines = [
    t(d.expired ? 'deadlines.expired' : 'deadlines.intro', { date: formatDateVi(d.discoveredOn) }),
    ...(d.expired
      ? []
      : [
          t('deadlines.mediator', { date: formatDateVi(d.mediator) }),
          t('deadlines.arbitration', { date: formatDateVi(d.arbitration) }),
          t('deadlines.court', { date: formatDateVi(d.court) }),
        ]),
  ];
  if (d.mediationOptional) lines.push(t('deadlines.no_mediation_needed'));
  return lines.join('\n');
}
