import { provincialFederation } from '../../../src/org/search.ts';
import type { AskStep, ChooseStep, EffectStep, FlowContext, Jump } from '../../../src/flowkit/types.ts';
import { parseFreeText } from '../../../src/validate/text.ts';
import { errorTextFor, typedText } from '../../registration/input.ts';
import { unionQueryStep, unionStep as makeUnionStep } from '../../shared/grassroots.ts';
import { provinceAnswer, provinceStep as makeProvinceStep } from '../../shared/province.ts';
import { answersOf } from '../answers.ts';
import { NAMESPACE, phrases } from '../phrases.ts';
import { ASKS_ABOUT_UNION } from './category.ts';


/** After the workplace is settled: ask whether the case is about the union only where that can be so. */
function afterUnit(ctx: FlowContext): Jump {
  const a = answersOf(ctx);
  if (a.unit && a.category && ASKS_ABOUT_UNION.has(a.category)) return { goto: 'aboutUnion' };
  a.aboutUnion = false;
  return { goto: a.description ? 'summary' : 'description' };
}

/** Reuses the workplace of this chat's membership application, so a member is not asked twice. */
export const knownStep: EffectStep = {
  id: 'known',
  kind: 'effect',
  async run(ctx) {
    const a = answersOf(ctx);
    const reg = await ctx.tx.registration.findFirst({
      where: { identityId: ctx.conversation.identityId },
      orderBy: { createdAt: 'desc' },
      select: { employer: true, provinceCode: true, orgUnit: { select: { id: true, name: true } } },
    });
    const province = reg ? provinceAnswer(reg.provinceCode) : undefined;
    if (!reg || !province) return { goto: 'employer' };
    a.known = { employer: reg.employer, province, unit: reg.orgUnit };
    return undefined;
  },
};

export const reuseStep: ChooseStep = {
  id: 'reuse',
  kind: 'choose',
  prompt(ctx) {
    const k = answersOf(ctx).known!;
    return String(ctx.t('reuse.prompt', { employer: k.employer, unit: k.unit?.name ?? String(ctx.t('reuse.no_union')) }));
  },
  options: (ctx) => [
    { key: 'same', label: String(ctx.t('reuse.same')), synonyms: phrases('reuse.same_words') },
    { key: 'other', label: String(ctx.t('reuse.other')), synonyms: phrases('reuse.other_words') },
  ],
  after(key, ctx) {
    const a = answersOf(ctx);
    if (key !== 'same') return { goto: 'employer' };
    const k = a.known!;
    a.employer = k.employer;
    a.province = k.province;
    a.unit = k.unit;
    return afterUnit(ctx);
  },
};

function repickUnion(ctx: FlowContext): Jump {
  const a = answersOf(ctx);
  if (a.union === undefined && a.unit === undefined) return undefined;
  delete a.union;
  delete a.unionQuery;
  delete a.unit;
  return a.province ? { goto: 'union' } : undefined;
}

export const employerStep: AskStep<string> = {
  id: 'employer',
  kind: 'ask',
  prompt: (ctx) => String(ctx.t('employer.prompt')),
  parse(input) {
    const typed = typedText(input);
    if (!typed.ok) return typed;
    return parseFreeText(typed.value, { min: 2, max: 200 });
  },
  errorText: errorTextFor('employer'),
  after: (_v, ctx) => repickUnion(ctx),
};

export const provinceStep = makeProvinceStep({
  renamed: false,
  after(_value, ctx) {
    const a = answersOf(ctx);
    delete a.union;
    delete a.unit;
    return { goto: 'union' };
  },
});

/** The grassroots union of the workplace, found by employer in the province; "none" goes to the federation. */
export const unionStep = makeUnionStep({
  namespace: NAMESPACE,
  async picked(unit, ctx) {
    const a = answersOf(ctx);
    delete a.unionQuery;
    a.unit = unit;
    if (!unit) {
      const federation = await provincialFederation(ctx.tx, a.province!.code);
      if (federation) ctx.say(String(ctx.t('union.routed_federation', { federation: federation.name })));
    }
    return afterUnit(ctx);
  },
});

export { unionQueryStep };

/** A complaint about the grassroots union itself goes to the provincial federation, not to that union. */
export const aboutUnionStep: ChooseStep = {
  id: 'aboutUnion',
  kind: 'choose',
  prompt: (ctx) => String(ctx.t('aboutUnion.prompt', { unit: answersOf(ctx).unit?.name ?? '' })),
  options: (ctx) => [
    { key: 'yes', label: String(ctx.t('aboutUnion.yes')), synonyms: phrases('aboutUnion.yes_words') },
    { key: 'no', label: String(ctx.t('aboutUnion.no')), synonyms: phrases('aboutUnion.no_words') },
  ],
  after(key, ctx) {
    const a = answersOf(ctx);
    a.aboutUnion = key === 'yes';
    return a.description ? { goto: 'summary' } : undefined;
  },
};
