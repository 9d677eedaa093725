import type { AskStep, FlowContext, OptionDef } from '../../../src/flowkit/types.ts';
import { currentProgrammes } from '../../../src/benefits/catalog.ts';
import { TOPICS, type Topic } from '../../../src/benefits/schema.ts';
import { searchProgrammes } from '../../../src/benefits/search.ts';
import { matchOption, parseOrdinal } from '../../../src/lang/match.ts';
import { parseFreeText } from '../../../src/validate/text.ts';
import { answersOf } from '../answers.ts';
import { phrases } from '../phrases.ts';

const PROFILE = 'profile';
const SEARCH = 'search';

function options(ctx: FlowContext): OptionDef[] {
  return [
    ...TOPICS.map((t) => ({ key: `topic:${t}`, label: String(ctx.t(`topics.${t}.label`)), synonyms: phrases(`topics.${t}.words`) })),
    { key: PROFILE, label: String(ctx.t('topic.by_profile')), synonyms: phrases('topic.profile_words') },
  ];
}

/**
 * A topic button, its number, or the worker's own words. An ask step rather than a choose step
 * because free text that names no button ("ve tau ve que") is a search, not a wrong answer.
 */
export const topicStep: AskStep<string> = {
  id: 'topic',
  kind: 'ask',
  help: 'topic.help',
  prompt(ctx) {
    const opts = options(ctx);
    return { kind: 'choices', text: String(ctx.t('topic.prompt')), choices: opts.map(({ key, label }) => ({ key, label })) };
  },
  async parse(input, ctx) {
    const opts = options(ctx);
    if (input.choiceKey && opts.some((o) => o.key === input.choiceKey)) return { ok: true, value: input.choiceKey };
    if (!input.text) return { ok: false, error: input.kind === 'media' ? 'media' : 'empty' };
    const n = parseOrdinal(input.text, opts.length);
    if (n !== null) return { ok: true, value: opts[n - 1]!.key };
    const clean = parseFreeText(input.text, { max: 200 });
    if (!clean.ok) return clean;
    if (searchProgrammes(await currentProgrammes(ctx.tx, ctx.now), clean.value).length > 0) {
      answersOf(ctx).query = clean.value;
      return { ok: true, value: SEARCH };
    }
    const m = matchOption(clean.value, opts.map((o) => ({ key: o.key, synonyms: [o.label, ...(o.synonyms ?? [])] })));
    if (m) return { ok: true, value: m.key };
    return { ok: false, error: 'not_found', params: { text: clean.value } };
  },
  errorText: (error, ctx, params) => String(ctx.t([`topic.errors.${error}`, `input_errors.${error}`, 'common:errors.invalid'], params ?? {})),
  after(value, ctx) {
    const a = answersOf(ctx);
    delete a.topic;
    if (value === PROFILE) {
      a.mode = 'profile';
      return { goto: 'dialog' };
    }
    if (value === SEARCH) {
      a.mode = 'search';
      return { goto: 'results' };
    }
    a.mode = 'topic';
    a.topic = value.slice('topic:'.length) as Topic;
    delete a.query;
    return { goto: 'results' };
  },
};
