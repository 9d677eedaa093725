import { normalizeForMatch } from '../lang/normalize.ts';

export const LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'];

export type AnswerParse =
  | { ok: true; picks: number[] }
  | { ok: false; error: 'empty' | 'not_an_option' | 'one_only' };

/**
 * Reads a typed answer as shown positions (0-based): "2", "b", "B.", "1,3", "1 3", "a c",
 * "a va c". True/false questions also take "dung"/"sai" (and "true"/"false"). Whatever the
 * channel, a number is the position as displayed, which is what Zalo's numbered menu shows.
 */
export function parseTypedAnswer(text: string, count: number, opts: { multiple: boolean; trueFalse: boolean }): AnswerParse {
  const norm = normalizeForMatch(text);
  if (!norm) return { ok: false, error: 'empty' };
  if (opts.trueFalse) {
    if (/^(dung|true|yes|co|d|t|dung roi)$/.test(norm)) return { ok: true, picks: [0] };
    if (/^(sai|false|no|khong|s|f)$/.test(norm)) return { ok: true, picks: [1] };
  }
  const tokens = norm
    .replace(/\b(va|and|cau|dap an|chon|phuong an|so)\b/g, ' ')
    .split(/[\s,;.+/&-]+/)
    .filter(Boolean);
  if (tokens.length === 0) return { ok: false, error: 'not_an_option' };
  const picks: number[] = [];
  for (const t of tokens) {
    let i: number;
    if (/^\d+$/.test(t)) i = Number(t) - 1;
    else if (/^[a-f]$/.test(t)) i = t.charCodeAt(0) - 97;
    else if (/^[a-f]+$/.test(t) && opts.multiple && t.length <= count) {
      // "ac" typed without a separator
      for (const ch of t) picks.push(ch.charCodeAt(0) - 97);
      continue;
    } else return { ok: false, error: 'not_an_option' };
    picks.push(i);
  }
  const unique = [...new Set(picks)];
  if (unique.some((i) => i < 0 || i >= count)) return { ok: false, error: 'not_an_option' };
  if (!opts.multiple && unique.length > 1) return { ok: false, error: 'one_only' };
  return { ok: true, picks: unique.sort((a, b) => a - b) };
}
