import type { Tx } from '../app/services.ts';

export interface KnownProfile {
  isMember: boolean;
  memberId: string | null;
  provinceCode: string | null;
  unitId: string | null;
  unitName: string | null;
  unitPath: string | null;
}

/**
 * What the assistant already knows from verified records: a member linked to this identity, or an
 * approved membership application filed from it. Null when neither, so the flow asks.
 */
export async function knownProfile(tx: Tx, identityId: string, memberId: string | null): Promise<KnownProfile | null> {
  const unitSelect = { id: true, name: true, path: true, provinceCode: true } as const;
  if (memberId) {
    const m = await tx.member.findUnique({ where: { id: memberId }, select: { id: true, orgUnit: { select: unitSelect } } });
    if (m) {
      const u = m.orgUnit;
      return { isMember: true, memberId: m.id, provinceCode: u?.provinceCode ?? null, unitId: u?.id ?? null, unitName: u?.name ?? null, unitPath: u?.path ?? null };
    }
  }
  const reg = await tx.registration.findFirst({
    where: { identityId, status: 'da_duyet' },
    orderBy: { createdAt: 'desc' },
    select: { memberId: true, provinceCode: true, orgUnit: { select: unitSelect } },
  });
  if (!reg) return null;
  const u = reg.orgUnit;
  return { isMember: true, memberId: reg.memberId, provinceCode: reg.provinceCode, unitId: u?.id ?? null, unitName: u?.name ?? null, unitPath: u?.path ?? null };
}
