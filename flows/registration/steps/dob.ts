import type { AskStep } from '../../../src/flowkit/types.ts';
import { parseDateOfBirth } from '../../../src/validate/date.ts';
import { recheckCccd } from '../cccd-check.ts';
import { errorTextFor, typedText } from '../input.ts';
import { sealAnswer } from '../sealed.ts';

/** Day first, always; the minimum age (15, Labour Code) is checked against the turn's clock. */
export const dobStep: AskStep<string> = {
  id: 'dob',
  kind: 'ask',
  help: 'dob.help',
  prompt: (ctx) => String(ctx.t('dob.prompt')),
  parse(input, ctx) {
    const typed = typedText(input);
    if (!typed.ok) return typed;
    const r = parseDateOfBirth(typed.value, ctx.now);
    return r.ok ? { ok: true, value: sealAnswer(ctx, r.value) } : { ok: false, error: r.error };
  },
  errorText: errorTextFor('dob'),
  after: (_value, ctx) => recheckCccd(ctx),
};
