import type { Tx } from '../app/services.ts';
import type { Keyring } from '../security/crypto.ts';
import { ownedBy } from './collect.ts';
import type { Subject } from './subject.ts';

/**
 * "Xóa dữ liệu của tôi" (Law 91/2025 Art. 14: deletion on the subject's request; refused where
 * Art. 19 allows processing without consent, e.g. performing an agreement with the data subject
 * or what other laws require). What is deleted, anonymized and kept:
 *
 * - membership application pending or rejected: deleted;
 * - an approved application and the member record: kept while a member (domain.md 5.5 item 7:
 *   "keep membership data while a member"); leaving the union goes through an officer;
 * - a grievance case under handling: kept, the union is acting on the worker's request (Art. 19,
 *   performance of an agreement with the data subject); a closed case: anonymized (its
 *   description and notes replaced, evidence deleted), its code, category, dates kept as a trace;
 * - a benefit request under handling or granted: kept (the first is being performed, the second
 *   records support given; which law fixes its period is not in domain.md — union policy); a
 *   rejected one: name and phone replaced;
 * - consents: kept as the proof the controller must keep (ND 356 Art. 6(2)), withdrawn now;
 * - contest attempts and survey responses: name, phone and links to the person removed;
 * - conversation texts (inbox, outbox, web chat transcript), legal questions, officers' notes
 *   on closed handoffs: deleted (notes of a handoff still open stay with the officer handling it);
 * - this request itself: kept in the request register, without personal data.
 */
export const OPEN_CASE_STATUSES = ['moi', 'dang_xu_ly', 'cho_bo_sung', 'chuyen_co_quan'] as const;
export const CLOSED_CASE_STATUSES = ['da_giai_quyet', 'dong'] as const;
const OPEN_BENEFIT_STATUSES = ['moi', 'dang_xu_ly'];
const GRANTED_BENEFIT_STATUSES = ['da_giai_quyet'];
const REMOVED = '—';

export type KeptReason = 'membership' | 'case_open' | 'benefit_open' | 'benefit_granted' | 'consent_proof' | 'request_register';

export interface ErasurePlan {
  remove: { registrations: number; closedCases: number; rejectedBenefits: number; contestAttempts: number; surveyResponses: number; conversations: number };
  keep: Array<{ reason: KeptReason; count: number; codes: string[] }>;
}

async function gather(tx: Tx, s: Subject) {
  const registrations = await tx.registration.findMany({
    where: { OR: [{ id: { in: s.registrationIds } }, { identityId: { in: s.identityIds } }] },
    select: { id: true, code: true, status: true },
  });
  const cases = await tx.grievanceCase.findMany({ where: { OR: ownedBy(s) }, select: { id: true, code: true, status: true } });
  const benefits = await tx.benefitRequest.findMany({ where: { OR: ownedBy(s) }, select: { id: true, code: true, status: true } });
  const consents = await tx.consent.count({ where: { identityId: { in: s.identityIds } } });
  const attempts = await tx.contestAttempt.count({ where: { OR: ownedBy(s) } });
  const surveys = await tx.surveyResponse.count({ where: { OR: ownedBy(s) } });
  const conversations = await tx.conversation.findMany({ where: { identityId: { in: s.identityIds } }, select: { id: true } });
  const member = s.memberId ? await tx.member.findUnique({ where: { id: s.memberId }, select: { id: true, status: true, memberNo: true } }) : null;
  return { registrations, cases, benefits, consents, attempts, surveys, conversations, member };
}

type Gathered = Awaited<ReturnType<typeof gather>>;

export async function planErasure(tx: Tx, s: Subject): Promise<ErasurePlan> {
  return planFrom(await gather(tx, s));
}

