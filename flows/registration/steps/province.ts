import type { AskStep } from '../../../src/flowkit/types.ts';
import { findProvince } from '../../../src/validate/provinces.ts';
import { parseFreeText } from '../../../src/validate/text.ts';
import { answersOf, type RegistrationAnswers } from '../answers.ts';
import { errorTextFor, typedText } from '../input.ts';
import { repickUnion } from './workplace.ts';

type ProvinceAnswer = NonNullable<RegistrationAnswers['province']> & { viaOldName?: string };

/**
 * The workplace province decides where the search for a grassroots union looks and which
 * federation decides when there is none. Old (pre-2025) names are accepted and mapped.
 */
export const provinceStep: AskStep<ProvinceAnswer> = {
  id: 'province',
  kind: 'ask',
  help: 'province.help',
  prompt: (ctx) => String(ctx.t('province.prompt')),
  parse(input) {
    const typed = typedText(input);
    if (!typed.ok) return typed;
    // vetted first: an unknown answer is quoted back in the error text
    const clean = parseFreeText(typed.value, { max: 100 });
    if (!clean.ok) return clean;
    const m = findProvince(clean.value);
    if (!m) return { ok: false, error: 'not_found', params: { text: clean.value } };
    const { code, shortName } = m.province;
    // "Tỉnh Bắc Ninh" starts a line in official lists; inside a sentence it is "tỉnh Bắc Ninh"
    const name = m.province.name.replace(/^Tỉnh /, 'tỉnh ');
    return { ok: true, value: { code, name, shortName, ...(m.viaOldName ? { viaOldName: m.viaOldName } : {}) } };
  },
  errorText: errorTextFor('province'),
  after(value, ctx) {
    if (value.viaOldName) ctx.say(String(ctx.t('province.renamed', { old: value.viaOldName, new: value.name })));
    // the old name was only needed for the sentence above
    answersOf(ctx).province = { code: value.code, name: value.name, shortName: value.shortName };
    return repickUnion(ctx);
  },
};
