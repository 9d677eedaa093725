import { randomInt } from 'node:crypto';
import type { Prisma } from '../generated/prisma/client.ts';
import type { QuizQuestion } from './bank.ts';
import { isCorrect, layoutFor, type LayoutItem } from './shuffle.ts';

type Db = Prisma.TransactionClient;

export interface ContestRow {
  id: string;
  title: string;
  titleEn: string | null;
  organizerCode: string;
  opensAt: Date;
  closesAt: Date;
  timeLimitSec: number;
  attemptsPerPerson: number;
  questions: QuizQuestion[];
  prediction: { vi: string; en?: string } | null;
}

const toContest = (r: Prisma.ContestGetPayload<object>): ContestRow => ({
  ...r,
  questions: r.questions as unknown as QuizQuestion[],
  prediction: (r.prediction as ContestRow['prediction']) ?? null,
});

export async function openContests(db: Db, now: Date): Promise<ContestRow[]> {
  const rows = await db.contest.findMany({
    where: { opensAt: { lte: now }, closesAt: { gt: now } },
    orderBy: { closesAt: 'asc' },
  });
  return rows.map(toContest);
}

export async function getContest(db: Db, id: string): Promise<ContestRow | null> {
  const r = await db.contest.findUnique({ where: { id } });
  return r ? toContest(r) : null;
}

/** Who takes part: a member (by member id) or a non-member (by the keyed hash of the phone). */
export interface Participant {
  personKey: string;
  memberId: string | null;
  fullName: string;
  phoneEnc: string | null;
  phoneHash: string | null;
  orgUnitId: string | null;
  unitName: string;
}

export const memberKey = (memberId: string) => `m:${memberId}`;
export const phoneKey = (phoneHash: string) => `p:${phoneHash}`;

/**
 * A registered member behind this channel identity: a linked member, or an approved
 * registration (the member row may not be linked to this identity yet).
 */
export async function registeredMember(
  db: Db,
  conv: { identityId: string; memberId: string | null },
): Promise<Participant | null> {
  if (conv.memberId) {
    const m = await db.member.findUnique({ where: { id: conv.memberId }, include: { orgUnit: true } });
    if (m) {
      return { personKey: memberKey(m.id), memberId: m.id, fullName: m.fullName, phoneEnc: null, phoneHash: m.phoneHash, orgUnitId: m.orgUnitId, unitName: m.orgUnit?.name ?? '' };
    }
  }
  const reg = await db.registration.findFirst({
    where: { identityId: conv.identityId, status: 'da_duyet' },
    include: { orgUnit: true, routedTo: true },
    orderBy: { decidedAt: 'desc' },
  });
  if (!reg) return null;
  // An approved registration without a member row yet still names one person: its CCCD hash.
  const key = reg.memberId ? memberKey(reg.memberId) : `r:${reg.cccdHash}`;
  const unit = reg.orgUnit ?? reg.routedTo;
  return { personKey: key, memberId: reg.memberId, fullName: reg.fullName, phoneEnc: reg.phoneEnc, phoneHash: reg.phoneHash, orgUnitId: unit.id, unitName: unit.name };
}

/**
 * The person key for a phone given by someone not recognised on this channel: a member (or an
 * approved applicant) with that phone keeps their member key, so a second channel without a
 * member link cannot open a second attempt under the phone.
 */
export async function personKeyForPhone(db: Db, hash: string): Promise<string> {
  const m = await db.member.findFirst({ where: { phoneHash: hash }, select: { id: true } });
  if (m) return memberKey(m.id);
  const reg = await db.registration.findFirst({ where: { phoneHash: hash, status: 'da_duyet' }, select: { memberId: true, cccdHash: true } });
  if (reg) return reg.memberId ? memberKey(reg.memberId) : `r:${reg.cccdHash}`;
  return phoneKey(hash);
}

export interface AttemptSummary {
  id: string;
  attemptNo: number;
  status: string;
  score: number;
  durationMs: number | null;
}

export async function attemptsOf(db: Db, contestId: string, personKey: string): Promise<AttemptSummary[]> {
  return db.contestAttempt.findMany({
    where: { contestId, personKey },
    orderBy: { attemptNo: 'asc' },
    select: { id: true, attemptNo: true, status: true, score: true, durationMs: true },
  });
}

