/**
 * Who an officer is and what they may see. Every query of members, registrations, cases and
 * conversations is filtered by `scopePath` in the query itself (DESIGN.md "People, org tree").
 */
export const OFFICER_ROLES = ['officer', 'unit_admin', 'federation_admin', 'system_admin'] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];

export interface OfficerContext {
  officerId: string;
  /** org_unit.path prefix of the officer's unit, e.g. "/TLD/P24/": their whole subtree */
  scopePath: string;
  /** absent on the bearer tokens minted before roles existed: treated as 'officer' */
  role?: OfficerRole;
}

/** True when the role is at least one of the given ones (system_admin passes every check). */
export function hasRole(ctx: OfficerContext, roles: readonly OfficerRole[]): boolean {
  const role = ctx.role ?? 'officer';
  return role === 'system_admin' || roles.includes(role);
}

/** The roles at or above one: `{ roles: rolesFrom('unit_admin') }` lets every admin through. */
export function rolesFrom(min: OfficerRole): OfficerRole[] {
  return OFFICER_ROLES.slice(OFFICER_ROLES.indexOf(min));
}
