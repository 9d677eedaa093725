import type { AskStep, FlowContext, Jump, ParseResult, TurnInput } from '../../src/flowkit/types.ts';
import { findProvince, provinceByCode } from '../../src/validate/provinces.ts';
import { parseFreeText } from '../../src/validate/text.ts';
import { errorTextFor, typedText } from '../registration/input.ts';

export interface ProvinceAnswer {
  code: string;
  /** as it reads inside a sentence: "tỉnh Bắc Ninh", "Thành phố Hà Nội" */
  name: string;
  shortName: string;
}

/** "Tỉnh Bắc Ninh" starts a line in official lists; inside a sentence it is "tỉnh Bắc Ninh". */
export const inSentence = (name: string) => name.replace(/^Tỉnh /, 'tỉnh ');

/** The province with this code, in the form flows keep; undefined for an unknown code. */
export function provinceAnswer(code: string): ProvinceAnswer | undefined {
  const p = provinceByCode(code);
  return p ? { code: p.code, name: inSentence(p.name), shortName: p.shortName } : undefined;
}

/** A typed province, old (pre-2025) names accepted and mapped; the old name is kept for the "renamed" line. */
export function parseProvince(input: TurnInput): ParseResult<ProvinceAnswer & { viaOldName?: string }> {
  const typed = typedText(input);
  if (!typed.ok) return typed;
  // vetted first: an unknown answer is quoted back in the error text
  const clean = parseFreeText(typed.value, { max: 100 });
  if (!clean.ok) return clean;
  const m = findProvince(clean.value);
  if (!m) return { ok: false, error: 'not_found', params: { text: clean.value } };
  const { code, shortName } = m.province;
  return { ok: true, value: { code, name: inSentence(m.province.name), shortName, ...(m.viaOldName ? { viaOldName: m.viaOldName } : {}) } };
}

/**
 * The workplace province step of registration, grievances and benefits: it decides where the
 * search for a grassroots union looks and which federation gets the file when there is none.
 * `renamed`: say "<old> is now part of <new>" (the flow's `province.renamed` text) when an old name was typed.
 */
export function provinceStep(opts: {
  help?: string;
  renamed: boolean;
  after(value: ProvinceAnswer, ctx: FlowContext): Jump | Promise<Jump>;
}): AskStep<ProvinceAnswer & { viaOldName?: string }> {
  return {
    id: 'province',
    kind: 'ask',
    ...(opts.help ? { help: opts.help } : {}),
    prompt: (ctx) => String(ctx.t('province.prompt')),
    parse: parseProvince,
    errorText: errorTextFor('province'),
    after({ viaOldName, ...value }, ctx) {
      if (viaOldName && opts.renamed) ctx.say(String(ctx.t('province.renamed', { old: viaOldName, new: value.name })));
      // the old name was only needed for the sentence above
      ctx.answers.province = value;
      return opts.after(value, ctx);
    },
  };
}
