import { fold } from '../lang/fold.ts';

export type DateError = 'format' | 'year_two_digits' | 'invalid_date' | 'future' | 'too_young' | 'too_old';
export type DateResult =
  | { ok: true; value: string; year: number; month: number; day: number }
  | { ok: false; error: DateError };

/** Working age under the Labour Code is 15; union membership follows it. */
export const MIN_AGE = 15;
export const MAX_AGE = 100;

/** Vietnam has one time zone and no daylight saving; "today" is the calendar day in Hà Nội. */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

interface Ymd {
  year: number;
  month: number;
  day: number;
}

type Extracted = Ymd | 'format' | 'year_two_digits';

function vietnamToday(now: Date): Ymd {
  const d = new Date(now.getTime() + VIETNAM_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function fromParts(d: string, m: string, y: string): Extracted {
  if (y.length === 2) return 'year_two_digits';
  if (y.length !== 4 || d.length > 2 || m.length > 2) return 'format';
  return { year: Number(y), month: Number(m), day: Number(d) };
}

/**
 * Finds day, month, year in what a worker typed, always day first (never mm/dd):
 * "05/03/1990", "5-3-1990", "5.3.1990", "5 3 1990", "05031990", "ngày 5 tháng 3 năm 1990",
 * "mùng 5 tháng 3, 1990", "sinh ngày 05/03/1990 ạ", and the unambiguous ISO "1990-03-05".
 */
function extract(text: string): Extracted {
  const t = fold(text.normalize('NFKC'));
  const words = /(?:(?:ngay|mung|mong)\s*)?(\d{1,4})[\s,]*thang\s*(\d{1,4})[\s,/]*(?:nam\s*)?(\d{1,4})/.exec(t);
  if (words !== null) {
    const rest = t.replace(words[0], ' ');
    if (/\d/.test(rest)) return 'format';
    return fromParts(words[1]!, words[2]!, words[3]!);
  }
  // one run of digits and separators; a second run ("5/3/1990 hoặc 6/3/1990") is ambiguous
  const runs = t.match(/\d[\d\s/.\-]*\d|\d/g) ?? [];
  if (runs.length !== 1) return 'format';
  const groups = runs[0]!.split(/[\s/.\-]+/);
  if (groups.length === 1) {
    const g = groups[0]!;
    if (g.length === 8) return fromParts(g.slice(0, 2), g.slice(2, 4), g.slice(4));
    if (g.length === 6) return 'year_two_digits';
    return 'format';
  }
  if (groups.length !== 3) return 'format';
  const [a, b, c] = groups as [string, string, string];
  if (a.length === 4 && c.length <= 2) return { year: Number(a), month: Number(b), day: Number(c) };
  return fromParts(a, b, c);
}

/**
 * Parses a date of birth. Errors: 'format' (not a day-month-year date), 'year_two_digits' (ask
 * for the full year: "90" may be 1990 or 2090), 'invalid_date' (31/02, 29/02 in a common year,
 * month 13), 'future', 'too_young' (under 15 on `today`), 'too_old' (over 100).
 */
export function parseDateOfBirth(text: string, today: Date = new Date()): DateResult {
  if (text.length > 200) return { ok: false, error: 'format' };
  const found = extract(text);
  if (typeof found === 'string') return { ok: false, error: found };
  const { year, month, day } = found;
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, error: 'invalid_date' };
  }
  const now = vietnamToday(today);
  const cmp = year - now.year || month - now.month || day - now.day;
  if (cmp > 0) return { ok: false, error: 'future' };
  // a 29/02 birthday is reached on 01/03 in common years
  const birthdayPassed = month < now.month || (month === now.month && day <= now.day);
  const age = now.year - year - (birthdayPassed ? 0 : 1);
  if (age < MIN_AGE) return { ok: false, error: 'too_young' };
  if (age > MAX_AGE) return { ok: false, error: 'too_old' };
  return { ok: true, value: `${year}-${pad2(month)}-${pad2(day)}`, year, month, day };
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** 'YYYY-MM-DD' -> 'dd/mm/yyyy', the only date order Vietnamese readers expect. */
export function formatDateVi(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (m === null) throw new RangeError(`not a YYYY-MM-DD date: ${iso}`);
  return `${m[3]}/${m[2]}/${m[1]}`;
}
