import type { EffectStep, FlowContext } from '../../../src/flowkit/types.ts';
import { currentProgrammes } from '../../../src/benefits/catalog.ts';
import { eligibleFor } from '../../../src/benefits/eligibility.ts';
import type { Programme } from '../../../src/benefits/schema.ts';
import { byTopic, searchProgrammes } from '../../../src/benefits/search.ts';
import { answersOf, profileOf, type BenefitAnswers } from '../answers.ts';

/** One chat message stays readable (and under Messenger's 2,000 characters) with four. */
const SHOWN = 4;

function candidates(all: Programme[], a: BenefitAnswers): Programme[] {
  if (a.mode === 'topic' && a.topic) return byTopic(all, a.topic);
  if (a.mode === 'search' && a.query) return searchProgrammes(all, a.query);
  return all;
}

function item(ctx: FlowContext, p: Programme, n: number, isMember: boolean | null | undefined): string {
  const lang = ctx.locale;
  const note = p.eligibility.note?.[lang];
  const membersOnly = p.eligibility.membersOnly && isMember !== true ? ` ${String(ctx.t('results.members_only'))}` : '';
  const text = String(
    ctx.t('results.item', {
      n,
      title: `${p.title[lang]}${membersOnly}`,
      summary: note ? `${p.summary[lang]} ${note}` : p.summary[lang],
      gives: p.gives[lang],
      how: p.howToApply[lang],
      source: p.source.citation,
    }),
  );
  return text;
}

/**
 * Lists what applies, closest first (the worker's union, the province, then national), each with
 * how to apply. Plain text so every channel shows it whole; the apply buttons come next.
 */
export const resultsStep: EffectStep = {
  id: 'results',
  kind: 'effect',
  async run(ctx) {
    const a = answersOf(ctx);
    const found = eligibleFor(candidates(await currentProgrammes(ctx.tx, ctx.now), a), profileOf(a));
    a.applicable = [];
    if (found.length === 0) {
      ctx.say(String(ctx.t('results.none')));
      return { goto: 'next' };
    }
    const shown = found.slice(0, SHOWN);
    const intro = String(ctx.t(a.mode === 'profile' ? 'results.intro_profile' : 'results.intro_topic'));
    const parts = [intro, ...shown.map((p, i) => item(ctx, p, i + 1, a.isMember))];
    if (found.length > SHOWN) parts.push(String(ctx.t(a.mode === 'profile' ? 'results.more_profile' : 'results.more', { count: found.length - SHOWN })));
    else if (a.mode !== 'profile' && !a.province) parts.push(String(ctx.t('results.local_hint')));
    ctx.say(parts.join('\n\n'));
    a.applicable = shown.flatMap((p, i) => (p.appliesThroughUnion ? [{ id: p.id, n: i + 1 }] : []));
    return { goto: 'next' };
  },
};
