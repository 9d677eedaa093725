import type { EffectStep } from '../../src/flowkit/types.ts';
import { findByCodeAndCccd, listForIdentity, parseRegistrationCode } from '../../src/registration/service.ts';
import { parseCccd } from '../../src/validate/cccd.ts';
import { openAnswer } from '../registration/sealed.ts';
import { codeStep as makeCodeStep, secretStep } from '../shared/lookup.ts';
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

export const codeStep = makeCodeStep(parseRegistrationCode);

/** Sealed in the state like in the registration flow; only the pair code + CCCD opens a record. */
export const cccdStep = secretStep({
  id: 'cccd',
  parse(typed, ctx) {
    const r = parseCccd(typed, { today: ctx.now });
    if (r.ok) return r;
    if (r.error === 'old_cmnd' || r.error === 'format') return { ok: false, error: r.error };
    // a well-formed number with an odd structure simply matches nothing: no hint either way
    const digits = typed.replace(/\D/g, '');
    return digits.length === 12 ? { ok: true, value: digits } : { ok: false, error: 'format' };
  },
});

export const resultStep: EffectStep = {
  id: 'result',
  kind: 'effect',
  async run(ctx) {
    const found = await findByCodeAndCccd(ctx.tx, ctx.services.keyring, ctx.answers.code, openAnswer(ctx, ctx.answers.cccd)!);
    ctx.say(found ? describe(found, ctx) : String(ctx.t('not_found')));
    return { end: true };
  },
};
