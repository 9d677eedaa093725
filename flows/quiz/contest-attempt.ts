import type { AskStep, ChooseStep, EffectStep, FlowContext, Jump } from '../../src/flowkit/types.ts';
import { allTranslations } from '../../src/i18n.ts';
import { recordAnswer, startAttempt } from '../../src/quiz/service.ts';
import { answerErrorText, questionMessage, questionText, readAnswer, stepFor, trueFalseOptions, type AnswerAction } from './view.ts';
import { contestAnswers, questionAt } from './contest-state.ts';
import { currentContest } from './contest-identity.ts';
import { sayResult } from './result.ts';
import { gate } from './contest-gate.ts';

export const readyStep: ChooseStep = {
  id: 'ready',
  kind: 'choose',
  prompt: (ctx) => String(ctx.t('contest.ready')),
  options: (ctx) => [
    { key: 'go', label: String(ctx.t('contest.start')), synonyms: allTranslations('contest.start_words', 'quiz') },
    { key: 'later', label: String(ctx.t('contest.later')) },
  ],
  after(key, ctx) {
    if (key === 'go') return undefined;
    ctx.say(String(ctx.t('contest.see_you')));
    return { end: true };
  },
};

export const beginStep: EffectStep = {
  id: 'begin',
  kind: 'effect',
  async run(ctx) {
    const a = contestAnswers(ctx);
    const contest = await currentContest(ctx);
    const r = await startAttempt(ctx.tx, {
      contest,
      participant: a.participant!,
      identityId: ctx.conversation.identityId,
      channel: ctx.conversation.channel,
      now: ctx.now,
      prediction: a.prediction ?? null,
    });
    if (!r.ok && r.reason === 'closed') {
      ctx.say(String(ctx.t('contest.closed')));
      return { end: true };
    }
    // used up meanwhile, maybe on another channel: resume that attempt if it still runs, else refuse
    if (!r.ok) return gate(ctx, contest, a.participant!.personKey, 'ready');
    Object.assign(a, { attemptId: r.attemptId, layout: r.layout, pos: 0, picked: [], shownAt: ctx.now.toISOString(), deadlineAt: r.deadlineAt.toISOString() });
    a.current = questionAt(contest, r.layout, 0);
    return { goto: stepFor(a.current, 'answer', 'answer_tf') };
  },
};

const minutesLeft = (deadline: string, now: Date) => Math.max(0, Math.ceil((Date.parse(deadline) - now.getTime()) / 60_000));

export const answerStep: AskStep<AnswerAction> = {
  id: 'answer',
  kind: 'ask',
  help: 'contest.help',
  prompt(ctx) {
    const a = contestAnswers(ctx);
    const item = a.layout![a.pos!]!;
    return questionMessage(ctx, a.current!, item, a.pos!, a.layout!.length, a.picked ?? [], timeLeft(ctx));
  },
  async parse(_input, ctx) {
    const a = contestAnswers(ctx);
    return readAnswer(ctx, a.current!, a.pos!, a.picked ?? []);
  },
  errorText: answerErrorText,
  async after(action, ctx) {
    const a = contestAnswers(ctx);
    if ('toggle' in action) {
      const p = a.picked ?? [];
      a.picked = p.includes(action.toggle) ? p.filter((x) => x !== action.toggle) : [...p, action.toggle].sort();
      return { goto: 'answer' };
    }
    return submitted(ctx, action.submit);
  },
};

const timeLeft = (ctx: FlowContext) => String(ctx.t('contest.time_left', { minutes: minutesLeft(contestAnswers(ctx).deadlineAt!, ctx.now) }));

export const answerTrueFalseStep: ChooseStep = {
  id: 'answer_tf',
  kind: 'choose',
  help: 'contest.help',
  prompt(ctx) {
    const a = contestAnswers(ctx);
    return questionText(ctx, a.current!, a.layout![a.pos!]!, a.pos!, a.layout!.length, [], timeLeft(ctx));
  },
  options: (ctx) => trueFalseOptions(ctx, contestAnswers(ctx).pos!),
  after: (key, ctx) => submitted(ctx, [Number(key.split(':')[2])]),
};

/** Records the answer against the server's clock; no right/wrong during a contest, only the next question. */
async function submitted(ctx: FlowContext, picks: number[]): Promise<Jump> {
  const a = contestAnswers(ctx);
  const contest = await currentContest(ctx);
  const r = await recordAnswer(ctx.tx, { contest, attemptId: a.attemptId!, position: a.pos!, picks, now: ctx.now, shownAt: new Date(a.shownAt!) });
  if (r.status === 'late' || r.status === 'not_open') {
    ctx.say(String(ctx.t('contest.time_up')));
    await sayResult(ctx, contest, a.participant!.personKey);
    return { end: true };
  }
  if (r.done) {
    ctx.say(String(ctx.t('contest.finished')));
    await sayResult(ctx, contest, a.participant!.personKey);
    return { end: true };
  }
  a.pos = a.pos! + 1;
  a.picked = [];
  a.shownAt = ctx.now.toISOString();
  a.current = questionAt(contest, a.layout!, a.pos);
  return { goto: stepFor(a.current, 'answer', 'answer_tf') };
}
