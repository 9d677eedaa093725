/**
 * Quiet hours 22:00-08:00 in Asia/Ho_Chi_Minh: nothing of a broadcast is sent inside them.
 * Vietnam keeps UTC+7 all year (no daylight saving), so a fixed offset is exact and needs no
 * time-zone database.
 */
const OFFSET_MS = 7 * 3_600_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const QUIET_START_HOUR = 22;
export const QUIET_END_HOUR = 8;

/** the local wall-clock time as a Date whose UTC fields read Vietnamese time */
const local = (d: Date) => new Date(d.getTime() + OFFSET_MS);
const fromLocal = (ms: number) => new Date(ms - OFFSET_MS);

export function isQuiet(d: Date): boolean {
  const h = local(d).getUTCHours();
  return h >= QUIET_START_HOUR || h < QUIET_END_HOUR;
}

/** 00:00 Vietnamese time of d's day */
export function vnDayStart(d: Date): Date {
  const l = local(d);
  return fromLocal(Date.UTC(l.getUTCFullYear(), l.getUTCMonth(), l.getUTCDate()));
}

/** 00:00 Vietnamese time of the 1st of d's month */
export function vnMonthStart(d: Date): Date {
  const l = local(d);
  return fromLocal(Date.UTC(l.getUTCFullYear(), l.getUTCMonth(), 1));
}

/** the first instant at or after d outside quiet hours */
export function nextSendable(d: Date): Date {
  if (!isQuiet(d)) return d;
  const h = local(d).getUTCHours();
  const day = vnDayStart(d).getTime();
  return new Date(day + (h >= QUIET_START_HOUR ? DAY : 0) + QUIET_END_HOUR * HOUR);
}

/** when the current sending period ends (the next 22:00), for d outside quiet hours */
export function quietStartsAt(d: Date): Date {
  return new Date(vnDayStart(d).getTime() + QUIET_START_HOUR * HOUR);
}

/** 08:00 of the next Vietnamese day (a Zalo daily cap resets at midnight; we send from 08:00) */
export function nextDayOpening(d: Date): Date {
  return new Date(vnDayStart(d).getTime() + DAY + QUIET_END_HOUR * HOUR);
}

/** 08:00 of the 1st of the next Vietnamese month */
export function nextMonthOpening(d: Date): Date {
  const l = local(d);
  return new Date(fromLocal(Date.UTC(l.getUTCFullYear(), l.getUTCMonth() + 1, 1)).getTime() + QUIET_END_HOUR * HOUR);
}

/**
 * When `seconds` of sending that starts at `start` ends, skipping quiet hours (14 sending hours a
 * day). Used for the planner's duration estimate.
 */
export function finishAt(start: Date, seconds: number): Date {
  let t = nextSendable(start).getTime();
  let left = seconds * 1000;
  for (;;) {
    const stop = quietStartsAt(new Date(t)).getTime();
    if (t + left <= stop) return new Date(t + left);
    left -= stop - t;
    t = nextSendable(new Date(stop)).getTime();
  }
}
