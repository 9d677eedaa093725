import type { Prisma } from '../generated/prisma/client.ts';
import type { Keyring } from '../security/crypto.ts';
import { respondentKey, type Respondent } from './respondent.ts';
import type { Question, Survey } from './schema.ts';

type Db = Prisma.TransactionClient;

/** single: option key; multiple: option keys; scale: 1..5; text: the words; null: skipped */
export type AnswerValue = string | string[] | number | null;
export type Answers = Record<string, AnswerValue>;

export interface Progress {
  submitted: boolean;
  answers: Answers;
}

export async function progressOf(db: Db, keyring: Keyring, survey: Survey, r: Respondent): Promise<Progress> {
  const row = await db.surveyParticipation.findUnique({
    where: { surveyId_respondentKey: { surveyId: survey.id, respondentKey: respondentKey(keyring, survey.id, r) } },
    select: { draftEnc: true, submittedAt: true },
  });
  if (!row) return { submitted: false, answers: {} };
  if (row.submittedAt) return { submitted: true, answers: {} };
  return { submitted: false, answers: row.draftEnc ? (JSON.parse(keyring.open(row.draftEnc)) as Answers) : {} };
}

/** The first question not answered yet, or -1 when all are. */
export function nextQuestion(survey: Survey, answers: Answers): number {
  return survey.questions.findIndex((q) => !(q.id in answers));
}

/**
 * Saves one answer as soon as it is given, so a worker who stops in the middle continues later
 * from the next question, from any of their chats. Returns false once the response was submitted.
 */
export async function saveAnswer(
  db: Db,
  keyring: Keyring,
  survey: Survey,
  r: Respondent,
  questionId: string,
  value: AnswerValue,
  now: Date,
): Promise<Answers | null> {
  const key = respondentKey(keyring, survey.id, r);
  const where = { surveyId_respondentKey: { surveyId: survey.id, respondentKey: key } };
  const row = await db.surveyParticipation.findUnique({ where, select: { draftEnc: true, submittedAt: true } });
  if (row?.submittedAt) return null;
  const answers: Answers = row?.draftEnc ? (JSON.parse(keyring.open(row.draftEnc)) as Answers) : {};
  answers[questionId] = value;
  const draftEnc = keyring.seal(JSON.stringify(answers));
  await db.surveyParticipation.upsert({
    where,
    create: { surveyId: survey.id, respondentKey: key, draftEnc, startedAt: now, updatedAt: now },
    update: { draftEnc, updatedAt: now },
  });
  return answers;
}

export type SubmitResult = { kind: 'submitted' } | { kind: 'already' } | { kind: 'incomplete'; missing: string } | { kind: 'closed' };

const dayOf = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));

/**
 * Turns the draft into a response. The participation row keeps only "answered" (for one response
 * per person); the response row of an anonymous survey carries no member, identity or time of day,
 * so the two cannot be joined back together.
 */
export async function submitResponse(
  db: Db,
  keyring: Keyring,
  survey: Survey,
  r: Respondent,
  meta: { channel: string; now: Date },
): Promise<SubmitResult> {
  if (meta.now.getTime() >= Date.parse(survey.closes_at) || meta.now.getTime() < Date.parse(survey.opens_at)) {
    return { kind: 'closed' };
  }
  const key = respondentKey(keyring, survey.id, r);
  const row = await db.surveyParticipation.findUnique({
    where: { surveyId_respondentKey: { surveyId: survey.id, respondentKey: key } },
    select: { id: true, draftEnc: true, submittedAt: true },
  });
  if (row?.submittedAt) return { kind: 'already' };
  const answers: Answers = row?.draftEnc ? (JSON.parse(keyring.open(row.draftEnc)) as Answers) : {};
  const missing = survey.questions.find((q) => !(q.id in answers) || (q.required && answers[q.id] === null));
  if (!row || missing) return { kind: 'incomplete', missing: missing?.id ?? survey.questions[0]!.id };
  // the guard on submitted_at makes a race between two chats of one member submit once
  const claimed = await db.surveyParticipation.updateMany({
    where: { id: row.id, submittedAt: null },
    data: { submittedAt: survey.anonymous ? dayOf(meta.now) : meta.now, draftEnc: null, updatedAt: meta.now },
  });
  if (claimed.count !== 1) return { kind: 'already' };
  await db.surveyResponse.create({
    data: {
      surveyId: survey.id,
      memberId: survey.anonymous ? null : r.memberId,
      identityId: survey.anonymous ? null : r.identityId,
      channel: survey.anonymous ? null : meta.channel,
      provinceCode: r.provinceCode,
      orgUnitCode: r.unit?.code ?? null,
      answers: sealFreeText(keyring, survey.questions, answers) as Prisma.InputJsonValue,
      submittedAt: survey.anonymous ? dayOf(meta.now) : meta.now,
    },
  });
  return { kind: 'submitted' };
}

/** Free text can name people and employers: sealed at rest like other personal data. */
function sealFreeText(keyring: Keyring, questions: Question[], answers: Answers): Answers {
  const out: Answers = {};
  for (const q of questions) {
    const v = answers[q.id] ?? null;
    out[q.id] = q.type === 'text' && typeof v === 'string' ? keyring.seal(v) : v;
  }
  return out;
}
