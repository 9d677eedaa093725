/**
 * Free-text answers (employer, address, job title) and the input hygiene shared by the other
 * validators. Values are stored and later shown to officers in the web inbox, so markup and
 * invisible spoofing characters are refused rather than silently escaped.
 */

export type FreeTextError = 'empty' | 'too_short' | 'too_long' | 'markup' | 'invalid_chars';
export type FreeTextResult = { ok: true; value: string } | { ok: false; error: FreeTextError };

/** Anything longer than this is refused before any Unicode work is spent on it. */
export const HARD_INPUT_LIMIT = 2000;

/**
 * Zero-width characters and soft hyphens arrive with copy-paste from web pages and PDFs; they
 * carry no meaning in a name or an address, so they are removed rather than refused.
 */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200D\u2060\uFEFF]/g;

/**
 * Bidi overrides/isolates can make an officer's screen show text in a different order than it
 * is stored ("Trojan Source"); the rest are C0/C1 controls other than ordinary whitespace.
 */
const FORBIDDEN_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/** Lone surrogates are not text; they break JSON and database encodings downstream. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

export function hasForbiddenChars(text: string): boolean {
  return FORBIDDEN_CONTROLS.test(text) || LONE_SURROGATE.test(text);
}

/**
 * HTML/script in an answer: a tag opener as browsers parse one ("<b>", "</p", "<!--",
 * "<?xml"), an escaped one ("&lt;script"), or a script URL. "a < b" or "số 5<6" are not markup.
 */
export function containsMarkup(text: string): boolean {
  return (
    /<[/!?]?[a-z]|<!--/i.test(text) ||
    /&(?:lt|gt|#0*60|#x0*3c);/i.test(text) ||
    /\b(?:javascript|vbscript)\s*:/i.test(text)
  );
}

/** Length as people count it: code points, so an emoji or a decomposed letter is one character. */
export function charLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * Cleans a free-text answer: NFC, invisible characters removed, whitespace (newlines included,
 * these are one-line fields) squeezed to single spaces, then trimmed. `min`/`max` count code
 * points of the cleaned value.
 */
export function parseFreeText(text: string, limits: { min?: number; max: number }): FreeTextResult {
  if (text.length > Math.max(HARD_INPUT_LIMIT, limits.max * 4)) return { ok: false, error: 'too_long' };
  const value = stripInvisible(text.normalize('NFC')).replace(/\s+/g, ' ').trim();
  if (value === '') return { ok: false, error: 'empty' };
  const length = charLength(value);
  if (length > limits.max) return { ok: false, error: 'too_long' };
  if (containsMarkup(value)) return { ok: false, error: 'markup' };
  if (hasForbiddenChars(value)) return { ok: false, error: 'invalid_chars' };
  if (limits.min !== undefined && length < limits.min) return { ok: false, error: 'too_short' };
  return { ok: true, value };
}
