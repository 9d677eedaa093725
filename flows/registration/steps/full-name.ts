import type { AskStep } from '../../../src/flowkit/types.ts';
import { parseFullName } from '../../../src/validate/name.ts';
import { errorTextFor, typedText } from '../input.ts';

/** The name is kept as typed (NFC): the ID card is the reference, not our idea of casing. */
export const fullNameStep: AskStep<string> = {
  id: 'fullName',
  kind: 'ask',
  help: 'fullName.help',
  prompt: (ctx) => String(ctx.t('fullName.prompt')),
  parse(input) {
    const typed = typedText(input);
    if (!typed.ok) return typed;
    const r = parseFullName(typed.value);
    if (r.ok) return { ok: true, value: r.value };
    // digits are the most common slip (a phone or CCCD pasted here): say so plainly
    if (r.error === 'invalid_chars' && /\d/.test(typed.value)) return { ok: false, error: 'digits' };
    return { ok: false, error: r.error };
  },
  errorText: errorTextFor('fullName'),
};
