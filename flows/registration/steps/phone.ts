import type { AskStep, ParseResult, TurnInput } from '../../../src/flowkit/types.ts';
import { formatPhoneVi, parseMobile } from '../../../src/validate/phone.ts';
import { errorTextFor, typedText } from '../input.ts';
import { sealAnswer } from '../sealed.ts';

/** A shared contact (Telegram, Zalo, Messenger button) wins over typed text. */
function phoneText(input: TurnInput): ParseResult<string> {
  if (input.contactPhone) return { ok: true, value: input.contactPhone };
  return typedText(input);
}

/**
 * Stored as E.164, shown as 0xxx xxx xxx. The prompt is a contact request so channels with a
 * share-phone button offer it; the others show the text and the worker types the number.
 */
export const phoneStep: AskStep<string> = {
  id: 'phone',
  kind: 'ask',
  help: 'phone.help',
  prompt: (ctx) => ({ kind: 'request_contact', text: String(ctx.t('phone.prompt')), buttonLabel: String(ctx.t('phone.button')) }),
  parse(input, ctx) {
    const typed = phoneText(input);
    if (!typed.ok) return typed;
    const r = parseMobile(typed.value);
    if (!r.ok) {
      const digits = typed.value.replace(/[\s.\-()]/g, '');
      // "0123" or "091234567": a Vietnamese-looking number with the wrong count of digits
      if (r.error === 'format' && /^0\d+$/.test(digits) && digits.length !== 10) return { ok: false, error: 'length' };
      return { ok: false, error: r.error };
    }
    if (r.convertedFrom) ctx.say(String(ctx.t('phone.converted', { phone: formatPhoneVi(r.value) })));
    return { ok: true, value: sealAnswer(ctx, r.value) };
  },
  errorText: errorTextFor('phone'),
};
