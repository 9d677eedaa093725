import type { AskStep, ChooseStep, EffectStep } from '../../../src/flowkit/types.ts';
import { privacyConfig } from '../../../src/privacy/config.ts';
import { chatAccountSubject, verifyByCccdDob } from '../../../src/privacy/subject.ts';
import { parseCccd } from '../../../src/validate/cccd.ts';
import { parseDateOfBirth } from '../../../src/validate/date.ts';
import { errorTextFor, typedText } from '../../registration/input.ts';
import { openAnswer, sealAnswer } from '../../registration/sealed.ts';
import { answersOf, phrases } from '../answers.ts';
import { wantedAction } from '../wanted.ts';

/** Remembers which right the opening message named, so a verified worker goes straight there. */
export const startStep: EffectStep = {
  id: 'start',
  kind: 'effect',
  run(ctx) {
    const wanted = ctx.input ? wantedAction(ctx.input.normalized) : undefined;
    if (wanted) answersOf(ctx).wanted = wanted;
    return undefined;
  },
};

/**
 * Verification before anything is shown. The CCCD + date of birth of a membership application
 * works on every channel (web chat has no contact button, and a typed phone number proves
 * nothing). A worker who never registered can still act on what this chat account itself sent:
 * the platform authenticated the account, and nothing filed from another account is shown.
 */
export const methodStep: ChooseStep = {
  id: 'method',
  kind: 'choose',
  help: 'method.help',
  prompt: (ctx) => String(ctx.t('method.prompt')),
  options: (ctx) => [
    { key: 'cccd', label: String(ctx.t('method.cccd')), synonyms: phrases('method.cccd_words') },
    { key: 'account', label: String(ctx.t('method.account')), synonyms: phrases('method.account_words') },
  ],
  after(key, ctx) {
    const a = answersOf(ctx);
    a.method = key === 'account' ? 'account' : 'cccd';
    if (a.method === 'account') {
      a.subject = chatAccountSubject(ctx.conversation.identityId);
      ctx.say(String(ctx.t('verify.account')));
      return { goto: 'route' };
    }
    return undefined;
  },
};

/** Sealed at once: an abandoned flow must not leave a CCCD in the state in clear. */
export const cccdStep: AskStep<string> = {
  id: 'cccd',
  kind: 'ask',
  prompt: (ctx) => String(ctx.t('cccd.prompt')),
  parse(input, ctx) {
    const typed = typedText(input);
    if (!typed.ok) return typed;
    const r = parseCccd(typed.value, { today: ctx.now });
    if (r.ok) return { ok: true, value: sealAnswer(ctx, r.value) };
    if (r.error === 'old_cmnd') return { ok: false, error: r.error };
    // a 12-digit number with an odd structure simply fails the check later: no hint either way
    const digits = typed.value.replace(/\D/g, '');
    return digits.length === 12 && /^[\d\s.-]+$/.test(typed.value) ? { ok: true, value: sealAnswer(ctx, digits) } : { ok: false, error: 'format' };
  },
  errorText: errorTextFor('cccd'),
};

export const dobStep: AskStep<string> = {
  id: 'dob',
  kind: 'ask',
  prompt: (ctx) => String(ctx.t('dob.prompt')),
  parse(input, ctx) {
    const typed = typedText(input);
    if (!typed.ok) return typed;
    const r = parseDateOfBirth(typed.value, ctx.now);
    return r.ok ? { ok: true, value: sealAnswer(ctx, r.value) } : { ok: false, error: r.error === 'format' ? 'format' : 'invalid' };
  },
  errorText: errorTextFor('dob'),
};

/**
 * The check. An unknown CCCD and a wrong date of birth get the same words, and the flow ends:
 * nothing about any record is revealed. The sealed CCCD and date leave the state here.
 */
export const verifyStep: EffectStep = {
  id: 'verify',
  kind: 'effect',
  async run(ctx) {
    const a = answersOf(ctx);
    const cccd = openAnswer(ctx, a.cccd)!;
    const dob = openAnswer(ctx, a.dob)!;
    delete a.cccd;
    delete a.dob;
    const r = await verifyByCccdDob(ctx.tx, ctx.services.keyring, {
      identityId: ctx.conversation.identityId,
      cccd,
      dob,
      now: ctx.now,
      maxFailures: privacyConfig().PRIVACY_VERIFY_MAX_FAILURES,
    });
    if (!r.ok) {
      ctx.say(String(ctx.t(r.reason === 'locked' ? 'verify.locked' : 'verify.failed')));
      return { end: true };
    }
    a.subject = r.subject;
    ctx.say(String(ctx.t('verify.ok')));
    return undefined;
  },
};

/** Straight to the right the opening message named, else the list of rights. */
export const routeStep: EffectStep = {
  id: 'route',
  kind: 'effect',
  run(ctx) {
    const wanted = answersOf(ctx).wanted;
    if (!wanted) return { goto: 'action' };
    return { goto: ACTION_STEPS[wanted] };
  },
};

export const ACTION_STEPS = {
  view: 'view',
  export: 'export',
  correct: 'correctField',
  delete: 'deletePlan',
  withdraw: 'withdrawList',
} as const;
