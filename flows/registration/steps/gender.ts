import type { ChooseStep } from '../../../src/flowkit/types.ts';
import { recheckCccd } from '../cccd-check.ts';
import { phrases } from '../phrases.ts';

/** A choice rather than free text: the CCCD's fourth digit is checked against it. */
export const genderStep: ChooseStep = {
  id: 'gender',
  kind: 'choose',
  prompt: (ctx) => String(ctx.t('gender.prompt')),
  options: (ctx) => [
    { key: 'male', label: String(ctx.t('gender.male')), synonyms: phrases('gender.male_words') },
    { key: 'female', label: String(ctx.t('gender.female')), synonyms: phrases('gender.female_words') },
  ],
  after: (_key, ctx) => recheckCccd(ctx),
};
