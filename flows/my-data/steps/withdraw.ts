import type { ChooseStep, EffectStep } from '../../../src/flowkit/types.ts';
import { OPEN_CASE_STATUSES } from '../../../src/privacy/erase.ts';
import { logRequest } from '../../../src/privacy/requests.ts';
import { activePurposes, withdrawPurpose } from '../../../src/privacy/withdraw.ts';
import { answersOf, phrases, subjectOf } from '../answers.ts';
import { day } from '../format.ts';

const purposeLabel = (t: (k: string | string[], o?: Record<string, unknown>) => unknown, p: string) =>
  String(t([`purposes.${p}`, 'purposes.other'], { purpose: p }));

export const withdrawListStep: EffectStep = {
  id: 'withdrawList',
  kind: 'effect',
  async run(ctx) {
    if ((await activePurposes(ctx.tx, subjectOf(ctx))).length === 0) {
      ctx.say(String(ctx.t('withdraw.none')));
      return { goto: 'more' };
    }
    return undefined;
  },
};

/** One consent per purpose (Law 91/2025 Art. 9(3)), so one withdrawal per purpose. */
export const withdrawPurposeStep: ChooseStep = {
  id: 'withdrawPurpose',
  kind: 'choose',
  prompt: (ctx) => String(ctx.t('withdraw.prompt')),
  async options(ctx) {
    const purposes = await activePurposes(ctx.tx, subjectOf(ctx));
    return purposes.map((p) => ({ key: `p:${p}`.slice(0, 64), label: purposeLabel(ctx.t, p) }));
  },
  after(key, ctx) {
    answersOf(ctx).purpose = key.slice(2);
    return undefined;
  },
};

/** The consequences, before the worker confirms. */
export const withdrawConfirmStep: ChooseStep = {
  id: 'withdrawConfirm',
  kind: 'choose',
  prompt(ctx) {
    const p = answersOf(ctx).purpose!;
    return [
      String(ctx.t('withdraw.consequence_intro', { purpose: purposeLabel(ctx.t, p) })),
      String(ctx.t([`withdraw.consequence.${p}`, 'withdraw.consequence.other'])),
      String(ctx.t('withdraw.prior_processing')),
      '',
      String(ctx.t('withdraw.confirm')),
    ].join('\n');
  },
  options: (ctx) => [
    { key: 'yes', label: String(ctx.t('withdraw.yes')), synonyms: phrases('withdraw.yes_words') },
    { key: 'no', label: String(ctx.t('withdraw.no')), synonyms: phrases('withdraw.no_words') },
  ],
  after(key, ctx) {
    if (key === 'yes') return undefined;
    ctx.say(String(ctx.t('withdraw.cancelled')));
    return { goto: 'more' };
  },
};

/**
 * Consent ends now (Consent.withdrawnAt). What is still being handled for that purpose (a
 * pending application, an open case) needs an officer to stop it: the request stays pending
 * for them, due in 15 days (ND 356 Art. 5).
 */
export const withdrawRunStep: EffectStep = {
  id: 'withdrawRun',
  kind: 'effect',
  async run(ctx) {
    const s = subjectOf(ctx);
    const purpose = answersOf(ctx).purpose!;
    const count = await withdrawPurpose(ctx.tx, s, purpose, ctx.now);
    const inFlight: string[] = [];
    const owned = { OR: [{ identityId: { in: s.identityIds } }, ...(s.memberId ? [{ memberId: s.memberId }] : [])] };
    if (purpose === 'membership_registration') {
      const regs = await ctx.tx.registration.findMany({
        where: { status: 'cho_duyet', OR: [{ id: { in: s.registrationIds } }, { identityId: { in: s.identityIds } }] },
        select: { code: true },
      });
      inFlight.push(...regs.map((r) => r.code));
    } else if (purpose === 'grievance') {
      const cases = await ctx.tx.grievanceCase.findMany({ where: { ...owned, status: { in: [...OPEN_CASE_STATUSES] } }, select: { code: true } });
      inFlight.push(...cases.map((c) => c.code));
    } else if (purpose === 'benefit_request') {
      const reqs = await ctx.tx.benefitRequest.findMany({ where: { ...owned, status: { in: ['moi', 'dang_xu_ly'] } }, select: { code: true } });
      inFlight.push(...reqs.map((r) => r.code));
    }
    const req = await logRequest(ctx.tx, {
      kind: 'withdraw',
      identityId: ctx.conversation.identityId,
      subject: s,
      receivedAt: ctx.now,
      status: inFlight.length ? 'pending' : 'completed',
      outcome: { purpose, consents: count, inFlight },
    });
    ctx.say(String(ctx.t('withdraw.done', { purpose: purposeLabel(ctx.t, purpose) })));
    if (inFlight.length) ctx.say(String(ctx.t('withdraw.in_flight', { codes: inFlight.join(', '), due: day(req.dueAt) })));
    delete answersOf(ctx).purpose;
    return { goto: 'more' };
  },
};
