/**
 * `npm run bench -- kb`: legal Q&A search latency over 5,000 entries. The real knowledge base
 * has ~150; the rest are SYNTHETIC copies (ids "syn-…", `synthetic: true`) whose phrasings are
 * shuffled, shortened and stripped of diacritics, so the index has the vocabulary spread and
 * posting-list lengths of a large KB. They exist only in this process and are never shown.
 */
import { performance } from 'node:perf_hooks';
import { fold } from '../src/lang/fold.ts';
import { knowledgeBase, loadHeldout } from '../src/legal/load.ts';
import { LegalRetriever } from '../src/legal/retrieve.ts';
import { STYLES, type KbEntry } from '../src/legal/schema.ts';
import { percentile, writeTable } from './table.ts';

const TARGET = 5000;

/** A deterministic pseudo-random stream: the same synthetic KB every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function paraphrase(text: string, rand: () => number): string {
  const words = text.split(' ');
  const out = words.filter(() => rand() > 0.15);
  if (out.length > 3 && rand() > 0.5) {
    const i = Math.floor(rand() * (out.length - 1));
    [out[i], out[i + 1]] = [out[i + 1]!, out[i]!];
  }
  const s = out.join(' ');
  return rand() > 0.5 ? fold(s) : s;
}

export function synthesize(real: readonly KbEntry[], target = TARGET): KbEntry[] {
  const rand = rng(20261122);
  const out: KbEntry[] = [...real];
  for (let n = 0; out.length < target; n++) {
    const src = real[n % real.length]!;
    out.push({
      ...src,
      id: `syn-${n}-${src.id}`,
      title: paraphrase(src.title, rand),
      answer: paraphrase(src.answer, rand),
      phrasings: src.phrasings.map((p) => paraphrase(p, rand)),
      synthetic: true,
    });
  }
  return out;
}

export async function benchKb(): Promise<string> {
  const kb = knowledgeBase();
  const t0 = performance.now();
  const entries = synthesize(kb.entries);
  const retriever = new LegalRetriever(kb, entries);
  const buildMs = performance.now() - t0;

  const queries = loadHeldout().flatMap((i) => STYLES.map((s) => i[s]));
  for (let i = 0; i < 200; i++) retriever.search(queries[i % queries.length]!); // warm-up (JIT)
  const times: number[] = [];
  const rounds = 30;
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const s = performance.now();
      retriever.search(q, 3);
      times.push(performance.now() - s);
    }
  }
  times.sort((a, b) => a - b);
  const ms = (v: number) => `${v.toFixed(3)} ms`;
  const p99 = percentile(times, 99);
  return writeTable(
    'kb',
    'Legal Q&A search latency (BM25F, in memory)',
    [
      ['entries (real + synthetic)', `${entries.length} (${kb.entries.length} real + ${entries.length - kb.entries.length} synthetic)`],
      ['index build', ms(buildMs)],
      ['queries', `${times.length} (${queries.length} held-out questions × ${rounds})`],
      ['p50', ms(percentile(times, 50))],
      ['p90', ms(percentile(times, 90))],
      ['p99', ms(p99)],
      ['max', ms(times.at(-1)!)],
      ['p99 < 20 ms', p99 < 20 ? 'yes' : 'NO'],
    ],
    [
      'Synthetic entries are paraphrased copies of real ones (dropped/swapped words, half without diacritics), labelled `syn-*` and `synthetic: true`; they are built only inside the benchmark.',
      'Queries: content/legal/eval/heldout.yaml in the three styles (accented, unaccented, teencode), top-3 per query.',
    ],
  );
}
