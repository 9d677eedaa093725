import { allTranslations } from '../i18n.ts';
import type { ChooseStep } from './types.ts';

export interface ConsentStepOptions {
  /** the flow's i18n namespace (texts and the agree/refuse words of every locale) */
  namespace: string;
  /** one consent per purpose (Law 91/2025 Art. 9): 'membership_registration', 'grievance', ... */
  purpose: string;
  /** which notice text the worker saw; bump it whenever the notice wording changes */
  noticeVersion: string;
  /** key prefix of notice, prompt, agree, refuse, agree_words, refuse_words, refused, help */
  prefix?: string;
  /** key names under the prefix where a flow's locale file differs */
  keys?: Partial<Record<'notice' | 'prompt' | 'agree' | 'refuse' | 'agree_words' | 'refuse_words' | 'refused', string>>;
  help?: string;
}

/**
 * Consent before any personal data (Law 91/2025 Art. 9, Decree 356/2025 Art. 6): explicit, per
 * purpose, recorded with the inbound message that carried it as proof. Silence never advances the
 * step, and a refusal ends the flow with nothing stored.
 */
export function consentStep(o: ConsentStepOptions): ChooseStep {
  const prefix = o.prefix ?? 'consent';
  const key = (k: keyof NonNullable<ConsentStepOptions['keys']>) => `${prefix}.${o.keys?.[k] ?? k}`;
  return {
    id: 'consent',
    kind: 'choose',
    ...(o.help ? { help: o.help } : {}),
    prompt: (ctx) => `${String(ctx.t(key('notice')))}\n\n${String(ctx.t(key('prompt')))}`,
    options: (ctx) => [
      { key: 'agree', label: String(ctx.t(key('agree'))), synonyms: allTranslations(key('agree_words'), o.namespace) },
      { key: 'refuse', label: String(ctx.t(key('refuse'))), synonyms: allTranslations(key('refuse_words'), o.namespace) },
    ],
    async after(choice, ctx) {
      if (choice !== 'agree') {
        ctx.say(String(ctx.t(key('refused'))));
        return { end: true };
      }
      await ctx.tx.consent.create({
        data: {
          identityId: ctx.conversation.identityId,
          purpose: o.purpose,
          noticeVersion: o.noticeVersion,
          granted: true,
          evidence: ctx.input?.event.dedupeKey ?? 'unknown',
          decidedAt: ctx.now,
        },
      });
      return undefined;
    },
  };
}
