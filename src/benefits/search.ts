import { allTranslations } from '../i18n.ts';
import { normalizeForMatch } from '../lang/normalize.ts';
import { TOPICS, type Programme, type Topic } from './schema.ts';

export const NAMESPACE = 'benefits';

const padded = (s: string) => ` ${normalizeForMatch(s)} `;

/** Topic words of both languages, normalized: a worker on English still types "qua tet". */
function topicWords(topic: Topic): string[] {
  return allTranslations(`topics.${topic}.words`, NAMESPACE).map(padded).filter((w) => w.trim() !== '');
}

const WORDS: ReadonlyMap<Topic, string[]> = new Map(TOPICS.map((t) => [t, topicWords(t)]));

/** The topics a free-text message names, matched on whole words without diacritics or teencode. */
export function topicsIn(text: string): Topic[] {
  const q = padded(text);
  if (q.trim() === '') return [];
  return TOPICS.filter((t) => WORDS.get(t)!.some((w) => q.includes(w)));
}

/**
 * Programmes a message asks about: those of a named topic, plus those whose own keywords or
 * title words appear ("chuyen tau cong doan", "mai am").
 */
export function searchProgrammes(programmes: Programme[], text: string): Programme[] {
  const q = padded(text);
  if (q.trim() === '') return [];
  const topics = new Set(topicsIn(text));
  return programmes.filter(
    (p) => p.topics.some((t) => topics.has(t)) || p.keywords.some((k) => q.includes(padded(k))),
  );
}

export function byTopic(programmes: Programme[], topic: Topic): Programme[] {
  return programmes.filter((p) => p.topics.includes(topic));
}
