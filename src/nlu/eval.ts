import { loadExamples, STYLES, type Example, type Style } from './data.ts';
import { NluParser } from './parser.ts';

export interface Tally {
  correct: number;
  total: number;
}

export interface EvalReport {
  overall: Tally;
  byStyle: Record<Style, Tally>;
  byIntent: Record<string, Tally & { byStyle: Record<Style, Tally> }>;
  misses: Array<{ text: string; style: Style; expected: string; got: string; confidence: number }>;
  trainExamples: number;
  trainMs: number;
  /** CPU time of training: wall time on a shared machine measures the neighbours too */
  trainCpuMs: number;
}

const empty = (): Tally => ({ correct: 0, total: 0 });
const styles = (): Record<Style, Tally> => ({ accented: empty(), unaccented: empty(), teencode: empty() });

/** Trains on the train split only and scores every held-out example. */
export function evaluate(train: readonly Example[] = loadExamples('train'), heldout: readonly Example[] = loadExamples('heldout')): EvalReport {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const parser = NluParser.fromExamples(train);
  const used = process.cpuUsage(cpu);
  const trainMs = performance.now() - started;
  const trainCpuMs = (used.user + used.system) / 1000;
  const report: EvalReport = { overall: empty(), byStyle: styles(), byIntent: {}, misses: [], trainExamples: train.length, trainMs, trainCpuMs };
  for (const e of heldout) {
    const got = parser.parse(e.text).intent;
    const ok = got.name === e.intent ? 1 : 0;
    const perIntent = (report.byIntent[e.intent] ??= { ...empty(), byStyle: styles() });
    for (const t of [report.overall, report.byStyle[e.style], perIntent, perIntent.byStyle[e.style]]) {
      t.correct += ok;
      t.total += 1;
    }
    if (!ok) report.misses.push({ text: e.text, style: e.style, expected: e.intent, got: got.name, confidence: got.confidence });
  }
  return report;
}

const pct = (t: Tally) => (t.total === 0 ? '   -  ' : `${((100 * t.correct) / t.total).toFixed(1).padStart(5)}%`);

/** Plain-text tables: per intent (with its styles), per style, overall, then the misses. */
export function formatReport(r: EvalReport): string {
  const lines: string[] = [];
  const w = Math.max(...Object.keys(r.byIntent).map((k) => k.length), 'overall'.length);
  lines.push(
    `trained on ${r.trainExamples} examples in ${r.trainMs.toFixed(0)} ms (${r.trainCpuMs.toFixed(0)} ms CPU); held-out ${r.overall.total} examples`,
    '',
  );
  lines.push(`${'intent'.padEnd(w)}  accuracy    n  ${STYLES.map((s) => s.padStart(10)).join(' ')}`);
  for (const [intent, t] of Object.entries(r.byIntent).sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`${intent.padEnd(w)}    ${pct(t)} ${String(t.total).padStart(4)}  ${STYLES.map((s) => pct(t.byStyle[s]).padStart(10)).join(' ')}`);
  }
  lines.push('', `${'style'.padEnd(w)}  accuracy    n`);
  for (const s of STYLES) lines.push(`${s.padEnd(w)}    ${pct(r.byStyle[s])} ${String(r.byStyle[s].total).padStart(4)}`);
  lines.push(`${'overall'.padEnd(w)}    ${pct(r.overall)} ${String(r.overall.total).padStart(4)}`);
  if (r.misses.length > 0) {
    lines.push('', 'misses:');
    for (const m of r.misses) lines.push(`  [${m.style}] ${m.expected} -> ${m.got} (${m.confidence.toFixed(2)}): ${m.text}`);
  }
  return lines.join('\n');
}

/** The targets of issue 6: 95 % overall, 92 % on input typed without diacritics. */
export const TARGETS = { overall: 0.95, unaccented: 0.92 } as const;

export function meetsTargets(r: EvalReport): boolean {
  const rate = (t: Tally) => (t.total === 0 ? 0 : t.correct / t.total);
  return rate(r.overall) >= TARGETS.overall && rate(r.byStyle.unaccented) >= TARGETS.unaccented;
}
