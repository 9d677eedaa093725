import type { FlowContext, Jump } from '../../src/flowkit/types.ts';
import type { ContestRow } from '../../src/quiz/service.ts';
import { attemptsOf } from '../../src/quiz/service.ts';
import type { LayoutItem } from '../../src/quiz/shuffle.ts';
import { contestAnswers, questionAt } from './contest-state.ts';
import { sayResult } from './result.ts';
import { stepFor } from './view.ts';

/**
 * Once the person is known: resume an attempt still running (the worker left and came back,
 * maybe on another channel), refuse when no attempt is left, else go on to `next`.
 */
export async function gate(ctx: FlowContext, contest: ContestRow, personKey: string, next: string): Promise<Jump> {
  const attempts = await attemptsOf(ctx.tx, contest.id, personKey);
  const running = attempts.find((a) => a.status === 'in_progress');
  if (running) {
    const row = await ctx.tx.contestAttempt.findUniqueOrThrow({ where: { id: running.id } });
    if (row.deadlineAt > ctx.now) {
      const answered = await ctx.tx.contestAnswer.count({ where: { attemptId: row.id } });
      Object.assign(contestAnswers(ctx), {
        attemptId: row.id,
        layout: row.layout as unknown as LayoutItem[],
        pos: answered,
        picked: [],
        shownAt: ctx.now.toISOString(),
        deadlineAt: row.deadlineAt.toISOString(),
        current: questionAt(contest, row.layout as unknown as LayoutItem[], answered),
      });
      ctx.say(String(ctx.t('contest.resumed')));
      return { goto: stepFor(contestAnswers(ctx).current!, 'answer', 'answer_tf') };
    }
  }
  if (attempts.length >= contest.attemptsPerPerson) {
    ctx.say(String(ctx.t('contest.no_attempts_left', { count: contest.attemptsPerPerson })));
    await sayResult(ctx, contest, personKey);
    return { end: true };
  }
  return { goto: next };
}

export const nextAfterIdentity = (contest: ContestRow) => (contest.prediction ? 'prediction' : 'ready');
