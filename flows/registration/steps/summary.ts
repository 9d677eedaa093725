import type { ConfirmStep, FlowContext } from '../../../src/flowkit/types.ts';
import { maskCccd } from '../../../src/validate/cccd.ts';
import { formatDateVi } from '../../../src/validate/date.ts';
import { formatPhoneVi } from '../../../src/validate/phone.ts';
import { answersOf } from '../answers.ts';
import { openAnswer } from '../sealed.ts';

/** Every answer the worker gave, in asking order; each one can be changed from the summary. */
const FIELDS = ['fullName', 'dob', 'gender', 'cccd', 'phone', 'employer', 'address', 'province', 'union'] as const;
type Field = (typeof FIELDS)[number];

function shown(field: Field, ctx: FlowContext): string {
  const a = answersOf(ctx);
  switch (field) {
    case 'dob':
      return formatDateVi(openAnswer(ctx, a.dob)!);
    case 'gender':
      return String(ctx.t(`gender.${a.gender}`));
    // masked: the summary is stored with the outgoing messages and stays in the chat history
    case 'cccd':
      return maskCccd(openAnswer(ctx, a.cccd)!);
    case 'phone':
      return formatPhoneVi(openAnswer(ctx, a.phone)!);
    case 'province':
      return a.province!.shortName;
    case 'union':
      return a.unit ? a.unit.name : String(ctx.t('summary.no_union', { federation: a.federation?.name }));
    default:
      return a[field] ?? '';
  }
}

const label = (field: Field, ctx: FlowContext) => String(ctx.t(`summary.fields.${field}`));

export const summaryStep: ConfirmStep = {
  id: 'summary',
  kind: 'confirm',
  summary(ctx) {
    const lines = FIELDS.map((f) => String(ctx.t('summary.line', { label: label(f, ctx), value: shown(f, ctx) })));
    return [String(ctx.t('summary.title')), ...lines, String(ctx.t('summary.cccd_note'))].join('\n');
  },
  editable: (ctx) => FIELDS.map((f) => ({ step: f, label: label(f, ctx) })),
};
