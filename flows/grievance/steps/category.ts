import { CASE_CATEGORIES, type CaseCategory } from '../../../src/cases/types.ts';
import type { ChooseStep } from '../../../src/flowkit/types.ts';
import { answersOf } from '../answers.ts';
import { phrases } from '../phrases.ts';

export const categoryStep: ChooseStep = {
  id: 'category',
  kind: 'choose',
  help: 'category.help',
  prompt: (ctx) => String(ctx.t('category.prompt')),
  options: (ctx) =>
    CASE_CATEGORIES.map((c) => ({ key: c, label: String(ctx.t(`category.labels.${c}`)), synonyms: phrases(`category.words.${c}`) })),
  after(key, ctx) {
    answersOf(ctx).category = key as CaseCategory;
    // only these can be about the grassroots union itself; drop a stale answer when it changes
    if (!ASKS_ABOUT_UNION.has(key as CaseCategory)) delete answersOf(ctx).aboutUnion;
    return undefined;
  },
};

export const ASKS_ABOUT_UNION: ReadonlySet<CaseCategory> = new Set(['union_rights', 'other']);
