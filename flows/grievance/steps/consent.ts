import type { ChooseStep } from '../../../src/flowkit/types.ts';
import { phrases } from '../phrases.ts';

/** Identifies the notice the worker saw (grievance.json consent.notice); change it with that text. */
export const NOTICE_VERSION = 'grievance/2026-11-22';

/**
 * Consent for the grievance purpose before any detail is asked (Law 91/2025 Art. 9): separate
 * from membership consent, recorded with the message that carried it; refusal stores nothing.
 */
export const consentStep: ChooseStep = {
  id: 'consent',
  kind: 'choose',
  prompt: (ctx) => `${ctx.t('consent.notice')}\n\n${ctx.t('consent.prompt')}`,
  options: (ctx) => [
    { key: 'agree', label: String(ctx.t('consent.agree')), synonyms: phrases('consent.agree_words') },
    { key: 'refuse', label: String(ctx.t('consent.refuse')), synonyms: phrases('consent.refuse_words') },
  ],
  async after(key, ctx) {
    if (key !== 'agree') {
      ctx.say(String(ctx.t('consent.refused')));
      return { end: true };
    }
    await ctx.tx.consent.create({
      data: {
        identityId: ctx.conversation.identityId,
        purpose: 'grievance',
        noticeVersion: NOTICE_VERSION,
        granted: true,
        evidence: ctx.input?.event.dedupeKey ?? 'unknown',
        decidedAt: ctx.now,
      },
    });
    return undefined;
  },
};
