import type { ChooseStep } from '../../../src/flowkit/types.ts';
import { recordConsent } from '../../../src/registration/service.ts';
import { phrases } from '../phrases.ts';

/**
 * Identifies the notice text the worker saw (locales/<lang>/registration.json consent.notice).
 * Change it whenever that text changes: a consent only proves what the worker was shown.
 */
export const NOTICE_VERSION = 'membership_registration/2026-11-22';

/**
 * Consent before any personal data (Law 91/2025 Art. 9, Decree 356/2025 Art. 6): explicit, per
 * purpose, recorded with the message that carried it. Silence never advances this step, and a
 * refusal ends the flow with nothing stored.
 */
export const consentStep: ChooseStep = {
  id: 'consent',
  kind: 'choose',
  help: 'consent.help',
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
    await recordConsent(ctx.tx, {
      identityId: ctx.conversation.identityId,
      purpose: 'membership_registration',
      noticeVersion: NOTICE_VERSION,
      granted: true,
      evidence: ctx.input?.event.dedupeKey ?? 'unknown',
      at: ctx.now,
    });
    return undefined;
  },
};
