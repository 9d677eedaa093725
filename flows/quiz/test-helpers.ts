import type { Transcript } from '../../test/transcript.ts';
import { bank } from '../../src/quiz/bank.ts';
import type { ContestDef } from '../../src/quiz/contests.ts';
import { upsertContest } from '../../src/quiz/contests.ts';
import type { LayoutItem } from '../../src/quiz/shuffle.ts';

/** A short contest over one single, one multiple and one true/false question. */
export function testContest(id: string, opensAt: Date, closesAt: Date, extra: Partial<ContestDef> = {}): ContestDef {
  const pick = (ids: string[]) => ids.map((x) => bank().find((q) => q.id === x)!);
  return {
    id,
    title: { vi: `Cuộc thi thử ${id}`, en: `Test contest ${id}` },
    organizerCode: 'TLD',
    opensAt,
    closesAt,
    timeLimitSec: 300,
    attemptsPerPerson: 1,
    questions: pick(['ot-pay-normal-day', 'holidays-which', 'probation-cancel']),
    prediction: { vi: 'Câu dự đoán: bao nhiêu người sẽ tham gia?', en: 'Prediction: how many people will take part?' },
    ...extra,
  };
}

export const addContest = (chat: Transcript, def: ContestDef) => upsertContest(chat.app.db.prisma, def);

/** What to type to answer the question at `pos` of this worker's running attempt, right or wrong. */
export async function typedAnswer(chat: Transcript, contestId: string, phoneOrMemberKey: { personKey: string }, pos: number, right = true): Promise<string> {
  const attempt = await chat.app.db.prisma.contestAttempt.findFirstOrThrow({
    where: { contestId, personKey: phoneOrMemberKey.personKey },
    orderBy: { attemptNo: 'desc' },
  });
  const item = (attempt.layout as unknown as LayoutItem[])[pos]!;
  const q = bank().find((x) => x.id === item.q)!;
  const shown = item.o.map((orig, i) => (q.correct.includes(orig) ? i : -1)).filter((i) => i >= 0);
  const picks = right ? shown : [item.o.findIndex((orig) => !q.correct.includes(orig))];
  return picks.map((i) => String(i + 1)).join(',');
}

/** Every attempt of a contest, newest first. */
export const attemptsOfContest = (chat: Transcript, contestId: string) =>
  chat.app.db.prisma.contestAttempt.findMany({ where: { contestId }, orderBy: { startedAt: 'desc' } });
