import type { Tx } from '../app/services.ts';
import type { UnitRef } from './types.ts';

export class CaseRoutingError extends Error {}

const UNIT = { id: true, name: true, code: true, path: true } as const;

export interface RouteInput {
  /** the grassroots union the worker named, if any */
  orgUnitId: string | null;
  /** province of the workplace */
  provinceCode: string;
  /** the grievance is about the grassroots union itself */
  aboutUnion: boolean;
}

/**
 * Who handles a case: the grassroots union of the workplace; the provincial federation when the
 * workplace has none, when the named unit no longer exists, or when the case is about the
 * grassroots union itself (it must not judge its own conduct).
 */
export async function routeCase(tx: Tx, input: RouteInput): Promise<{ routedTo: UnitRef; orgUnitId: string | null; viaFederation: boolean }> {
  const unit = input.orgUnitId
    ? await tx.orgUnit.findFirst({ where: { id: input.orgUnitId, kind: 'grassroots' }, select: { ...UNIT, provinceCode: true } })
    : null;
  if (unit && !input.aboutUnion) return { routedTo: pick(unit), orgUnitId: unit.id, viaFederation: false };
  // about the union: the federation of the union's own province, which may differ from what the worker typed
  const provinceCode = unit?.provinceCode ?? input.provinceCode;
  const federation = await tx.orgUnit.findFirst({ where: { kind: 'province', provinceCode }, select: UNIT });
  if (!federation) throw new CaseRoutingError(`no provincial federation for province ${provinceCode}`);
  return { routedTo: federation, orgUnitId: unit?.id ?? null, viaFederation: true };
}

const pick = (u: UnitRef): UnitRef => ({ id: u.id, name: u.name, code: u.code, path: u.path });
