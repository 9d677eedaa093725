import type { Tx } from '../app/services.ts';
import { provincialFederation } from '../org/search.ts';
import type { UnitRef } from './types.ts';

export class RoutingError extends Error {}

/**
 * Who decides on an application (HD 38/HD-TLĐ §3.1): the grassroots union the worker chose, or,
 * where the workplace has none, the provincial federation of the workplace province. A chosen id
 * that is no longer a grassroots unit (merged or removed since the worker picked it) falls back
 * to the federation rather than losing the application.
 */
export async function routeApplication(
  tx: Tx,
  orgUnitId: string | null,
  provinceCode: string,
): Promise<{ routedTo: UnitRef; orgUnitId: string | null }> {
  if (orgUnitId) {
    const unit = await tx.orgUnit.findFirst({
      where: { id: orgUnitId, kind: 'grassroots' },
      select: { id: true, name: true, kind: true },
    });
    if (unit) return { routedTo: unit, orgUnitId: unit.id };
  }
  const federation = await provincialFederation(tx, provinceCode);
  if (!federation) throw new RoutingError(`no provincial federation for province ${provinceCode}`);
  return { routedTo: { id: federation.id, name: federation.name, kind: federation.kind }, orgUnitId: null };
}
