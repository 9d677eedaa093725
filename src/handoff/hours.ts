/**
 * Opening hours of the union's officers, in Vietnam's time (UTC+7 all year: no daylight saving,
 * so the offset is fixed and no time-zone database is needed). Written like
 * "mon-fri 07:30-17:00; sat 07:30-11:30".
 */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const OFFSET_MS = 7 * 3_600_000;
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** per weekday (0 = Sunday) the open intervals in minutes since local midnight */
export type OpeningHours = Array<Array<[number, number]>>;

export function parseHours(spec: string): OpeningHours | string {
  const week: OpeningHours = DAYS.map(() => []);
  for (const part of spec.split(';').map((p) => p.trim().toLowerCase()).filter(Boolean)) {
    const m = /^([a-z]{3})(?:-([a-z]{3}))?\s+(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(part);
    if (!m) return `"${part}" is not like "mon-fri 07:30-17:00"`;
    const from = DAYS.indexOf(m[1] as (typeof DAYS)[number]);
    const to = DAYS.indexOf((m[2] ?? m[1]) as (typeof DAYS)[number]);
    if (from < 0 || to < 0) return `unknown day in "${part}"`;
    const open = Number(m[3]) * 60 + Number(m[4]);
    const close = Number(m[5]) * 60 + Number(m[6]);
    if (open >= close || close > 24 * 60) return `"${part}": opening must be before closing`;
    for (let d = from; ; d = (d + 1) % 7) {
      week[d]!.push([open, close]);
      if (d === to) break;
    }
  }
  return week;
}

function local(now: Date): { day: number; minute: number; midnight: number } {
  const shifted = new Date(now.getTime() + OFFSET_MS);
  const minute = shifted.getUTCHours() * 60 + shifted.getUTCMinutes();
  const midnight = now.getTime() - (minute * 60_000 + shifted.getUTCSeconds() * 1000 + shifted.getUTCMilliseconds());
  return { day: shifted.getUTCDay(), minute, midnight };
}

export function isOpen(hours: OpeningHours, now: Date): boolean {
  const { day, minute } = local(now);
  return hours[day]!.some(([a, b]) => minute >= a && minute < b);
}

/** now when open, else the next opening time (null when the week has no hours at all) */
export function nextOpening(hours: OpeningHours, now: Date): Date | null {
  if (isOpen(hours, now)) return now;
  const { day, minute, midnight } = local(now);
  for (let i = 0; i < 8; i++) {
    const d = (day + i) % 7;
    const starts = hours[d]!.map(([a]) => a).filter((a) => i > 0 || a > minute).sort((x, y) => x - y);
    if (starts.length) return new Date(midnight + i * 86_400_000 + starts[0]! * 60_000);
  }
  return null;
}

/** "Thứ Hai–Thứ Sáu 07:30–17:00; Thứ Bảy 07:30–11:30"-style text, built from locale day names */
export function describeHours(hours: OpeningHours, dayNames: readonly string[]): string {
  const fmt = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const key = (d: number) => hours[d]!.map(([a, b]) => `${fmt(a)}–${fmt(b)}`).join(', ');
  const parts: string[] = [];
  const order = [1, 2, 3, 4, 5, 6, 0];
  for (let i = 0; i < order.length; ) {
    const d = order[i]!;
    if (!hours[d]!.length) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < order.length && key(order[j + 1]!) === key(d)) j++;
    const span = j > i ? `${dayNames[d]}–${dayNames[order[j]!]}` : dayNames[d]!;
    parts.push(`${span} ${key(d)}`);
    i = j + 1;
  }
  return parts.join('; ');
}

/**
 * Milliseconds of opening hours between two instants: a message written on Friday at 16:55 and
 * unanswered until Monday 07:35 has waited ten minutes of the officers' time, not a weekend.
 */
export function openMsBetween(hours: OpeningHours, from: Date, to: Date): number {
  const start = from.getTime();
  const end = to.getTime();
  if (end <= start) return 0;
  let { day, midnight } = local(from);
  let total = 0;
  // a sweep runs every few seconds, so spans are short; the cap only bounds a stale row's cost
  for (let i = 0; i < 400 && midnight < end; i++) {
    for (const [a, b] of hours[day]!) {
      const lo = Math.max(start, midnight + a * 60_000);
      const hi = Math.min(end, midnight + b * 60_000);
      if (hi > lo) total += hi - lo;
    }
    day = (day + 1) % 7;
    midnight += 86_400_000;
  }
  return total;
}
