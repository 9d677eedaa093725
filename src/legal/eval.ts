import { loadHeldout } from './load.ts';
import { CONFIDENCE_THRESHOLD, legalRetriever, type LegalRetriever } from './retrieve.ts';
import { STYLES, type Style } from './schema.ts';

export interface StyleScore {
  style: Style;
  questions: number;
  top1: number;
  top3: number;
  /** answered with confidence (and the top-3 had the right article) */
  confidentRight: number;
}

export interface EvalReport {
  styles: StyleScore[];
  /** off-topic questions answered with confidence (should be 0) */
  falseConfident: number;
  offTopic: number;
  misses: Array<{ style: Style; q: string; expect: string; got: string[] }>;
}

const citeKey = (law: string, article: number) => `${law} ${article}`;

/** Retrieval quality on content/legal/eval/heldout.yaml: the KB never indexes those questions. */
export function evaluate(retriever: LegalRetriever = legalRetriever()): EvalReport {
  const items = loadHeldout();
  const styles: StyleScore[] = STYLES.map((style) => ({ style, questions: 0, top1: 0, top3: 0, confidentRight: 0 }));
  const misses: EvalReport['misses'] = [];
  let falseConfident = 0;
  let offTopic = 0;
  for (const item of items) {
    STYLES.forEach((style, si) => {
      const q = item[style];
      const out = retriever.search(q, 3);
      if (item.expect === 'none') {
        offTopic++;
        if (out.confident) falseConfident++;
        return;
      }
      const got = out.results.map((r) => citeKey(r.entry.law, r.entry.article));
      const s = styles[si]!;
      s.questions++;
      if (got[0] === item.expect) s.top1++;
      if (got.includes(item.expect)) {
        s.top3++;
        if (out.confident) s.confidentRight++;
      } else misses.push({ style, q, expect: item.expect, got });
    });
  }
  return { styles, falseConfident, offTopic, misses };
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : '-');

export function formatReport(r: EvalReport): string {
  const lines = [
    '| style | questions | top-1 | top-3 | confident & right |',
    '|---|---|---|---|---|',
    ...r.styles.map((s) => `| ${s.style} | ${s.questions} | ${pct(s.top1, s.questions)} | ${pct(s.top3, s.questions)} | ${pct(s.confidentRight, s.questions)} |`),
  ];
  const all = r.styles.reduce((a, s) => ({ q: a.q + s.questions, t1: a.t1 + s.top1, t3: a.t3 + s.top3 }), { q: 0, t1: 0, t3: 0 });
  lines.push(`| all | ${all.q} | ${pct(all.t1, all.q)} | ${pct(all.t3, all.q)} | |`);
  lines.push('', `off-topic questions answered with confidence: ${r.falseConfident}/${r.offTopic} (threshold ${CONFIDENCE_THRESHOLD})`);
  if (r.misses.length) {
    lines.push('', 'top-3 misses:');
    for (const m of r.misses) lines.push(`- [${m.style}] "${m.q}" expected ${m.expect}, got ${m.got.join(', ') || 'nothing'}`);
  }
  return lines.join('\n');
}
