import type { ParseResult, TurnInput } from '../../src/flowkit/types.ts';
import { allTranslations } from '../../src/i18n.ts';
import { fold } from '../../src/lang/fold.ts';
import { matchOption, parseOrdinal } from '../../src/lang/match.ts';
import { normalizeForMatch } from '../../src/lang/normalize.ts';
import type { AnswerValue } from '../../src/surveys/responses.ts';
import type { Question } from '../../src/surveys/schema.ts';

export const NAMESPACE = 'survey';
export const OPTION_PREFIX = 'opt:';
export const SKIP_KEY = 'survey:skip';

const skipPhrases = () => new Set(allTranslations('skip_words', NAMESPACE).map(normalizeForMatch));

function isSkip(input: TurnInput): boolean {
  return input.choiceKey === SKIP_KEY || skipPhrases().has(input.normalized);
}

/** One option from a tap, its number ("2", "so 2", "hai") or its label in either language, typos allowed. */
function oneOption(q: Extract<Question, { type: 'single' | 'multiple' }>, text: string): string | null {
  const n = parseOrdinal(text, q.options.length);
  if (n !== null) return q.options[n - 1]!.key;
  const m = matchOption(
    text,
    q.options.map((o) => ({ key: o.key, synonyms: [o.label.vi, o.label.en] })),
  );
  return m && m.score >= 0.7 ? m.key : null;
}

function scaleValue(text: string): number | null {
  // "4", "bon", "4 diem", "4/5", "cho 4 diem"
  const bare = fold(text).replace(/\b(diem|d|sao|cham|cho)\b/g, ' ').replace(/\/\s*5\b/, ' ').trim();
  return parseOrdinal(bare, 5);
}

export function parseAnswer(q: Question, input: TurnInput): ParseResult<AnswerValue> {
  if (!q.required && isSkip(input)) return { ok: true, value: null };
  const tapped = input.choiceKey?.startsWith(OPTION_PREFIX) ? input.choiceKey.slice(OPTION_PREFIX.length) : undefined;
  if (input.kind === 'media' && !input.text) return { ok: false, error: 'media' };
  switch (q.type) {
    case 'single': {
      const key = tapped && q.options.some((o) => o.key === tapped) ? tapped : oneOption(q, input.text);
      return key ? { ok: true, value: key } : { ok: false, error: 'not_an_option' };
    }
    case 'multiple': {
      if (tapped && q.options.some((o) => o.key === tapped)) return { ok: true, value: [tapped] };
      const parts = input.text
        .split(/[,;/+&]|\s(?:và|va|and)\s/iu)
        .flatMap((p) => (/^[\d\s]+$/.test(p.trim()) ? p.trim().split(/\s+/) : [p]))
        .map((p) => p.trim())
        .filter(Boolean);
      const keys: string[] = [];
      for (const p of parts) {
        const k = oneOption(q, p);
        if (!k) return { ok: false, error: 'not_an_option' };
        if (!keys.includes(k)) keys.push(k);
      }
      if (keys.length === 0) return { ok: false, error: 'not_an_option' };
      if (q.max_choices !== undefined && keys.length > q.max_choices) return { ok: false, error: 'too_many', params: { max: q.max_choices } };
      // options in the order of the question, whatever order they were typed in
      return { ok: true, value: q.options.map((o) => o.key).filter((k) => keys.includes(k)) };
    }
    case 'scale': {
      const n = tapped ? Number(tapped) : scaleValue(input.text);
      return n !== null && Number.isInteger(n) && n >= 1 && n <= 5 ? { ok: true, value: n } : { ok: false, error: 'scale' };
    }
    case 'text': {
      const text = input.text.trim();
      if (!text) return { ok: false, error: 'empty' };
      const length = [...text].length;
      if (length > q.max_length) return { ok: false, error: 'too_long', params: { length, max: q.max_length } };
      return { ok: true, value: text };
    }
  }
}
