import type { ChooseStep } from '../../../src/flowkit/types.ts';
import { answersOf } from '../answers.ts';
import { phrases } from '../phrases.ts';

/** Anonymity towards the employer (anti-retaliation, Luật Công đoàn Art. 10); the union still knows who filed. */
export const anonymousStep: ChooseStep = {
  id: 'anonymous',
  kind: 'choose',
  help: 'anonymous.help',
  prompt: (ctx) => String(ctx.t('anonymous.prompt')),
  options: (ctx) => [
    { key: 'yes', label: String(ctx.t('anonymous.yes')), synonyms: phrases('anonymous.yes_words') },
    { key: 'no', label: String(ctx.t('anonymous.no')), synonyms: phrases('anonymous.no_words') },
  ],
  after(key, ctx) {
    answersOf(ctx).anonymous = key === 'yes' ? 'yes' : 'no';
    return undefined;
  },
};
