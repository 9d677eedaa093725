import type { CaseCategory } from './types.ts';

/**
 * Individual labour disputes (BLLĐ 2019 Art. 190): a request is time-barred after 6 months to
 * the labour mediator, 9 months to the Arbitration Council, 1 year to court, counted from the day
 * the worker discovered the violation. Shown for the categories that are such disputes.
 */
export const DISPUTE_CATEGORIES: ReadonlySet<CaseCategory> = new Set(['wages', 'overtime', 'social_insurance', 'dismissal', 'discipline']);

/** Art. 188(1): these go to court without mandatory mediation first. */
export const NO_MANDATORY_MEDIATION: ReadonlySet<CaseCategory> = new Set(['dismissal', 'social_insurance']);

export interface DisputeDeadlines {
  discoveredOn: string;
  mediator: string;
  arbitration: string;
  court: string;
  /** the court limit has already passed */
  expired: boolean;
  mediationOptional: boolean;
}

function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

export function disputeDeadlines(category: CaseCategory, discoveredOn: string | null | undefined, today: string): DisputeDeadlines | null {
  if (!discoveredOn || !DISPUTE_CATEGORIES.has(category)) return null;
  const court = addMonths(discoveredOn, 12);
  return {
    discoveredOn,
    mediator: addMonths(discoveredOn, 6),
    arbitration: addMonths(discoveredOn, 9),
    court,
    expired: court < today,
    mediationOptional: NO_MANDATORY_MEDIATION.has(category),
  };
}
