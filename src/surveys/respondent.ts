import type { Prisma } from '../generated/prisma/client.ts';
import type { Keyring } from '../security/crypto.ts';
import type { Survey } from './schema.ts';

type Db = Prisma.TransactionClient;

/** Who answers: a member across all their channels, otherwise this one channel identity. */
export interface Respondent {
  memberId: string | null;
  identityId: string;
  /** the worker's org unit, from membership or else from their membership application */
  unit: { code: string; path: string; provinceCode: string | null } | null;
  provinceCode: string | null;
}

export async function resolveRespondent(db: Db, who: { memberId: string | null; identityId: string }): Promise<Respondent> {
  let unitId: string | null = null;
  let provinceCode: string | null = null;
  if (who.memberId) {
    const m = await db.member.findUnique({ where: { id: who.memberId }, select: { orgUnitId: true, status: true } });
    unitId = m?.orgUnitId ?? null;
  }
  if (!unitId) {
    const reg = await db.registration.findFirst({
      where: { identityId: who.identityId },
      orderBy: { createdAt: 'desc' },
      select: { orgUnitId: true, provinceCode: true },
    });
    unitId = reg?.orgUnitId ?? null;
    provinceCode = reg?.provinceCode ?? null;
  }
  const unit = unitId
    ? await db.orgUnit.findUnique({ where: { id: unitId }, select: { code: true, path: true, provinceCode: true } })
    : null;
  return { memberId: who.memberId, identityId: who.identityId, unit, provinceCode: unit?.provinceCode ?? provinceCode };
}

/**
 * A target unit covers its subtree (the materialized path holds every ancestor's code). Someone
 * whose unit is unknown is reached only by surveys addressed to the whole tree.
 */
export function isTargeted(s: Survey, r: Respondent, rootCodes: ReadonlySet<string>): boolean {
  if (s.target.audience === 'members' && !r.memberId) return false;
  if (!r.unit) return s.target.units.some((c) => rootCodes.has(c));
  const path = r.unit.path.split('/').filter(Boolean);
  return s.target.units.some((c) => path.includes(c));
}

export async function rootCodes(db: Db): Promise<Set<string>> {
  const roots = await db.orgUnit.findMany({ where: { parentId: null }, select: { code: true } });
  return new Set(roots.map((r) => r.code));
}

/** Keyed, so nobody holding the table alone can test "did member X answer?". */
export function respondentKey(keyring: Keyring, surveyId: string, r: Pick<Respondent, 'memberId' | 'identityId'>): string {
  return keyring.lookupHash('survey-respondent', `${surveyId}:${r.memberId ? `member:${r.memberId}` : `identity:${r.identityId}`}`);
}
