import type { AskStep, ChooseStep, FlowContext, OptionDef } from '../../../src/flowkit/types.ts';
import { provincialFederation, searchGrassroots } from '../../../src/org/search.ts';
import { parseFreeText } from '../../../src/validate/text.ts';
import { answersOf } from '../answers.ts';
import { errorTextFor, typedText } from '../input.ts';
import { phrases } from '../phrases.ts';

const SHOWN = 5;
/** the search ranks same-province units first but returns others too; ask for enough to filter */
const FETCHED = 25;
const UNIT_KEY = 'unit:';

async function unitOptions(ctx: FlowContext): Promise<OptionDef[]> {
  const a = answersOf(ctx);
  const provinceCode = a.province!.code;
  const hits = await searchGrassroots(ctx.tx, a.unionQuery ?? a.employer ?? '', { provinceCode, limit: FETCHED });
  const shown = hits.filter((h) => h.provinceCode === provinceCode).slice(0, SHOWN);
  a.unionFound = shown.length;
  return shown.map((h) => ({ key: `${UNIT_KEY}${h.id}`, label: h.name }));
}

/**
 * Where the application goes: the worker's grassroots union, found by employer within the
 * workplace province; or, when the workplace has none, the provincial federation (HD 38 §3.1).
 */
export const unionStep: ChooseStep = {
  id: 'union',
  kind: 'choose',
  // the kit builds the options before the prompt text, so unionFound is the count just offered
  prompt(ctx) {
    const a = answersOf(ctx);
    const params = { province: a.province!.name, short: a.province!.shortName, query: a.unionQuery ?? a.employer };
    return String(ctx.t(a.unionFound ? 'union.found' : 'union.not_found', params));
  },
  async options(ctx) {
    return [
      ...(await unitOptions(ctx)),
      { key: 'search', label: String(ctx.t('union.search_other')), synonyms: phrases('union.search_other_words') },
      { key: 'none', label: String(ctx.t('union.no_union')), synonyms: phrases('union.no_union_words') },
    ];
  },
  async after(key, ctx) {
    const a = answersOf(ctx);
    if (key === 'search') return { goto: 'unionQuery' };
    if (key.startsWith(UNIT_KEY)) {
      const unit = await ctx.tx.orgUnit.findUnique({ where: { id: key.slice(UNIT_KEY.length) }, select: { id: true, name: true } });
      if (unit) {
        a.unit = unit;
        delete a.federation;
        return { goto: 'summary' };
      }
      // the unit vanished between the list and the tap: fall through to the federation
    }
    const federation = await provincialFederation(ctx.tx, a.province!.code);
    if (!federation) throw new Error(`no provincial federation for province ${a.province!.code}`);
    a.unit = null;
    a.federation = { id: federation.id, name: federation.name };
    ctx.say(String(ctx.t('union.routed_federation', { federation: federation.name })));
    return { goto: 'summary' };
  },
};

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
