import { describe, expect, it } from 'vitest';
import { loadExamples } from './data.ts';
import { evaluate, formatReport, meetsTargets } from './eval.ts';

describe('intent evaluation on the held-out split', () => {
  const report = evaluate();

  it('never trains on a held-out sentence', () => {
    const train = new Set(loadExamples('train').map((e) => e.text.trim().toLowerCase()));
    const leaked = loadExamples('heldout').filter((e) => train.has(e.text.trim().toLowerCase()));
    expect(leaked.map((e) => e.text)).toEqual([]);
  });

  it('covers every intent in all three writing styles', () => {
    expect(Object.keys(report.byIntent).length).toBeGreaterThanOrEqual(14);
    for (const [, t] of Object.entries(report.byIntent)) {
      for (const s of ['accented', 'unaccented', 'teencode'] as const) expect(t.byStyle[s].total).toBeGreaterThanOrEqual(5);
    }
  });

  it('meets the targets: 95 % overall, 92 % on unaccented input', () => {
    expect(meetsTargets(report), formatReport(report)).toBe(true);
  });

  it('reports how long training took (the figure `nlu:eval` prints)', () => {
    expect(report.trainCpuMs).toBeGreaterThan(0);
  });

  it('prints the per-intent and per-style tables', () => {
    const text = formatReport(report);
    expect(text).toMatch(/^intent\s+accuracy\s+n\s+accented\s+unaccented\s+teencode$/m);
    expect(text).toMatch(/^unaccented\s+\d+\.\d%/m);
    expect(text).toMatch(/^overall\s+\d+\.\d%/m);
  });
});
