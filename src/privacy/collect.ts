import type { Tx } from '../app/services.ts';
import type { Keyring } from '../security/crypto.ts';
import type { Subject } from './subject.ts';

/**
 * Everything the union holds about one data subject, opened (decrypted) for them alone: the
 * basis of "xem" (shown masked) and "xuất" (the file). Law 91/2025 Art. 4(1): the right to view
 * and to be provided one's data. Conversation texts are not listed one by one: they are the
 * worker's own chat history, which they have on their app; the count says they exist.
 */
export interface SubjectData {
  member: { memberNo: string | null; fullName: string; unitName: string | null; status: string; joinedAt: Date | null } | null;
  registrations: Array<{
    code: string;
    status: string;
    fullName: string;
    dob: string | null;
    gender: string;
    cccd: string | null;
    phone: string | null;
    employer: string;
    workplaceAddress: string;
    provinceCode: string;
    unitName: string | null;
    createdAt: Date;
    decidedAt: Date | null;
  }>;
  cases: Array<{ code: string; status: string; category: string; employer: string; description: string | null; createdAt: Date }>;
  benefitRequests: Array<{ code: string; programmeId: string; status: string; fullName: string | null; phone: string | null; createdAt: Date }>;
  consents: Array<{ purpose: string; granted: boolean; noticeVersion: string; decidedAt: Date; withdrawnAt: Date | null }>;
  channelAccounts: Array<{ channel: string; displayName: string | null; createdAt: Date }>;
  contestAttempts: Array<{ contestId: string; fullName: string; unitName: string; score: number; startedAt: Date }>;
  memberCards: Array<{ memberNo: string; issuedAt: Date; revokedAt: Date | null }>;
  surveyResponses: number;
  conversationMessages: number;
}

const tryOpen = (keyring: Keyring, sealed: string | null | undefined): string | null => {
  if (!sealed) return null;
  try {
    return keyring.open(sealed);
  } catch {
    return null;
  }
};

/** The where-clause that finds rows belonging to the subject by chat account or member. */
export function ownedBy(s: Subject): Array<{ identityId: { in: string[] } } | { memberId: string }> {
  return [{ identityId: { in: s.identityIds } }, ...(s.memberId ? [{ memberId: s.memberId }] : [])];
}

export async function collectSubjectData(tx: Tx, keyring: Keyring, s: Subject): Promise<SubjectData> {
  const member = s.memberId
    ? await tx.member.findUnique({
        where: { id: s.memberId },
        select: { memberNo: true, fullName: true, status: true, joinedAt: true, orgUnit: { select: { name: true } } },
      })
    : null;
  const registrations = await tx.registration.findMany({
    where: { OR: [{ id: { in: s.registrationIds } }, { identityId: { in: s.identityIds } }] },
    orderBy: { createdAt: 'asc' },
    include: { orgUnit: { select: { name: true } } },
  });
  const cases = await tx.grievanceCase.findMany({ where: { OR: ownedBy(s) }, orderBy: { createdAt: 'asc' } });
  const benefits = await tx.benefitRequest.findMany({ where: { OR: ownedBy(s) }, orderBy: { createdAt: 'asc' } });
  const consents = await tx.consent.findMany({ where: { identityId: { in: s.identityIds } }, orderBy: { decidedAt: 'asc' } });
  const accounts = await tx.channelIdentity.findMany({ where: { id: { in: s.identityIds } }, orderBy: { createdAt: 'asc' } });
  const attempts = await tx.contestAttempt.findMany({ where: { OR: ownedBy(s) }, orderBy: { startedAt: 'asc' } });
  const cards = s.memberId
    ? await tx.memberCard.findMany({ where: { memberId: s.memberId }, orderBy: { issuedAt: 'asc' }, select: { memberNo: true, issuedAt: true, revokedAt: true } })
    : [];
  const surveyResponses = await tx.surveyResponse.count({ where: { OR: ownedBy(s) } });
  const conversations = await tx.conversation.findMany({ where: { identityId: { in: s.identityIds } }, select: { id: true } });
  const conversationMessages = conversations.length
    ? await tx.inboxMessage.count({ where: { conversationId: { in: conversations.map((c) => c.id) } } })
    : 0;

  return {
    member: member
      ? { memberNo: member.memberNo, fullName: member.fullName, unitName: member.orgUnit?.name ?? null, status: member.status, joinedAt: member.joinedAt }
      : null,
    registrations: registrations.map((r) => ({
      code: r.code,
      status: r.status,
      fullName: r.fullName,
      dob: tryOpen(keyring, r.dobEnc),
      gender: r.gender,
      cccd: tryOpen(keyring, r.cccdEnc),
      phone: tryOpen(keyring, r.phoneEnc),
      employer: r.employer,
      workplaceAddress: r.workplaceAddress,
      provinceCode: r.provinceCode,
      unitName: r.orgUnit?.name ?? null,
      createdAt: r.createdAt,
      decidedAt: r.decidedAt,
    })),
    cases: cases.map((c) => ({
      code: c.code,
      status: c.status,
      category: c.category,
      employer: c.employer,
      description: tryOpen(keyring, c.descriptionEnc),
      createdAt: c.createdAt,
    })),
    benefitRequests: benefits.map((b) => ({
      code: b.code,
      programmeId: b.programmeId,
      status: b.status,
      fullName: tryOpen(keyring, b.fullNameEnc),
      phone: tryOpen(keyring, b.phoneEnc),
      createdAt: b.createdAt,
    })),
    consents: consents.map((c) => ({ purpose: c.purpose, granted: c.granted, noticeVersion: c.noticeVersion, decidedAt: c.decidedAt, withdrawnAt: c.withdrawnAt })),
    channelAccounts: accounts.map((a) => ({ channel: a.channel, displayName: a.displayName, createdAt: a.createdAt })),
    contestAttempts: attempts.map((a) => ({ contestId: a.contestId, fullName: a.fullName, unitName: a.unitName, score: a.score, startedAt: a.startedAt })),
    memberCards: cards,
    surveyResponses,
    conversationMessages,
  };
}
