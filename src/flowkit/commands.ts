import { allTranslations } from '../i18n.ts';
import { normalizeForMatch } from '../lang/normalize.ts';

/**
 * Global commands work in every step (DESIGN.md "Flows"). They match only when the whole
 * message is the command ("hủy", "huy", "cancel"), never when it merely contains the word, so
 * "tôi muốn hủy hợp đồng" stays an answer. Phrases live in locales/<lang>/common.json under
 * commands.<name>, and a command typed in either language works whatever the current language.
 */
export const COMMANDS = ['menu', 'cancel', 'back', 'human', 'help', 'lang_vi', 'lang_en'] as const;
export type Command = (typeof COMMANDS)[number];

/** choice keys used by buttons that carry a command (menu entries, "talk to an officer") */
export const commandKey = (c: Command) => `cmd:${c}`;

let table: Map<string, Command> | undefined;
let literal: Set<string> | undefined;
let literalTable: Map<string, Command> | undefined;

/**
 * Folded forms that are also everyday answers: "dừng" (stop) folds to "dung", which is how
 * "đúng" (yes, right) is typed without diacritics. Such a command only counts when typed with
 * its diacritics.
 */
const AMBIGUOUS_FOLDED = new Set(['dung']);

const literalKey = (text: string) => text.normalize('NFC').toLowerCase().trim();

function phrases(): Map<string, Command> {
  if (table) return table;
  table = new Map();
  literalTable = new Map();
  for (const c of COMMANDS) {
    for (const phrase of allTranslations(`commands.${c}`)) {
      literalTable.set(literalKey(phrase), c);
      const n = normalizeForMatch(phrase);
      if (n && !AMBIGUOUS_FOLDED.has(n)) table.set(n, c);
    }
  }
  return table;
}

/** `raw` is the text as typed: it lets "dừng" stop while "dung" stays an answer. */
export function detectCommand(normalized: string, choiceKey?: string, raw?: string): Command | null {
  if (choiceKey?.startsWith('cmd:')) {
    const c = choiceKey.slice(4) as Command;
    return (COMMANDS as readonly string[]).includes(c) ? c : null;
  }
  if (!normalized) return null;
  const folded = phrases().get(normalized);
  if (folded) return folded;
  return raw ? (literalTable!.get(literalKey(raw)) ?? null) : null;
}

/**
 * Whether the text is a command phrase exactly as written, diacritics included ("dừng"), as
 * opposed to one that only matches once folded ("dung", which is also "đúng").
 */
export function isLiteralCommand(text: string): boolean {
  if (!literal) {
    literal = new Set();
    for (const c of COMMANDS) for (const phrase of allTranslations(`commands.${c}`)) literal.add(phrase.normalize('NFC').toLowerCase());
  }
  return literal.has(text.normalize('NFC').toLowerCase().trim());
}
