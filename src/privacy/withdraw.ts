import type { Tx } from '../app/services.ts';
import type { Subject } from './subject.ts';

/**
 * "Rút lại đồng ý" per purpose (Law 91/2025 Art. 9: one consent per purpose; Art. 10: a
 * withdrawal does not affect processing done before it). The consent rows are kept as proof
 * (ND 356 Art. 6(2)); withdrawnAt marks the end.
 */
export async function activePurposes(tx: Tx, s: Subject): Promise<string[]> {
  const rows = await tx.consent.findMany({
    where: { identityId: { in: s.identityIds }, granted: true, withdrawnAt: null },
    select: { purpose: true },
    distinct: ['purpose'],
    orderBy: { purpose: 'asc' },
  });
  return rows.map((r) => r.purpose);
}

export async function withdrawPurpose(tx: Tx, s: Subject, purpose: string, now: Date): Promise<number> {
  const r = await tx.consent.updateMany({
    where: { identityId: { in: s.identityIds }, purpose, granted: true, withdrawnAt: null },
    data: { withdrawnAt: now },
  });
  return r.count;
}
