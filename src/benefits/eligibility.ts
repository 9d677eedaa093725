import type { Programme, Situation } from './schema.ts';

/** What is known about the worker; undefined/null means "not asked", which never excludes by itself except for locality. */
export interface Profile {
  isMember?: boolean | null;
  provinceCode?: string | null;
  /** materialized path of the worker's grassroots union ("/TLD/P24/X24-001/CS24-0001/") */
  unitPath?: string | null;
  /** undefined: not asked; []: asked, none applies */
  situations?: Situation[];
}

/**
 * Whether a running programme may apply to this worker. Locality must be known to match: a
 * provincial or unit programme is never offered on a guess. Membership and hardship exclude only
 * when the worker said so; when not asked, the answer shows the condition instead.
 */
export function isEligible(p: Programme, who: Profile): boolean {
  const e = p.eligibility;
  if (e.membersOnly && who.isMember === false) return false;
  if (e.provinces.length > 0 && (!who.provinceCode || !e.provinces.includes(who.provinceCode))) return false;
  // a unit's programme covers its subtree: the worker's path runs through the unit's code
  if (e.units.length > 0 && (!who.unitPath || !e.units.some((code) => who.unitPath!.includes(`/${code}/`)))) return false;
  if (e.situations.length > 0 && who.situations !== undefined && !e.situations.some((s) => who.situations!.includes(s))) return false;
  return true;
}

const SCOPE_RANK = { unit: 0, province: 1, national: 2 } as const;

/**
 * Closest first: the worker's own union, then the province, then national programmes; within
 * each, those aimed at the worker's own hardship before the general ones.
 */
export function rankForWorker(programmes: Programme[], who: Profile = {}): Programme[] {
  const scope = (p: Programme) => (p.eligibility.units.length ? SCOPE_RANK.unit : p.eligibility.provinces.length ? SCOPE_RANK.province : SCOPE_RANK.national);
  const aimed = (p: Programme) => (who.situations?.length && p.eligibility.situations.some((s) => who.situations!.includes(s)) ? 0 : 1);
  return [...programmes].sort((a, b) => scope(a) - scope(b) || aimed(a) - aimed(b) || a.id.localeCompare(b.id));
}

export function eligibleFor(programmes: Programme[], who: Profile): Programme[] {
  return rankForWorker(programmes.filter((p) => isEligible(p, who)), who);
}
