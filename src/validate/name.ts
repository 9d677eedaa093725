import { fold } from '../lang/fold.ts';
import { HARD_INPUT_LIMIT, charLength, containsMarkup, hasForbiddenChars, stripInvisible } from './text.ts';

export type NameError = 'empty' | 'too_long' | 'invalid_chars' | 'too_short' | 'markup';
export type NameResult = { ok: true; value: string; folded: string } | { ok: false; error: NameError };

export const NAME_MAX_CHARS = 80;
export const NAME_MIN_WORDS = 2;
/** Họ + up to 3 middle names + given name is 5; 7 leaves room for compound and ethnic-minority names. */
export const NAME_MAX_WORDS = 7;

/** A word: letters (with any combining marks), with ' or - only between letters ("H'Hen", "Ka-Sô"). */
const WORD = /^(?:\p{L}\p{M}*)+(?:['-](?:\p{L}\p{M}*)+)*$/u;

/**
 * Parses a full name as the worker typed it. The value is kept exactly as typed apart from NFC,
 * trimming and single spaces: ALL CAPS copied from an ID card stays ALL CAPS, because the ID is
 * the reference and re-casing can be wrong ("McDonald", "DƯƠNG"); display code may re-case.
 * `folded` is the search key. Rejects digits, URLs, emoji, markup, mixed Latin/Cyrillic/Greek
 * look-alikes, a single word (ask for the full name) and more than 7 words (error 'too_long').
 */
export function parseFullName(text: string): NameResult {
  if (text.length > HARD_INPUT_LIMIT) return { ok: false, error: 'too_long' };
  const value = stripInvisible(text.normalize('NFC'))
    // typographic apostrophes and hyphens from phone keyboards mean the plain ones
    .replace(/[\u2018\u2019\u02BC\u0060\u00B4]/g, "'")
    .replace(/[\u2010\u2011\u2012\u2013]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
  if (value === '') return { ok: false, error: 'empty' };
  if (charLength(value) > NAME_MAX_CHARS) return { ok: false, error: 'too_long' };
  if (containsMarkup(value)) return { ok: false, error: 'markup' };
  if (hasForbiddenChars(value)) return { ok: false, error: 'invalid_chars' };
  const words = value.split(' ');
  if (!words.every((w) => WORD.test(w))) return { ok: false, error: 'invalid_chars' };
  if (mixesLookAlikeScripts(value)) return { ok: false, error: 'invalid_chars' };
  if (words.length < NAME_MIN_WORDS) return { ok: false, error: 'too_short' };
  if (words.length > NAME_MAX_WORDS) return { ok: false, error: 'too_long' };
  return { ok: true, value, folded: fold(value) };
}

/** "Nguyễn Văn Аn" with a Cyrillic А would create a second, unsearchable member record. */
function mixesLookAlikeScripts(value: string): boolean {
  const latin = /\p{Script=Latin}/u.test(value);
  return latin && /[\p{Script=Cyrillic}\p{Script=Greek}]/u.test(value);
}
