import { Bm25Index, type Hit } from './bm25.ts';
import { citationOf, knowledgeBase, type KnowledgeBase } from './load.ts';
import type { Citation, KbEntry } from './schema.ts';

/**
 * Below this relevance (BM25F score × the IDF share of the question's words and word pairs found
 * in the entry) the assistant says it is not sure and offers an officer. Coverage alone failed
 * long, story-like questions (many words the KB does not need); score alone rewards an off-topic
 * question that repeats one common word. Measured with `kb:eval` on the held-out set: off-topic
 * questions (divorce, instalment loans, traffic fines) top out at 5.8, the lowest on-topic
 * question scores 7.5 (9 more off-topic questions added afterwards stayed ≤ 4.6). Scores depend on the KB's IDF: re-run kb:eval after adding content, and
 * grow the off-topic set before moving this.
 */
export const CONFIDENCE_THRESHOLD = 6.5;

export interface SearchResult {
  entry: KbEntry;
  score: number;
  coverage: number;
  relevance: number;
  citation: Citation;
}

export interface SearchOutcome {
  results: SearchResult[];
  confident: boolean;
}

export class LegalRetriever {
  readonly index: Bm25Index;

  constructor(
    readonly kb: KnowledgeBase,
    entries: readonly KbEntry[] = kb.entries,
  ) {
    this.index = new Bm25Index(entries);
  }

  search(query: string, k = 3): SearchOutcome {
    const hits = this.index.search(query.slice(0, 1000), k);
    const results = hits.map((h: Hit) => ({ ...h, citation: citationOf(this.kb, h.entry) }));
    const top = results[0];
    return { results, confident: top !== undefined && top.relevance >= CONFIDENCE_THRESHOLD };
  }

  /** Entries on the same article or topic as `entry`, for "câu hỏi liên quan". */
  related(entry: KbEntry, n = 3): KbEntry[] {
    const same = (e: KbEntry) =>
      e.id !== entry.id && !e.synthetic && e.kind === 'qa' && (e.topic === entry.topic || (e.law === entry.law && e.article === entry.article));
    return this.kb.entries.filter(same).slice(0, n);
  }
}

let shared: LegalRetriever | undefined;
export function legalRetriever(): LegalRetriever {
  shared ??= new LegalRetriever(knowledgeBase());
  return shared;
}
