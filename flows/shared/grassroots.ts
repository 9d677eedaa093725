import type { AskStep, ChooseStep, FlowContext, Jump, OptionDef } from '../../src/flowkit/types.ts';
import { allTranslations } from '../../src/i18n.ts';
import { searchGrassroots } from '../../src/org/search.ts';
import { parseFreeText } from '../../src/validate/text.ts';
import { errorTextFor, typedText } from '../registration/input.ts';

export const UNIT_KEY = 'unit:';
const SHOWN = 5;
/** the search ranks same-province units first but returns others too; ask for enough to filter */
const FETCHED = 25;

/** Grassroots unions matching `query` within the province, as options keyed `unit:<id>`. */
export async function grassrootsOptions(ctx: FlowContext, provinceCode: string, query: string): Promise<OptionDef[]> {
  const hits = await searchGrassroots(ctx.tx, query, { provinceCode, limit: FETCHED });
  return hits
    .filter((h) => h.provinceCode === provinceCode)
    .slice(0, SHOWN)
    .map((h) => ({ key: `${UNIT_KEY}${h.id}`, label: h.name }));
}

/** The unit behind a tapped `unit:<id>` key; null for another key or a unit gone since the list. */
export async function unitOfKey(ctx: FlowContext, key: string): Promise<{ id: string; name: string; path: string } | null> {
  if (!key.startsWith(UNIT_KEY)) return null;
  return ctx.tx.orgUnit.findUnique({ where: { id: key.slice(UNIT_KEY.length) }, select: { id: true, name: true, path: true } });
}

/** What the union search of registration and grievances keeps in the flow's answers. */
export interface UnionAnswers {
  employer?: string;
  province?: { code: string; name: string; shortName: string };
  union?: string;
  /** the name typed after "Tìm theo tên khác"; absent means search by the employer */
  unionQuery?: string;
  /** how many units the last search offered, for the prompt text */
  unionFound?: number;
}

/**
 * "Which grassroots union?": units found by employer (or the typed name) in the workplace
 * province, "search by another name", and "none" (the provincial federation takes it).
 * `picked` gets the unit tapped, or null for "none" (and for a unit that vanished meanwhile).
 */
export function unionStep(opts: {
  /** the flow's namespace: its option words in every locale */
  namespace: string;
  picked(unit: { id: string; name: string } | null, ctx: FlowContext): Jump | Promise<Jump> }): ChooseStep {
  const answers = (ctx: FlowContext) => ctx.answers as UnionAnswers;
  return {
    id: 'union',
    kind: 'choose',
    // the kit builds the options before the prompt text, so unionFound is the count just offered
    prompt(ctx) {
      const a = answers(ctx);
      const params = { province: a.province!.name, short: a.province!.shortName, query: a.unionQuery ?? a.employer };
      return String(ctx.t(a.unionFound ? 'union.found' : 'union.not_found', params));
    },
    async options(ctx) {
      const a = answers(ctx);
      const found = await grassrootsOptions(ctx, a.province!.code, a.unionQuery ?? a.employer ?? '');
      a.unionFound = found.length;
      return [
        ...found,
        { key: 'search', label: String(ctx.t('union.search_other')), synonyms: allTranslations('union.search_other_words', opts.namespace) },
        { key: 'none', label: String(ctx.t('union.no_union')), synonyms: allTranslations('union.no_union_words', opts.namespace) },
      ];
    },
    async after(key, ctx) {
      if (key === 'search') return { goto: 'unionQuery' };
      const unit = await unitOfKey(ctx, key);
      return opts.picked(unit ? { id: unit.id, name: unit.name } : null, ctx);
    },
  };
}

/** "Tìm theo tên khác": the worker's own words for the union, searched in the same province. */
export const unionQueryStep: AskStep<string> = {
  id: 'unionQuery',
  kind: 'ask',
  prompt: (ctx) => String(ctx.t('unionQuery.prompt')),
  parse(input) {
    const typed = typedText(input);
    if (!typed.ok) return typed;
    return parseFreeText(typed.value, { min: 2, max: 120 });
  },
  errorText: errorTextFor('unionQuery'),
  after: () => ({ goto: 'union' }),
};
