import { fold } from '../lang/fold.ts';

/** Lower-cased, diacritics folded, "," and "." kept: they decide between 8,5 triệu and 8.000.000. */
const prep = (text: string) => fold(text.normalize('NFKC'));

const NUM = String.raw`(\d+(?:[.,]\d+)*)`;

function toNumber(raw: string): number {
  // "8.000.000" / "8,000,000": thousands groups; "8,5" / "8.5": a decimal
  if (/^\d{1,3}(?:[.,]\d{3})+$/.test(raw)) return Number(raw.replace(/[.,]/g, ''));
  return Number(raw.replace(',', '.'));
}

/**
 * Money amounts a worker types: "8 triệu", "8tr", "8tr5", "8 triệu rưỡi", "8,5 triệu",
 * "8.000.000đ", "8000000 vnd", "30k", "30 nghìn". Returns VND, or null when none is found.
 */
export function parseMoney(text: string): number | null {
  const t = prep(text);
  let m = new RegExp(String.raw`(\d+)\s*(?:tr|trieu|cu)\s*(\d)(?!\d)`).exec(t);
  if (m) return Number(m[1]) * 1e6 + Number(m[2]) * 1e5;
  m = new RegExp(String.raw`${NUM}\s*(?:trieu|tr|cu|m)\b(\s*ruoi)?`).exec(t);
  if (m) return Math.round(toNumber(m[1]!) * 1e6 + (m[2] ? 5e5 : 0));
  m = new RegExp(String.raw`${NUM}\s*(?:k|nghin|ngan)\b`).exec(t);
  if (m) return Math.round(toNumber(m[1]!) * 1e3);
  for (const mm of t.matchAll(new RegExp(String.raw`${NUM}\s*(?:d|dong|vnd)?(?![\d%])`, 'g'))) {
    const n = toNumber(mm[1]!);
    if (n >= 10000) return n;
  }
  return null;
}

/** Hours: "10 giờ", "10h", "10 tiếng", "2,5 giờ". */
export function parseHours(text: string): number | null {
  const m = new RegExp(String.raw`(\d+(?:[.,]\d+)?)\s*(?:gio|h|tieng)\b`).exec(prep(text));
  return m ? Number(m[1]!.replace(',', '.')) : null;
}

/** Length of service: "3 năm 5 tháng", "5 nam", "18 thang". Returns whole months. */
export function parseService(text: string): number | null {
  const t = prep(text);
  const y = /(\d+(?:[.,]5)?)\s*nam\b/.exec(t);
  const mo = /(\d+)\s*thang\b/.exec(t);
  if (!y && !mo) return null;
  return Math.round((y ? Number(y[1]!.replace(',', '.')) : 0) * 12) + (mo ? Number(mo[1]) : 0);
}

/** Working days a month the worker states: "26 ngày công". */
export function parseWorkingDays(text: string): number | null {
  const m = /(\d{2})\s*(?:ngay cong|cong)\b/.exec(prep(text));
  const n = m ? Number(m[1]) : NaN;
  return n >= 10 && n <= 31 ? n : null;
}

/** Region of the minimum wage: "vùng 1", "vung II", "vùng IV". */
export function parseRegion(text: string): 1 | 2 | 3 | 4 | null {
  const m = /\b(?:vung|region)\s*(1|2|3|4|iv|iii|ii|i)\b/.exec(prep(text));
  if (!m) return null;
  const map: Record<string, 1 | 2 | 3 | 4> = { '1': 1, '2': 2, '3': 3, '4': 4, i: 1, ii: 2, iii: 3, iv: 4 };
  return map[m[1]!]!;
}
