import type { Tx } from '../app/services.ts';

/** Identifies the notice a non-member saw before giving name, phone and unit (locales quiz.json identity.notice). */
export const CONTEST_NOTICE_VERSION = 'contest_participation/2026-11-22';

export async function recordContestConsent(tx: Tx, d: { identityId: string; evidence: string; at: Date }): Promise<void> {
  await tx.consent.create({
    data: { identityId: d.identityId, purpose: 'contest_participation', noticeVersion: CONTEST_NOTICE_VERSION, granted: true, evidence: d.evidence, decidedAt: d.at },
  });
}
