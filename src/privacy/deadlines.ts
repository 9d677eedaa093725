/**
 * Legal deadlines for answering a data subject (domain.md 5.3, Decree 356/2025 Art. 5):
 * acknowledge and explain the procedure within 2 working days; complete view/correct/provide
 * in 10 days, withdrawal/restriction/objection in 15 days, deletion in 20 days. The periods for
 * requests handled through a processor or third party (15/20/30 days) do not apply: the union
 * answers from its own system.
 *
 * domain.md does not say whether the completion periods count working days, so they are counted
 * as calendar days (the stricter reading). Working days skip Saturday and Sunday in Vietnam's
 * time zone (UTC+7, no daylight saving); public holidays are not in domain.md and not skipped,
 * which again only makes the deadline earlier.
 */
export const REQUEST_KINDS = ['view', 'export', 'correct', 'delete', 'withdraw'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** calendar days to complete each kind [ND356 Art. 5] */
export const COMPLETION_DAYS: Readonly<Record<RequestKind, number>> = {
  view: 10, // view
  export: 10, // provide
  correct: 10, // correct
  withdraw: 15, // withdrawal of consent
  delete: 20, // deletion
};

export const ACK_WORKING_DAYS = 2;

const DAY_MS = 86_400_000;
const VN_OFFSET_MS = 7 * 3_600_000;

export function addDays(from: Date, n: number): Date {
  return new Date(from.getTime() + n * DAY_MS);
}

/** `n` working days after `from` (the same time of day), skipping Saturdays and Sundays in UTC+7. */
export function addWorkingDays(from: Date, n: number): Date {
  let t = from.getTime();
  let left = n;
  while (left > 0) {
    t += DAY_MS;
    const weekday = new Date(t + VN_OFFSET_MS).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return new Date(t);
}

export function deadlinesFor(kind: RequestKind, receivedAt: Date): { ackDueAt: Date; dueAt: Date } {
  return { ackDueAt: addWorkingDays(receivedAt, ACK_WORKING_DAYS), dueAt: addDays(receivedAt, COMPLETION_DAYS[kind]) };
}
