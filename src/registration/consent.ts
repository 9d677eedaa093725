import type { Tx } from '../app/services.ts';

export type ConsentPurpose = 'membership_registration';

export interface ConsentDecision {
  identityId: string;
  purpose: ConsentPurpose;
  /** which notice text the worker saw; bump it whenever the notice wording changes */
  noticeVersion: string;
  granted: boolean;
  /** the inbound message that carried the decision (its dedupe key), the proof ND 356 Art. 6 asks for */
  evidence: string;
  at: Date;
}

/** One row per decision: consent is per purpose and must be provable later (Law 91/2025 Art. 9). */
export async function recordConsent(tx: Tx, d: ConsentDecision): Promise<{ id: string }> {
  return tx.consent.create({
    data: {
      identityId: d.identityId,
      purpose: d.purpose,
      noticeVersion: d.noticeVersion,
      granted: d.granted,
      evidence: d.evidence,
      decidedAt: d.at,
    },
    select: { id: true },
  });
}
