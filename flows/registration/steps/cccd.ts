import type { AskStep, FlowContext, ParseResult } from '../../../src/flowkit/types.ts';
import { findByCccd } from '../../../src/registration/service.ts';
import { parseCccd, type CccdResult } from '../../../src/validate/cccd.ts';
import { answersOf } from '../answers.ts';
import { errorTextFor, typedText } from '../input.ts';
import { openAnswer, sealAnswer } from '../sealed.ts';

type CccdFailure = Extract<CccdResult, { ok: false }>['error'];

/**
 * Turns the validator's error into one that names what does not match, so the worker knows
 * whether to fix the number or go back to the date of birth or gender.
 */
function explain(error: CccdFailure, digits: string, ctx: FlowContext): ParseResult<string> {
  const a = answersOf(ctx);
  const dob = openAnswer(ctx, a.dob);
  const year = dob?.slice(0, 4);
  switch (error) {
    case 'format':
      return /^\d+$/.test(digits) ? { ok: false, error: 'length', params: { count: digits.length } } : { ok: false, error: 'format' };
    case 'province':
      return { ok: false, error: 'province', params: { prefix: digits.slice(0, 3) } };
    case 'century_gender':
      return { ok: false, error: 'century_gender', params: { digit: digits[3] } };
    case 'mismatch_year':
    case 'future_year': {
      if (year === undefined) return { ok: false, error };
      // the 4th digit carries the century (0/1 = 1900s, 2/3 = 2000s); a wrong one often also
      // puts the year in the future, and naming the century is what helps the worker then
      const century = 1900 + Math.floor(Number(digits[3]) / 2) * 100;
      if (Math.floor(Number(year) / 100) * 100 !== century) return { ok: false, error: 'century_mismatch', params: { year } };
      return error === 'future_year' ? { ok: false, error } : { ok: false, error: 'year_mismatch', params: { year } };
    }
    case 'mismatch_gender':
      return { ok: false, error: 'gender_mismatch', params: { gender: ctx.t(`gender.${a.gender}`) } };
    default:
      return { ok: false, error };
  }
}

/** Only the number is asked for: a photo of the card is sensitive data (Decree 356 Art. 4). */
export const cccdStep: AskStep<string> = {
  id: 'cccd',
  kind: 'ask',
  help: 'cccd.help',
  prompt: (ctx) => String(ctx.t('cccd.prompt')),
  parse(input, ctx) {
    const typed = typedText(input);
    if (!typed.ok) return typed;
    const a = answersOf(ctx);
    const r = parseCccd(typed.value, { dob: openAnswer(ctx, a.dob), gender: a.gender, today: ctx.now });
    if (r.ok) return { ok: true, value: sealAnswer(ctx, r.value) };
    return explain(r.error, typed.value.replace(/[\s.\-]/g, ''), ctx);
  },
  errorText: errorTextFor('cccd'),
  async after(sealed, ctx) {
    // One application per CCCD: tell the worker about the first one now rather than after
    // they have typed everything else.
    const first = await findByCccd(ctx.tx, ctx.services.keyring, openAnswer(ctx, sealed)!);
    if (!first) return undefined;
    ctx.say(String(ctx.t('duplicate', { code: first.code, status: ctx.t(`status.${first.status}`) })));
    return { end: true };
  },
};
