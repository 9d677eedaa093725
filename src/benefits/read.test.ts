import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCatalogError, parseCatalogFile, readCatalog } from './read.ts';

const good = (id: string) => `
programmes:
  - id: ${id}
    title: { vi: Quà Tết, en: Tết gifts }
    summary: { vi: Quà, en: Gifts }
    gives: { vi: Quà, en: Gifts }
    howToApply: { vi: Hỏi công đoàn, en: Ask the union }
    eligibility: { membersOnly: false }
    source: { citation: KH 34/KH-TLĐ }
    topics: [tet]
    appliesThroughUnion: true
`;

describe('reading benefit files', () => {
  it('a valid file gives its programmes with defaults filled', () => {
    const c = parseCatalogFile('a.yaml', good('qua-tet'));
    expect(c.errors).toEqual([]);
    expect(c.entries[0]!.programme.eligibility).toEqual({ membersOnly: false, provinces: [], units: [], situations: [] });
  });

  it('a broken file reports the file and the path of each problem', () => {
    const broken = good('qua-tet')
      .replace('en: Tết gifts', 'fr: Cadeaux')
      .replace('topics: [tet]', 'topics: [lottery]')
      .replace('eligibility: { membersOnly: false }', "eligibility: { membersOnly: false, provinces: ['99'] }");
    const errors = parseCatalogFile('national/tet.yaml', broken).errors.map(formatCatalogError);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^national\/tet\.yaml: programmes\[0\]\.title\.en: /),
        expect.stringMatching(/^national\/tet\.yaml: programmes\[0\]\.title: .*fr/),
        expect.stringMatching(/^national\/tet\.yaml: programmes\[0\]\.topics\[0\]: /),
        expect.stringMatching(/^national\/tet\.yaml: programmes\[0\]\.eligibility\.provinces\[0\]: unknown province code/),
      ]),
    );
  });

  it('bad YAML, a reversed period and duplicate ids across files are reported', () => {
    const dir = mkdtempSync(join(tmpdir(), 'benefits-'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'a.yaml'), good('qua-tet'));
    writeFileSync(join(dir, 'sub', 'b.yaml'), good('qua-tet'));
    writeFileSync(join(dir, 'c.yaml'), 'programmes:\n  - id: [unclosed\n');
    writeFileSync(join(dir, 'd.yaml'), good('tet-d').replace('topics: [tet]', "topics: [tet]\n    period: { from: '2026-03-01', to: '2026-02-01' }"));
    const c = readCatalog(dir);
    const errors = c.errors.map(formatCatalogError);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^sub\/b\.yaml: programmes\[0\]\.id: duplicate id "qua-tet" \(first in a\.yaml\)/),
        expect.stringMatching(/^c\.yaml: /),
        'd.yaml: programmes[0].period: period.from is after period.to',
      ]),
    );
    expect(c.entries.map((e) => e.programme.id)).toEqual(['qua-tet']);
  });
});
