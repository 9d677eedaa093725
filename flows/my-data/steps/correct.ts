import type { AskStep, ChooseStep, EffectStep } from '../../../src/flowkit/types.ts';
import { applyToPendingRegistration, correctionTarget, parseCorrection, type CorrectableField } from '../../../src/privacy/correct.ts';
import { logRequest } from '../../../src/privacy/requests.ts';
import { formatPhoneVi } from '../../../src/validate/phone.ts';
import { errorTextFor, typedText } from '../../registration/input.ts';
import { openAnswer, sealAnswer } from '../../registration/sealed.ts';
import { answersOf, phrases, subjectOf } from '../answers.ts';
import { day } from '../format.ts';

/** Which record would change: with none, say so before asking for a value. */
export const correctFieldStep: ChooseStep = {
  id: 'correctField',
  kind: 'choose',
  prompt: (ctx) => String(ctx.t('correct.prompt')),
  options: (ctx) =>
    (['fullName', 'phone', 'workplace'] as const).map((k) => ({ key: k, label: String(ctx.t(`correct.${k}`)), synonyms: phrases(`correct.${k}_words`) })),
  async after(key, ctx) {
    const target = await correctionTarget(ctx.tx, subjectOf(ctx));
    if (target.kind === 'none') {
      ctx.say(String(ctx.t('correct.nothing')));
      return { goto: 'more' };
    }
    answersOf(ctx).field = key as CorrectableField;
    return undefined;
  },
};

/** Re-validated exactly like at registration (src/validate); a shared contact counts for phone. */
export const correctValueStep: AskStep<string> = {
  id: 'correctValue',
  kind: 'ask',
  prompt(ctx) {
    const field = answersOf(ctx).field ?? 'fullName';
    const text = String(ctx.t(`correct.ask_${field}`));
    return field === 'phone' ? { kind: 'request_contact', text, buttonLabel: String(ctx.t('correct.phone_button')) } : text;
  },
  parse(input, ctx) {
    const field = answersOf(ctx).field ?? 'fullName';
    const typed = field === 'phone' && input.contactPhone ? { ok: true as const, value: input.contactPhone } : typedText(input);
    if (!typed.ok) return typed;
    const r = parseCorrection(field, typed.value);
    return r.ok ? { ok: true, value: sealAnswer(ctx, r.value) } : { ok: false, error: `${field}_${r.error}` };
  },
  errorText: errorTextFor('correct'),
};

/**
 * A pending application changes now; an approved member's record becomes a request for an
 * officer (sealed detail), due in 10 days (ND 356 Art. 5).
 */
export const correctApplyStep: EffectStep = {
  id: 'correctApply',
  kind: 'effect',
  async run(ctx) {
    const a = answersOf(ctx);
    const s = subjectOf(ctx);
    const field = a.field!;
    const value = openAnswer(ctx, a.correctValue)!;
    delete a.correctValue;
    const target = await correctionTarget(ctx.tx, s);
    const shown = field === 'phone' ? formatPhoneVi(value) : value;
    if (target.kind === 'pending_registration') {
      await applyToPendingRegistration(ctx.tx, ctx.services.keyring, target.id, field, value);
      await logRequest(ctx.tx, {
        kind: 'correct',
        identityId: ctx.conversation.identityId,
        subject: s,
        receivedAt: ctx.now,
        status: 'completed',
        outcome: { field, applied: 'pending_registration' },
      });
      ctx.say(String(ctx.t('correct.applied', { field: String(ctx.t(`correct.${field}`)), value: shown })));
      return { goto: 'more' };
    }
    const req = await logRequest(ctx.tx, {
      kind: 'correct',
      identityId: ctx.conversation.identityId,
      subject: s,
      receivedAt: ctx.now,
      status: 'pending',
      outcome: { field, target: target.kind },
      detailEnc: ctx.services.keyring.seal(JSON.stringify({ field, value, memberId: s.memberId })),
    });
    ctx.say(String(ctx.t('correct.forwarded', { field: String(ctx.t(`correct.${field}`)), value: shown, due: day(req.dueAt) })));
    return { goto: 'more' };
  },
};