export type StartResult = { ok: true; attemptId: string; layout: LayoutItem[]; deadlineAt: Date } | { ok: false; reason: 'closed' | 'no_attempts_left' };

/**
 * Opens an attempt. The unique (contest, person, attempt_no) row is the lock: two channels
 * starting at once both try attempt_no = used + 1 and only one insert lands.
 */
export async function startAttempt(
  db: Db,
  input: { contest: ContestRow; participant: Participant; identityId: string; channel: string; now: Date; prediction?: number | null; seed?: number },
): Promise<StartResult> {
  const { contest, participant: p, now } = input;
  if (now < contest.opensAt || now >= contest.closesAt) return { ok: false, reason: 'closed' };
  const used = await db.contestAttempt.count({ where: { contestId: contest.id, personKey: p.personKey } });
  if (used >= contest.attemptsPerPerson) return { ok: false, reason: 'no_attempts_left' };
  const seed = input.seed ?? randomInt(0, 2 ** 31 - 1);
  const layout = layoutFor(contest.questions, seed);
  const limit = new Date(now.getTime() + contest.timeLimitSec * 1000);
  const deadlineAt = limit < contest.closesAt ? limit : contest.closesAt;
  const created = await db.contestAttempt.createManyAndReturn({
    data: [
      {
        contestId: contest.id,
        personKey: p.personKey,
        attemptNo: used + 1,
        memberId: p.memberId,
        fullName: p.fullName,
        phoneEnc: p.phoneEnc,
        phoneHash: p.phoneHash,
        orgUnitId: p.orgUnitId,
        unitName: p.unitName,
        identityId: input.identityId,
        channel: input.channel,
        seed,
        layout: layout as unknown as Prisma.InputJsonValue,
        startedAt: now,
        deadlineAt,
        prediction: input.prediction ?? null,
      },
    ],
    skipDuplicates: true,
    select: { id: true },
  });
  if (created.length === 0) return { ok: false, reason: 'no_attempts_left' };
  return { ok: true, attemptId: created[0]!.id, layout, deadlineAt };
}

export type AnswerResult =
  | { status: 'recorded'; correct: boolean; done: boolean }
  | { status: 'late' }
  | { status: 'not_open' };

/**
 * Records the answer to the question at `position` (picks are shown positions). The deadline is
 * the server's: an answer whose turn runs after it is not counted and the attempt is closed.
 */
export async function recordAnswer(
  db: Db,
  input: { contest: ContestRow; attemptId: string; position: number; picks: number[]; now: Date; shownAt: Date },
): Promise<AnswerResult> {
  const attempt = await db.contestAttempt.findUnique({ where: { id: input.attemptId } });
  if (!attempt || attempt.status !== 'in_progress') return { status: 'not_open' };
  if (input.now > attempt.deadlineAt) {
    await finishAttempt(db, input.attemptId, attempt.deadlineAt, 'timed_out');
    return { status: 'late' };
  }
  const layout = attempt.layout as unknown as LayoutItem[];
  const item = layout[input.position];
  const q = input.contest.questions.find((x) => x.id === item?.q);
  if (!item || !q) return { status: 'not_open' };
  const chosen = input.picks.map((p) => item.o[p]!);
  const correct = isCorrect(q, chosen);
  const inserted = await db.contestAnswer.createMany({
    data: [
      {
        attemptId: attempt.id,
        position: input.position,
        questionId: q.id,
        chosen,
        correct,
        answeredAt: input.now,
        elapsedMs: Math.max(0, input.now.getTime() - input.shownAt.getTime()),
      },
    ],
    skipDuplicates: true,
  });
  if (inserted.count === 1 && correct) await db.contestAttempt.update({ where: { id: attempt.id }, data: { score: { increment: 1 } } });
  const done = input.position + 1 >= layout.length;
  if (done) await finishAttempt(db, attempt.id, input.now, 'finished');
  return { status: 'recorded', correct, done };
}

export async function finishAttempt(db: Db, attemptId: string, at: Date, status: 'finished' | 'timed_out'): Promise<void> {
  const a = await db.contestAttempt.findUniqueOrThrow({ where: { id: attemptId }, select: { startedAt: true, status: true } });
  if (a.status !== 'in_progress') return;
  await db.contestAttempt.update({
    where: { id: attemptId },
    data: { status, finishedAt: at, durationMs: Math.max(0, at.getTime() - a.startedAt.getTime()) },
  });
}
