import { analyze } from './analyze.ts';
import type { KbEntry } from './schema.ts';

/** Field weights of BM25F: a match in the question weighs more than one in the answer. */
export const FIELD_BOOST = { title: 3, phrasings: 2, answer: 1, citation: 2 } as const;
const K1 = 1.2;
const B = 0.75;
const RERANK_DEPTH = 10;

export interface Hit {
  entry: KbEntry;
  score: number;
  /** share of the query's content words (by IDF) this entry contains: 0..1 */
  coverage: number;
  /** score × coverage: what results are ranked by and what confidence is judged on */
  relevance: number;
}

interface Posting {
  docs: number[];
  tfs: number[];
}

/**
 * BM25F over the analyzed fields of every entry, in memory. Postings per term, scores
 * accumulated in one array per query: a search touches only the entries sharing a term.
 */
export class Bm25Index {
  private readonly postings = new Map<string, Posting>();
  private readonly lengths: Float64Array;
  private readonly avgLength: number;
  private readonly docTerms: Array<Set<string>>;
  private readonly scratch: Float64Array;

  constructor(readonly entries: readonly KbEntry[]) {
    this.lengths = new Float64Array(entries.length);
    this.scratch = new Float64Array(entries.length);
    this.docTerms = [];
    let total = 0;
    entries.forEach((e, i) => {
      const tf = new Map<string, number>();
      const add = (text: string, w: number) => {
        for (const t of analyze(text)) tf.set(t, (tf.get(t) ?? 0) + w);
      };
      add(e.title, FIELD_BOOST.title);
      for (const p of e.phrasings) add(p, FIELD_BOOST.phrasings);
      add(e.answer, FIELD_BOOST.answer);
      add(`dieu ${e.article}`, FIELD_BOOST.citation);
      let len = 0;
      for (const [term, f] of tf) {
        len += f;
        let p = this.postings.get(term);
        if (!p) this.postings.set(term, (p = { docs: [], tfs: [] }));
        p.docs.push(i);
        p.tfs.push(f);
      }
      this.lengths[i] = len;
      this.docTerms.push(new Set(tf.keys()));
      total += len;
    });
    this.avgLength = entries.length ? total / entries.length : 1;
  }

  idf(term: string): number {
    const n = this.entries.length;
    const df = this.postings.get(term)?.docs.length ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  search(query: string, k = 5): Hit[] {
    const terms = [...new Set(analyze(query))];
    if (terms.length === 0 || this.entries.length === 0) return [];
    // one score array per index, zeroed after use: no 40 KB allocation per query for the GC
    const scores = this.scratch;
    const touched: number[] = [];
    for (const term of terms) {
      const p = this.postings.get(term);
      if (!p) continue;
      const idf = this.idf(term);
      for (let j = 0; j < p.docs.length; j++) {
        const d = p.docs[j]!;
        const f = p.tfs[j]!;
        if (scores[d] === 0) touched.push(d);
        scores[d]! += (idf * f * (K1 + 1)) / (f + K1 * (1 - B + (B * this.lengths[d]!) / this.avgLength));
      }
    }
    // rerank a short list by score × coverage: an entry missing a distinctive query word
    // ("lễ" in a holiday question) must not win on repeated common ones
    const top = topN(touched, scores, Math.max(k, RERANK_DEPTH));
    // coverage counts words and pairs: syllables alone are ambiguous ("ly hon" shares "ly" with
    // "ly do" and "hon" with "hơn"), a pair the KB has never seen is what marks an unknown topic
    const words = terms;
    const weight = words.map((t) => this.idf(t));
    const totalWeight = weight.reduce((a, b) => a + b, 0) || 1;
    const hits = top
      .map((d) => {
        const have = this.docTerms[d]!;
        const covered = words.reduce((acc, t, i) => acc + (have.has(t) ? weight[i]! : 0), 0);
        const coverage = covered / totalWeight;
        return { entry: this.entries[d]!, score: scores[d]!, coverage, relevance: scores[d]! * coverage };
      })
      .sort((a, b) => b.relevance - a.relevance)
      .slice(0, k);
    for (const d of touched) scores[d] = 0;
    return hits;
  }
}

/** The n best documents by score without sorting all of them (a query can touch thousands). */
function topN(docs: readonly number[], scores: Float64Array, n: number): number[] {
  const best: number[] = [];
  for (const d of docs) {
    const sc = scores[d]!;
    if (best.length === n && sc <= scores[best[n - 1]!]!) continue;
    let i = best.length < n ? best.length : n - 1;
    while (i > 0 && scores[best[i - 1]!]! < sc) {
      best[i] = best[i - 1]!;
      i--;
    }
    best[i] = d;
  }
  return best;
}
