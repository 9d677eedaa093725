import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../paths.ts';
import { DEMO_UNITS } from '../org/seed-data.ts';
import { formatCatalogError, readCatalog } from './read.ts';

/** CI gate for content/benefits: a pull request with a broken programme file fails here. */
describe('content/benefits', () => {
  const catalog = readCatalog(resolve(projectRoot, 'content/benefits'));

  it('every file validates', () => {
    expect(catalog.errors.map(formatCatalogError)).toEqual([]);
    expect(catalog.entries.length).toBeGreaterThanOrEqual(8);
  });

  it('every programme cites a source and says how to apply in both languages', () => {
    for (const { programme: p } of catalog.entries) {
      expect(p.source.citation.length, p.id).toBeGreaterThan(5);
      expect(p.howToApply.vi, p.id).not.toBe(p.howToApply.en);
    }
  });

  it('unit programmes use codes of the demo tree and say they are demo', () => {
    const demoCodes = new Set<string>(Object.values(DEMO_UNITS));
    for (const { programme: p } of catalog.entries.filter((e) => e.programme.eligibility.units.length > 0)) {
      for (const code of p.eligibility.units) expect(demoCodes.has(code), `${p.id}: ${code}`).toBe(true);
      expect(p.source.citation).toMatch(/^DEMO/);
    }
  });
});
