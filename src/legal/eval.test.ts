import { describe, expect, test } from 'vitest';
import { evaluate } from './eval.ts';

describe('legal retrieval on the held-out questions', () => {
  const report = evaluate();

  test.each(['accented', 'unaccented', 'teencode'] as const)('top-3 finds the right article for ≥ 90%% of %s questions', (style) => {
    const s = report.styles.find((x) => x.style === style)!;
    expect(s.questions).toBeGreaterThanOrEqual(20);
    expect(s.top3 / s.questions).toBeGreaterThanOrEqual(0.9);
  });

  test('off-topic questions are never answered with confidence', () => {
    expect(report.offTopic).toBeGreaterThan(0);
    expect(report.falseConfident).toBe(0);
  });
});
