import type { AskStep, ChooseStep, EffectStep, FlowContext, OptionDef } from '../../src/flowkit/types.ts';
import { commandKey } from '../../src/flowkit/commands.ts';
import { matchOption, parseOrdinal } from '../../src/lang/match.ts';
import { normalizeForMatch } from '../../src/lang/normalize.ts';
import { allTranslations } from '../../src/i18n.ts';
import { answerQuestion } from '../../src/legal/answer.ts';
import { knowledgeBase } from '../../src/legal/load.ts';
import { recordFeedback, recordUnanswered } from '../../src/legal/records.ts';
import { legalRetriever } from '../../src/legal/retrieve.ts';
import { citeLine, formatCalc, formatDetail, formatEntry } from './format.ts';

/*
 * answers: q (sealed question), entryId (the entry last answered), forced (an entry picked from
 * "related questions"). The question is sealed because workers often tell their own story in it.
 */
const seal = (ctx: FlowContext, s: string) => ctx.services.keyring.seal(s);
const openQ = (ctx: FlowContext): string => (ctx.answers.q ? ctx.services.keyring.open(ctx.answers.q) : '');

/** Words that only say "I have a legal question", not what it is about. */
const GENERIC = new Set(
  'hoi dap ve luat phap lao dong tu van cho toi minh em anh chi muon can xin mot cau a oi nhe ban question law labour labor legal ask about advice i want to a'.split(' '),
);

/**
 * The first message when it is a question rather than only the trigger: "hỏi luật tăng ca chủ
 * nhật tính sao" or a question the router sent here. "Hỏi luật", "tư vấn pháp luật lao động" or a
 * menu tap are not: then the flow asks.
 */
function questionInTrigger(ctx: FlowContext): string | null {
  const input = ctx.input;
  if (!input || input.choiceKey || !input.text) return null;
  let rest = ` ${input.normalized} `;
  const triggers = allTranslations('triggers', 'legal-qa').map(normalizeForMatch).sort((a, b) => b.length - a.length);
  for (const t of triggers) rest = rest.replace(` ${t} `, ' ');
  const topical = rest.split(' ').filter((w) => w && !GENERIC.has(w));
  return topical.length >= 2 ? input.text : null;
}

export const startStep: EffectStep = {
  id: 'start',
  kind: 'effect',
  run(ctx) {
    // Started by a question ("luật lao động tăng ca chủ nhật tính sao", or the router): answer it.
    const q = questionInTrigger(ctx);
    if (q) {
      ctx.answers.q = seal(ctx, q);
      return { goto: 'answer' };
    }
    return undefined;
  },
};

export const questionStep: AskStep<string> = {
  id: 'question',
  kind: 'ask',
  prompt: (ctx) => String(ctx.t(ctx.answers.asked ? 'question.next' : 'question.prompt')),
  parse(input, ctx) {
    if (!input.text.trim()) return { ok: false, error: 'empty' };
    return { ok: true, value: seal(ctx, input.text.slice(0, 1000)) };
  },
  after(value, ctx) {
    ctx.answers.q = value;
    delete ctx.answers.forced;
    return { goto: 'answer' };
  },
};

export const answerStep: EffectStep = {
  id: 'answer',
  kind: 'effect',
  async run(ctx) {
    ctx.answers.asked = true;
    const kb = knowledgeBase();
    const forced = ctx.answers.forced ? kb.byId.get(ctx.answers.forced) : undefined;
    delete ctx.answers.forced;
    if (forced) {
      ctx.answers.entryId = forced.id;
      ctx.say(formatEntry(ctx, forced));
      return { goto: 'followup' };
    }
    const question = openQ(ctx);
    const a = answerQuestion(legalRetriever(), question);
    if (a.kind === 'unsure') {
      const best = a.results[0];
      await recordUnanswered(ctx.tx, ctx.services.keyring, {
        conversationId: ctx.conversation.id,
        question,
        bestEntryId: best?.entry.id,
        bestScore: best?.relevance ?? 0,
      });
      ctx.say(String(ctx.t('unsure.text')));
      return { goto: 'unsure' };
    }
    if (a.kind === 'entry') {
      ctx.answers.entryId = a.hit.entry.id;
      ctx.say(formatEntry(ctx, a.hit.entry));
      return { goto: 'followup' };
    }
    ctx.answers.entryId = a.entryId;
    ctx.say([formatCalc(ctx, a)!, citeLine(ctx, kb.byId.get(a.entryId)!)].join('\n\n'));
    return { goto: 'followup' };
  },
};

