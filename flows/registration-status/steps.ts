import type { AskStep, EffectStep } from '../../src/flowkit/types.ts';
import { findByCodeAndCccd, listForIdentity, parseRegistrationCode } from '../../src/registration/service.ts';
import { parseCccd } from '../../src/validate/cccd.ts';
import { errorTextFor, typedText } from '../registration/input.ts';
import { openAnswer, sealAnswer } from '../registration/sealed.ts';
import { describe } from './format.ts';

/** On the channel it was filed from, the worker's applications need no code. */
export const mineStep: EffectStep = {
  id: 'mine',
  kind: 'effect',
  async run(ctx) {
    const mine = await listForIdentity(ctx.tx, ctx.conversation.identityId);
    if (mine.length === 0) return undefined;
    ctx.say([String(ctx.t('mine.title', { count: mine.length })), ...mine.map((r) => describe(r, ctx))].join('\n\n'));
    return { end: true };
  },
};

export const codeStep: AskStep<string> = {
  id: 'code',
  kind: 'ask',
  help: 'code.help',
  prompt: (ctx) => String(ctx.t('code.prompt')),
  parse(input) {
    const typed = typedText(input);
    if (!typed.ok) return typed;
    const code = typed.value.length <= 40 ? parseRegistrationCode(typed.value) : null;
    return code ? { ok: true, value: code } : { ok: false, error: 'format' };
  },
  errorText: errorTextFor('code'),
};

/** Sealed in the state like in the registration flow; only the pair code + CCCD opens a record. */
export const cccdStep: AskStep<string> = {
  id: 'cccd',
  kind: 'ask',
  prompt: (ctx) => String(ctx.t('cccd.prompt')),
  parse(input, ctx) {
    const typed = typedText(input);
    if (!typed.ok) return typed;
    const r = parseCccd(typed.value, { today: ctx.now });
    if (r.ok) return { ok: true, value: sealAnswer(ctx, r.value) };
    if (r.error === 'old_cmnd' || r.error === 'format') return { ok: false, error: r.error };
    // a well-formed number with an odd structure simply matches nothing: no hint either way
    const digits = typed.value.replace(/\D/g, '');
    return digits.length === 12 ? { ok: true, value: sealAnswer(ctx, digits) } : { ok: false, error: 'format' };
  },
  errorText: errorTextFor('cccd'),
};

export const resultStep: EffectStep = {
  id: 'result',
  kind: 'effect',
  async run(ctx) {
    const found = await findByCodeAndCccd(ctx.tx, ctx.services.keyring, ctx.answers.code, openAnswer(ctx, ctx.answers.cccd)!);
    ctx.say(found ? describe(found, ctx) : String(ctx.t('not_found')));
    return { end: true };
  },
};