function planFrom(g: Gathered): ErasurePlan {
  const approved = g.registrations.filter((r) => r.status === 'da_duyet');
  const openCases = g.cases.filter((c) => (OPEN_CASE_STATUSES as readonly string[]).includes(c.status));
  const openBenefits = g.benefits.filter((b) => OPEN_BENEFIT_STATUSES.includes(b.status));
  const granted = g.benefits.filter((b) => GRANTED_BENEFIT_STATUSES.includes(b.status));
  const keep: ErasurePlan['keep'] = [];
  const membership = approved.length + (g.member?.status === 'active' && approved.length === 0 ? 1 : 0);
  if (membership > 0) keep.push({ reason: 'membership', count: membership, codes: approved.map((r) => r.code) });
  if (openCases.length) keep.push({ reason: 'case_open', count: openCases.length, codes: openCases.map((c) => c.code) });
  if (openBenefits.length) keep.push({ reason: 'benefit_open', count: openBenefits.length, codes: openBenefits.map((b) => b.code) });
  if (granted.length) keep.push({ reason: 'benefit_granted', count: granted.length, codes: granted.map((b) => b.code) });
  if (g.consents) keep.push({ reason: 'consent_proof', count: g.consents, codes: [] });
  keep.push({ reason: 'request_register', count: 1, codes: [] });
  return {
    remove: {
      registrations: g.registrations.length - approved.length,
      closedCases: g.cases.filter((c) => (CLOSED_CASE_STATUSES as readonly string[]).includes(c.status)).length,
      rejectedBenefits: g.benefits.filter((b) => b.status === 'tu_choi').length,
      contestAttempts: g.attempts,
      surveyResponses: g.surveys,
      conversations: g.conversations.length,
    },
    keep,
  };
}

/** Closed cases: description and notes replaced, evidence deleted, an 'anonymized' event left. */
export async function anonymizeCases(tx: Tx, keyring: Keyring, caseIds: string[], now: Date, actor: string): Promise<void> {
  if (caseIds.length === 0) return;
  const attachments = await tx.grievanceAttachment.findMany({ where: { caseId: { in: caseIds } }, select: { blobId: true } });
  const blobIds = attachments.map((a) => a.blobId).filter((b): b is string => b !== null);
  await tx.grievanceAttachment.deleteMany({ where: { caseId: { in: caseIds } } });
  if (blobIds.length) await tx.evidenceBlob.deleteMany({ where: { id: { in: blobIds } } });
  await tx.grievanceCaseEvent.updateMany({ where: { caseId: { in: caseIds } }, data: { noteEnc: null } });
  await tx.grievanceCase.updateMany({
    where: { id: { in: caseIds } },
    data: { descriptionEnc: keyring.seal(REMOVED), employer: REMOVED, memberId: null, updatedAt: now },
  });
  await tx.grievanceCaseEvent.createMany({
    data: caseIds.map((caseId) => ({ caseId, kind: 'anonymized', actorType: 'system', actorId: actor, at: now })),
  });
}

export interface ErasureOutcome {
  deleted: Record<string, number>;
  anonymized: Record<string, number>;
  kept: ErasurePlan['keep'];
}

/**
 * Runs in the turn's transaction: all of it commits with the reply, or none. The message being
 * answered (inbox 'pending') and the replies being written are left to the retention job.
 */