function followupOptions(ctx: FlowContext): OptionDef[] {
  return [
    { key: 'fu:yes', label: String(ctx.t('followup.yes')), synonyms: ['co', 'huu ich', 'yes', 'tot', 'ok', 'cam on'] },
    { key: 'fu:no', label: String(ctx.t('followup.no')), synonyms: ['khong', 'chua', 'no', 'khong huu ich'] },
    { key: 'fu:detail', label: String(ctx.t('followup.detail')), synonyms: ['chi tiet', 'them', 'detail'] },
    { key: 'fu:related', label: String(ctx.t('followup.related')), synonyms: ['lien quan', 'related'] },
    { key: commandKey('human'), label: String(ctx.t('followup.human')) },
  ];
}

type Followup = { pick: string } | { question: string };

/**
 * "Có hữu ích không?" with the next moves. An ask step, not a choose step: a worker who simply
 * types another question gets it answered instead of "please pick an option".
 */
export const followupStep: AskStep<Followup> = {
  id: 'followup',
  kind: 'ask',
  prompt(ctx) {
    const options = followupOptions(ctx);
    return { kind: 'choices', text: String(ctx.t('followup.prompt')), choices: options.map(({ key, label }) => ({ key, label })) };
  },
  parse(input, ctx) {
    const options = followupOptions(ctx);
    if (input.choiceKey && options.some((o) => o.key === input.choiceKey)) return { ok: true, value: { pick: input.choiceKey } };
    if (!input.text.trim()) return { ok: false, error: 'empty' };
    const n = parseOrdinal(input.text, options.length);
    if (n !== null) return { ok: true, value: { pick: options[n - 1]!.key } };
    const m = matchOption(input.text, options.map((o) => ({ key: o.key, synonyms: [o.label, ...(o.synonyms ?? [])] })));
    // only a near-whole match is a pick: "không biết tăng ca tính sao" is a new question
    if (m && m.score >= 0.7) return { ok: true, value: { pick: m.key } };
    return { ok: true, value: { question: seal(ctx, input.text.slice(0, 1000)) } };
  },
  async after(value, ctx) {
    if ('question' in value) {
      ctx.answers.q = value.question;
      return { goto: 'answer' };
    }
    const entryId = String(ctx.answers.entryId ?? '');
    switch (value.pick) {
      case 'fu:yes':
      case 'fu:no': {
        const helpful = value.pick === 'fu:yes';
        await recordFeedback(ctx.tx, ctx.services.keyring, { conversationId: ctx.conversation.id, entryId, helpful, question: openQ(ctx) });
        ctx.say(String(ctx.t(helpful ? 'followup.thanks' : 'followup.sorry')));
        return { goto: helpful ? 'question' : 'unsure' };
      }
      case 'fu:detail': {
        const entry = knowledgeBase().byId.get(entryId);
        if (entry) ctx.say(formatDetail(ctx, entry));
        return { goto: 'followup' };
      }
      case 'fu:related':
        return { goto: 'related' };
      default:
        return { goto: 'question' };
    }
  },
};

export const relatedStep: ChooseStep = {
  id: 'related',
  kind: 'choose',
  prompt: (ctx) => String(ctx.t('related.prompt')),
  options(ctx) {
    const entry = knowledgeBase().byId.get(String(ctx.answers.entryId ?? ''));
    const related = entry ? legalRetriever().related(entry, 3) : [];
    return [
      ...related.map((e) => ({ key: `rel:${e.id}`, label: e.title })),
      { key: 'rel:other', label: String(ctx.t('related.other')), synonyms: ['cau khac', 'hoi khac'] },
    ];
  },
  after(key, ctx) {
    if (key === 'rel:other') return { goto: 'question' };
    ctx.answers.forced = key.slice(4);
    return { goto: 'answer' };
  },
};

export const unsureStep: ChooseStep = {
  id: 'unsure',
  kind: 'choose',
  prompt: (ctx) => String(ctx.t('unsure_menu.prompt')),
  options: (ctx) => [
    { key: commandKey('human'), label: String(ctx.t('unsure_menu.human')) },
    { key: 'u:ask', label: String(ctx.t('unsure_menu.ask')), synonyms: ['hoi tiep', 'cau khac'] },
    { key: commandKey('menu'), label: String(ctx.t('unsure_menu.menu')) },
  ],
  after: () => ({ goto: 'question' }),
};
