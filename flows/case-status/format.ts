import type { CaseSummary } from '../../src/cases/service.ts';
import type { FlowContext } from '../../src/flowkit/types.ts';
import { formatDateVi } from '../../src/validate/date.ts';

const vnDate = (d: Date) => formatDateVi(new Date(d.getTime() + 7 * 3600 * 1000).toISOString().slice(0, 10));

/** One case as the worker sees it: code, kind, status, dates. Nothing an officer wrote internally. */
export function describeCase(c: CaseSummary, ctx: FlowContext): string {
  return String(
    ctx.t('case_line', {
      code: c.code,
      category: String(ctx.t(`category.labels.${c.category}`, { ns: 'grievance' })),
      status: String(ctx.t(`status.${c.status}`, { ns: 'grievance' })),
      created: vnDate(c.createdAt),
      updated: vnDate(c.updatedAt),
    }),
  );
}
