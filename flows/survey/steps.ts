import type { AskStep, ChooseStep, EffectStep, FlowContext, Jump } from '../../src/flowkit/types.ts';
import { allTranslations } from '../../src/i18n.ts';
import { parseOrdinal } from '../../src/lang/match.ts';
import { normalizeForMatch } from '../../src/lang/normalize.ts';
import { isTargeted, rootCodes } from '../../src/surveys/respondent.ts';
import { nextQuestion, progressOf, saveAnswer, submitResponse, type AnswerValue } from '../../src/surveys/responses.ts';
import type { Survey } from '../../src/surveys/schema.ts';
import { getSurvey, surveysOpenAt } from '../../src/surveys/store.ts';
import { NAMESPACE, parseAnswer } from './parse.ts';
import { pick, questionMessage, reviewText, vnTime } from './render.ts';
import { currentSurvey, respondentOf, showQuestion, stateOf } from './session.ts';

const SURVEY_PREFIX = 'survey:';

const isTrigger = (normalized: string) => allTranslations('triggers', NAMESPACE).some((p) => normalizeForMatch(p) === normalized);
const t = (ctx: FlowContext, key: string, params: Record<string, unknown> = {}) => String(ctx.t(key, params));

/** Says why the chosen survey cannot take answers any more and ends the flow. */
async function closedOrGone(ctx: FlowContext): Promise<Jump> {
  const s = stateOf(ctx).surveyId ? await getSurvey(ctx.tx, stateOf(ctx).surveyId!) : null;
  if (s && ctx.now.getTime() >= Date.parse(s.closes_at)) {
    ctx.say(t(ctx, 'closed_meanwhile', { title: pick(s.title, ctx.locale), closes: vnTime(s.closes_at) }));
  } else {
    ctx.say(t(ctx, 'not_available'));
  }
  return { end: true };
}

async function openFor(ctx: FlowContext) {
  const r = await respondentOf(ctx);
  const roots = await rootCodes(ctx.tx);
  const targeted = (await surveysOpenAt(ctx.tx, ctx.now)).filter((s) => isTargeted(s, r, roots));
  const withProgress = await Promise.all(targeted.map(async (s) => ({ s, p: await progressOf(ctx.tx, ctx.services.keyring, s, r) })));
  return { targeted, pending: withProgress.filter((x) => !x.p.submitted) };
}

/** Open surveys meant for this worker; one pending, or one already started, goes straight in. */
export const listStep: EffectStep = {
  id: 'list',
  kind: 'effect',
  async run(ctx) {
    const { targeted, pending } = await openFor(ctx);
    if (pending.length === 0) {
      if (targeted.length === 1) ctx.say(t(ctx, 'already', { title: pick(targeted[0]!.title, ctx.locale) }));
      else ctx.say(t(ctx, targeted.length > 0 ? 'all_done' : 'none_open'));
      return { end: true };
    }
    const started = pending.filter((x) => Object.keys(x.p.answers).length > 0);
    if (pending.length === 1 || started.length === 1) {
      stateOf(ctx).surveyId = (started[0] ?? pending[0]!).s.id;
      return { goto: 'intro' };
    }
    return { goto: 'pick' };
  },
};

export const pickStep: ChooseStep = {
  id: 'pick',
  kind: 'choose',
  prompt: (ctx) => t(ctx, 'pick.prompt'),
  async options(ctx) {
    const { pending } = await openFor(ctx);
    return pending.map(({ s }) => ({ key: SURVEY_PREFIX + s.id, label: pick(s.short_title, ctx.locale), synonyms: [s.title.vi, s.title.en, s.short_title.vi, s.short_title.en] }));
  },
  after(key, ctx) {
    stateOf(ctx).surveyId = key.slice(SURVEY_PREFIX.length);
    return { goto: 'intro' };
  },
};

/** The draft's summary and link the first time; "welcome back" with the place reached after that. */
export const introStep: EffectStep = {
  id: 'intro',
  kind: 'effect',
  async run(ctx) {
    const r = await respondentOf(ctx);
    const s = await currentSurvey(ctx, r);
    if (!s) return closedOrGone(ctx);
    const title = pick(s.title, ctx.locale);
    const progress = await progressOf(ctx.tx, ctx.services.keyring, s, r);
    if (progress.submitted) {
      ctx.say(t(ctx, 'already', { title }));
      return { end: true };
    }
    const next = nextQuestion(s, progress.answers);
    const done = Object.keys(progress.answers).length;
    if (done > 0) {
      ctx.say(t(ctx, 'resume', { title, done, count: s.questions.length, next: next < 0 ? s.questions.length : next + 1 }));
    } else {
      const intro = t(ctx, 'intro', {
        title,
        summary: pick(s.draft.summary, ctx.locale),
        url: s.draft.url,
        count: s.questions.length,
        closes: vnTime(s.closes_at),
      });
      ctx.say(s.anonymous ? `${intro}\n\n${t(ctx, 'anonymous_note')}` : intro);
    }
    return next < 0 ? { goto: 'review_show' } : showQuestion(ctx, s, next);
  },
};

