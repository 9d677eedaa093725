import type { FlowContext } from '../../src/flowkit/types.ts';
import { standingOf } from '../../src/quiz/leaderboard.ts';
import type { ContestRow } from '../../src/quiz/service.ts';

export function formatDuration(ms: number, locale: string): string {
  const s = Math.round(ms / 1000);
  const m = Math.floor(s / 60);
  const rest = s % 60;
  return locale === 'en' ? `${m} min ${rest} s` : `${m} phút ${rest} giây`;
}

/** The worker's own result and rank (their best attempt among everyone's best). */
export async function sayResult(ctx: FlowContext, contest: ContestRow, personKey: string): Promise<void> {
  const s = await standingOf(ctx.tx, contest.id, personKey, ctx.now);
  if (!s) return;
  ctx.say(
    String(
      ctx.t('contest.result', {
        score: s.score,
        total: contest.questions.length,
        time: formatDuration(s.durationMs, ctx.locale),
        rank: s.rank,
        count: s.total,
      }),
    ),
  );
}
