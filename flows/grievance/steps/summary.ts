import type { ConfirmStep, FlowContext } from '../../../src/flowkit/types.ts';
import { formatDateVi } from '../../../src/validate/date.ts';
import { answersOf } from '../answers.ts';

const FIELDS = ['category', 'employer', 'union', 'description', 'discovered', 'affected', 'urgency', 'evidence', 'anonymous'] as const;
type Field = (typeof FIELDS)[number];

/** Long stories are cut in the summary; the case keeps every word. */
const SHOWN_CHARS = 160;

function shown(field: Field, ctx: FlowContext): string {
  const a = answersOf(ctx);
  const t = (k: string, p?: Record<string, unknown>) => String(ctx.t(k, p ?? {}));
  switch (field) {
    case 'category':
      return t(`category.labels.${a.category}`);
    case 'employer':
      return `${a.employer} (${a.province?.shortName ?? ''})`;
    case 'union':
      if (!a.unit) return t('summary.no_union');
      return a.aboutUnion ? t('summary.about_union', { unit: a.unit.name }) : a.unit.name;
    case 'description': {
      const text = ctx.services.keyring.open(a.description!);
      return [...text].length > SHOWN_CHARS ? `${[...text].slice(0, SHOWN_CHARS).join('')}…` : text;
    }
    case 'discovered':
      return a.discovered ? formatDateVi(a.discovered) : t('summary.unknown_date');
    case 'affected':
      return String(a.affected);
    case 'urgency':
      return t(`urgency.labels.${a.urgency ?? 'none'}`);
    case 'evidence':
      return t('summary.files', { count: a.fileCount ?? 0 });
    case 'anonymous':
      return t(a.anonymous === 'yes' ? 'anonymous.yes' : 'anonymous.no');
  }
}

/** editing "union" is done through the employer: the union list is searched by it */
const EDIT_STEP: Record<Field, string> = {
  category: 'category',
  employer: 'employer',
  union: 'employer',
  description: 'description',
  discovered: 'discovered',
  affected: 'affected',
  urgency: 'urgency',
  evidence: 'evidence',
  anonymous: 'anonymous',
};

const label = (f: Field, ctx: FlowContext) => String(ctx.t(`summary.fields.${f}`));

export const summaryStep: ConfirmStep = {
  id: 'summary',
  kind: 'confirm',
  summary(ctx) {
    const lines = FIELDS.map((f) => String(ctx.t('summary.line', { label: label(f, ctx), value: shown(f, ctx) })));
    return [String(ctx.t('summary.title')), ...lines].join('\n');
  },
  editable: (ctx) => FIELDS.filter((f) => f !== 'union').map((f) => ({ step: EDIT_STEP[f], label: label(f, ctx) })),
};