/** Every question runs through this one step; each answer is saved the moment it is given. */
export const questionStep: AskStep<{ q: string; v: string }> = {
  id: 'question',
  kind: 'ask',
  maxAttempts: 4,
  prompt(ctx) {
    const st = stateOf(ctx);
    return questionMessage(ctx, st.q!, st.index! + 1, st.count!);
  },
  parse(input, ctx) {
    const q = stateOf(ctx).q!;
    // back days later, the worker types "góp ý" again: show where they are, not an error
    if (isTrigger(input.normalized)) return { ok: false, error: 'resume' };
    const r = parseAnswer(q, input);
    // the state only ever holds the answer sealed: free text may name people and employers
    return r.ok ? { ok: true, value: { q: q.id, v: ctx.services.keyring.seal(JSON.stringify(r.value)) } } : r;
  },
  errorText: (error, ctx, params) =>
    error === 'resume'
      ? t(ctx, 'resume_here', { n: stateOf(ctx).index! + 1, count: stateOf(ctx).count })
      : t(ctx, `question.errors.${error}`, params ?? {}),
  async after(value, ctx) {
    const st = stateOf(ctx);
    const r = await respondentOf(ctx);
    const s = await currentSurvey(ctx, r);
    if (!s) return closedOrGone(ctx);
    const answer = JSON.parse(ctx.services.keyring.open(value.v)) as AnswerValue;
    const answers = await saveAnswer(ctx.tx, ctx.services.keyring, s, r, value.q, answer, ctx.now);
    delete ctx.answers.question;
    if (!answers) {
      ctx.say(t(ctx, 'already', { title: pick(s.title, ctx.locale) }));
      return { end: true };
    }
    const next = nextQuestion(s, answers);
    if (st.editing || next < 0) {
      st.editing = false;
      return { goto: 'review_show' };
    }
    return showQuestion(ctx, s, next);
  },
};

export const reviewShowStep: EffectStep = {
  id: 'review_show',
  kind: 'effect',
  async run(ctx) {
    const r = await respondentOf(ctx);
    const s = await currentSurvey(ctx, r);
    if (!s) return closedOrGone(ctx);
    const progress = await progressOf(ctx.tx, ctx.services.keyring, s, r);
    if (progress.submitted) {
      ctx.say(t(ctx, 'already', { title: pick(s.title, ctx.locale) }));
      return { end: true };
    }
    ctx.say(reviewText(ctx, s, progress.answers));
    return undefined;
  },
};

export const reviewStep: ChooseStep = {
  id: 'review',
  kind: 'choose',
  prompt: (ctx) => t(ctx, 'review.prompt'),
  options: (ctx) => [
    { key: 'review:send', label: t(ctx, 'review.send'), synonyms: allTranslations('review.send_words', NAMESPACE) },
    { key: 'review:edit', label: t(ctx, 'review.edit'), synonyms: allTranslations('review.edit_words', NAMESPACE) },
  ],
  after: (key) => ({ goto: key === 'review:send' ? 'submit' : 'edit_pick' }),
};

export const editPickStep: AskStep<number> = {
  id: 'edit_pick',
  kind: 'ask',
  prompt: (ctx) => t(ctx, 'edit_pick.prompt', { count: stateOf(ctx).count }),
  parse(input, ctx) {
    const count = stateOf(ctx).count!;
    const n = parseOrdinal(input.text.replace(/^\s*(cau|câu|question|q)\s*/i, ''), count);
    return n === null ? { ok: false, error: 'range', params: { count } } : { ok: true, value: n };
  },
  errorText: (error, ctx, params) => t(ctx, `edit_pick.errors.${error}`, params ?? {}),
  async after(n, ctx) {
    const r = await respondentOf(ctx);
    const s = await currentSurvey(ctx, r);
    if (!s) return closedOrGone(ctx);
    stateOf(ctx).editing = true;
    return showQuestion(ctx, s, n - 1);
  },
};

export const submitStep: EffectStep = {
  id: 'submit',
  kind: 'effect',
  async run(ctx) {
    const r = await respondentOf(ctx);
    const s: Survey | null = stateOf(ctx).surveyId ? await getSurvey(ctx.tx, stateOf(ctx).surveyId!) : null;
    if (!s) return closedOrGone(ctx);
    const title = pick(s.title, ctx.locale);
    const result = await submitResponse(ctx.tx, ctx.services.keyring, s, r, { channel: ctx.conversation.channel, now: ctx.now });
    switch (result.kind) {
      case 'submitted':
        ctx.say(t(ctx, 'thanks', { title }));
        return { end: true };
      case 'already':
        ctx.say(t(ctx, 'already', { title }));
        return { end: true };
      case 'closed':
        return closedOrGone(ctx);
      case 'incomplete': {
        ctx.say(t(ctx, 'incomplete'));
        return showQuestion(ctx, s, Math.max(0, s.questions.findIndex((q) => q.id === result.missing)));
      }
    }
  },
};