export async function executeErasure(tx: Tx, keyring: Keyring, s: Subject, now: Date): Promise<ErasureOutcome> {
  const g = await gather(tx, s);
  const plan = planFrom(g);
  const deleted: Record<string, number> = {};
  const anonymized: Record<string, number> = {};

  const regIds = g.registrations.filter((r) => r.status !== 'da_duyet').map((r) => r.id);
  deleted.registrations = (await tx.registration.deleteMany({ where: { id: { in: regIds } } })).count;

  const closed = g.cases.filter((c) => (CLOSED_CASE_STATUSES as readonly string[]).includes(c.status)).map((c) => c.id);
  await anonymizeCases(tx, keyring, closed, now, 'subject_request');
  anonymized.cases = closed.length;

  const rejected = g.benefits.filter((b) => b.status === 'tu_choi').map((b) => b.id);
  if (rejected.length) {
    await tx.benefitRequest.updateMany({ where: { id: { in: rejected } }, data: { fullNameEnc: keyring.seal(REMOVED), phoneEnc: keyring.seal(REMOVED), memberId: null } });
    await tx.benefitRequestEvent.updateMany({ where: { requestId: { in: rejected } }, data: { noteEnc: null } });
  }
  anonymized.benefitRequests = rejected.length;

  anonymized.contestAttempts = (
    await tx.contestAttempt.updateMany({ where: { OR: ownedBy(s) }, data: { fullName: REMOVED, phoneEnc: null, phoneHash: null, memberId: null } })
  ).count;
  anonymized.surveyResponses = (await tx.surveyResponse.updateMany({ where: { OR: ownedBy(s) }, data: { memberId: null, identityId: null } })).count;

  // consents stay as proof, but deleting one's data also ends every consent still in force
  anonymized.consentsWithdrawn = (
    await tx.consent.updateMany({ where: { identityId: { in: s.identityIds }, granted: true, withdrawnAt: null }, data: { withdrawnAt: now } })
  ).count;

  const convIds = g.conversations.map((c) => c.id);
  let messages = 0;
  for (const id of convIds) {
    messages += await tx.$executeRawUnsafe(
      `UPDATE inbox_message SET event = (event - 'sealed') || '{"redacted": true}'::jsonb
        WHERE conversation_id = $1::uuid AND status <> 'pending' AND event ? 'sealed'`,
      id,
    );
    messages += await tx.$executeRawUnsafe(
      `UPDATE outbox_message SET message = (message - 'sealed') || '{"redacted": true}'::jsonb
        WHERE conversation_id = $1::uuid AND status IN ('sent', 'dead') AND message ? 'sealed'`,
      id,
    );
  }
  anonymized.messages = messages;
  deleted.webchatActivities = (await tx.webchatActivity.deleteMany({ where: { conversationId: { in: convIds } } })).count;
  // and the web chat's "remember this device" keys (adapters/webchat/resume-keys.ts) with it
  deleted.webchatResumeKeys = (await tx.webchatResumeKey.deleteMany({ where: { conversationId: { in: convIds } } })).count;
  // Notices sent to them (one person's news, src/broadcasts/notify.ts) go with their rows once
  // finished; a notice still waiting is left to go (it may say their case moved). Officers'
  // broadcasts keep their counts, but a finished row no longer says which member or chat got it
  // (the platform identity stays: Zalo's per-follower caps are counted on it).
  const $ids = [s.identityIds, s.memberId ? [s.memberId] : []];
  deleted.notices = Number(
    (
      await tx.$queryRawUnsafe<Array<{ n: bigint }>>(
        `WITH mine AS (
           SELECT DISTINCT r.broadcast_id FROM broadcast_recipient r JOIN broadcast b ON b.id = r.broadcast_id
            WHERE b.created_by LIKE 'system:%' AND b.status IN ('done', 'cancelled')
              AND (r.identity_id = ANY($1::uuid[]) OR r.member_id = ANY($2::uuid[]))),
         r AS (DELETE FROM broadcast_recipient WHERE broadcast_id IN (SELECT broadcast_id FROM mine)),
         st AS (DELETE FROM broadcast_channel_stat WHERE broadcast_id IN (SELECT broadcast_id FROM mine)),
         b AS (DELETE FROM broadcast WHERE id IN (SELECT broadcast_id FROM mine) RETURNING 1)
         SELECT count(*) AS n FROM b`,
        ...$ids,
      )
    )[0]?.n ?? 0,
  );
  anonymized.broadcastRecipients = await tx.$executeRawUnsafe(
    `UPDATE broadcast_recipient SET member_id = NULL, conversation_id = NULL
      WHERE status IN ('sent', 'failed', 'skipped') AND (identity_id = ANY($1::uuid[]) OR member_id = ANY($2::uuid[]))`,
    ...$ids,
  );
  // "remind me when the contest opens" requests (src/quiz/reminders.ts): who asked is personal
  deleted.contestReminders = (await tx.contestReminder.deleteMany({ where: { identityId: { in: s.identityIds } } })).count;
  deleted.legalQuestions =
    (await tx.legalFeedback.deleteMany({ where: { conversationId: { in: convIds } } })).count +
    (await tx.legalUnanswered.deleteMany({ where: { conversationId: { in: convIds } } })).count;
  const closedHandoffs = await tx.handoff.findMany({ where: { conversationId: { in: convIds }, status: 'closed' }, select: { id: true } });
  deleted.handoffNotes = (await tx.handoffNote.deleteMany({ where: { handoffId: { in: closedHandoffs.map((h) => h.id) } } })).count;
  await tx.channelIdentity.updateMany({ where: { id: { in: s.identityIds } }, data: { displayName: null } });

  return { deleted, anonymized, kept: plan.keep };
}
