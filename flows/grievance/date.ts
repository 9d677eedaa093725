import type { ParseResult } from '../../src/flowkit/types.ts';
import { normalizeForMatch } from '../../src/lang/normalize.ts';

const VN_OFFSET_MS = 7 * 3600 * 1000;
const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

export function vnToday(now: Date): string {
  return new Date(now.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

function valid(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * When the worker discovered the problem: "12/3/2026", "12-03", "3/2026", "hôm nay", "hôm qua",
 * or "không nhớ" (null: the case is filed without deadlines). Never in the future.
 */
export function parseDiscovered(text: string, now: Date): ParseResult<string | null> {
  const n = normalizeForMatch(text);
  const today = vnToday(now);
  if (/^(hom nay|today)$/.test(n)) return { ok: true, value: today };
  if (/^(hom qua|yesterday)$/.test(n)) return { ok: true, value: new Date(Date.parse(today) - 86400000).toISOString().slice(0, 10) };
  if (/(khong nho|khong biet|quen roi|dont know|don t know|not sure|khong ro)/.test(n)) return { ok: true, value: null };
  const [ty, tm] = today.split('-').map(Number) as [number, number];
  let y: number, m: number, d: number;
  let mm: RegExpExecArray | null;
  if ((mm = /^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$/.exec(text.trim()))) [d, m, y] = [Number(mm[1]), Number(mm[2]), Number(mm[3])];
  else if ((mm = /^(\d{1,2})\s*[/.\-]\s*(\d{4})$/.exec(text.trim()))) [d, m, y] = [1, Number(mm[1]), Number(mm[2])];
  else if ((mm = /^(\d{1,2})\s*[/.\-]\s*(\d{1,2})$/.exec(text.trim()))) {
    [d, m] = [Number(mm[1]), Number(mm[2])];
    // "12/11" typed in January means last year's November
    y = m > tm ? ty - 1 : ty;
  } else return { ok: false, error: 'format' };
  if (!valid(y, m, d)) return { ok: false, error: 'format' };
  const value = iso(y, m, d);
  if (value > today) return { ok: false, error: 'future' };
  if (y < ty - 20) return { ok: false, error: 'format' };
  return { ok: true, value };
}
