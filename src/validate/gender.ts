import { normalizeForMatch } from '../lang/normalize.ts';

export type Gender = 'male' | 'female';

/**
 * Explicit answers only. Pronouns ("anh", "chị", "em") and names are deliberately not read as a
 * gender: "anh" is also how workers address the bot, and guessing sex from a name is wrong
 * often enough to corrupt membership statistics. Keys are normalizeForMatch forms.
 */
const ANSWERS: ReadonlyMap<string, Gender> = new Map([
  ['nam', 'male'],
  ['nam gioi', 'male'],
  ['gioi tinh nam', 'male'],
  ['gt nam', 'male'],
  ['phai nam', 'male'],
  ['dan ong', 'male'],
  ['male', 'male'],
  ['m', 'male'],
  ['man', 'male'],
  ['nu', 'female'],
  ['nu gioi', 'female'],
  ['gioi tinh nu', 'female'],
  ['gt nu', 'female'],
  ['phai nu', 'female'],
  ['phu nu', 'female'],
  ['female', 'female'],
  ['f', 'female'],
  ['woman', 'female'],
]);

/** Politeness and "I am ..." framing around the answer: "dạ em là nữ ạ", "tôi là nam nhé". */
const LEAD = new Set(['da', 'vang', 'em', 'anh', 'chi', 'toi', 'minh', 'tui', 'con', 'la', 'thi', 'thua']);
const TRAIL = new Set(['a', 'nhe', 'nha', 'ah', 'ak', 'oi', 'ban', 'ad', 'admin']);

/** Returns 'male' | 'female' for an explicit answer, null otherwise ("không phải nam" included). */
export function parseGender(text: string): Gender | null {
  if (text.length > 100) return null;
  let words = normalizeForMatch(text).split(' ').filter(Boolean);
  while (words.length > 1 && LEAD.has(words[0]!)) words = words.slice(1);
  while (words.length > 1 && TRAIL.has(words.at(-1)!)) words = words.slice(0, -1);
  return ANSWERS.get(words.join(' ')) ?? null;
}
