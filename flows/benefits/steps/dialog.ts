import type { AskStep, ChooseStep, EffectStep, FlowContext, OptionDef } from '../../../src/flowkit/types.ts';
import { SITUATIONS, type Situation } from '../../../src/benefits/schema.ts';
import { matchOption } from '../../../src/lang/match.ts';
import { parseFreeText } from '../../../src/validate/text.ts';
import { grassrootsOptions, unitOfKey } from '../../shared/grassroots.ts';
import { provinceStep as makeProvinceStep } from '../../shared/province.ts';
import { answersOf } from '../answers.ts';
import { phrases } from '../phrases.ts';

/**
 * The short eligibility dialogue: asks only what is still unknown (records may already say
 * member, province and union), each answer returning here for the next question.
 */
export const dialogStep: EffectStep = {
  id: 'dialog',
  kind: 'effect',
  run(ctx) {
    const a = answersOf(ctx);
    if (a.isMember === undefined) return { goto: 'member' };
    if (!a.province) return { goto: 'province' };
    if (a.unit === undefined) return { goto: 'unitQuery' };
    if (a.situations === undefined) return { goto: 'situation' };
    return { goto: 'results' };
  },
};

export const memberStep: ChooseStep = {
  id: 'member',
  kind: 'choose',
  prompt: (ctx) => String(ctx.t('member.prompt')),
  options: (ctx) =>
    (['yes', 'no', 'unsure'] as const).map((k) => ({ key: k, label: String(ctx.t(`member.${k}`)), synonyms: phrases(`member.${k}_words`) })),
  after(key, ctx) {
    answersOf(ctx).isMember = key === 'yes' ? true : key === 'no' ? false : null;
    return { goto: 'dialog' };
  },
};

/** Shared by the dialogue and the application, which needs a province to route to. */
export const provinceStep = makeProvinceStep({
  help: 'province.help',
  renamed: true,
  after(_value, ctx) {
    const a = answersOf(ctx);
    // a union found in another province no longer fits
    if (a.unit && !a.fromRecords) delete a.unit;
    return { goto: a.applyId ? 'applyStart' : 'dialog' };
  },
});

const SKIP = 'skip';

export const unitQueryStep: AskStep<string> = {
  id: 'unitQuery',
  kind: 'ask',
  prompt: (ctx) => ({
    kind: 'choices',
    text: String(ctx.t('unitQuery.prompt')),
    choices: [{ key: SKIP, label: String(ctx.t('unitQuery.skip')) }],
  }),
  parse(input) {
    if (input.choiceKey === SKIP) return { ok: true, value: SKIP };
    if (!input.text) return { ok: false, error: input.kind === 'media' ? 'media' : 'empty' };
    if (input.normalized === '1' || matchOption(input.text, [{ key: SKIP, synonyms: phrases('unitQuery.skip_words') }])?.score === 1) {
      return { ok: true, value: SKIP };
    }
    return parseFreeText(input.text, { min: 2, max: 120 });
  },
  errorText: (error, ctx, params) => String(ctx.t([`unitQuery.errors.${error}`, `input_errors.${error}`, 'common:errors.invalid'], params ?? {})),
  after(value, ctx) {
    const a = answersOf(ctx);
    if (value === SKIP) {
      a.unit = null;
      return { goto: 'dialog' };
    }
    a.unitQuery = value;
    return { goto: 'unit' };
  },
};

async function unitOptions(ctx: FlowContext): Promise<OptionDef[]> {
  const a = answersOf(ctx);
  const found = await grassrootsOptions(ctx, a.province!.code, a.unitQuery ?? '');
  a.unitFound = found.length;
  return found;
}

export const unitStep: ChooseStep = {
  id: 'unit',
  kind: 'choose',
  // options are built before the prompt, so unitFound is the count just offered
  prompt(ctx) {
    const a = answersOf(ctx);
    return String(ctx.t(a.unitFound ? 'unit.found' : 'unit.not_found', { province: a.province!.name, query: a.unitQuery }));
  },
  async options(ctx) {
    return [...(await unitOptions(ctx)), { key: 'none', label: String(ctx.t('unit.none')), synonyms: phrases('unitQuery.skip_words') }];
  },
  async after(key, ctx) {
    const a = answersOf(ctx);
    a.unit = await unitOfKey(ctx, key);
    return { goto: 'dialog' };
  },
};

export const situationStep: ChooseStep = {
  id: 'situation',
  kind: 'choose',
  prompt: (ctx) => String(ctx.t('situation.prompt')),
  options: (ctx) => [
    ...SITUATIONS.map((s) => ({ key: s, label: String(ctx.t(`situation.${s}`)), synonyms: phrases(`situation.${s}_words`) })),
    { key: 'none', label: String(ctx.t('situation.none')), synonyms: phrases('situation.none_words') },
  ],
  after(key, ctx) {
    answersOf(ctx).situations = key === 'none' ? [] : [key as Situation];
    return { goto: 'results' };
  },
};
