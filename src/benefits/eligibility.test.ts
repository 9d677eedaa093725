import { describe, expect, it } from 'vitest';
import { eligibleFor, isEligible } from './eligibility.ts';
import { programmeSchema, runsAt, type Programme } from './schema.ts';
import { byTopic, searchProgrammes, topicsIn } from './search.ts';

function programme(id: string, over: { eligibility?: Partial<Programme['eligibility']>; period?: Programme['period']; topics?: Programme['topics']; keywords?: string[] } = {}): Programme {
  const t = { vi: id, en: id };
  return programmeSchema.parse({
    id,
    title: t,
    summary: t,
    gives: t,
    howToApply: t,
    eligibility: { membersOnly: false, ...over.eligibility },
    ...(over.period ? { period: over.period } : {}),
    source: { citation: 'test source' },
    topics: over.topics ?? ['tet'],
    keywords: over.keywords ?? [],
    appliesThroughUnion: true,
  });
}

const national = programme('national-tet');
const hcm = programme('hcm-train', { eligibility: { provinces: ['79'] } });
const parks = programme('bac-ninh-parks', { eligibility: { units: ['X24-001'] } });
const textile = programme('textile-sector', { eligibility: { units: ['S01'] } });
const members = programme('members-only', { eligibility: { membersOnly: true } });
const housing = programme('mai-am', { eligibility: { situations: ['housing'] }, topics: ['housing'] });
const all = [national, hcm, parks, textile, members, housing];
const ids = (ps: Programme[]) => ps.map((p) => p.id);

// paths as the org tree stores them (src/org/load.ts)
const GARMENT_BAC_NINH = '/TLD/P24/X24-001/CS24-0001/';
const GARMENT_TEXTILE_SECTOR = '/TLD/S01/CS75-0001/';

describe('eligibility', () => {
  it('a provincial programme only for workers of that province; unknown province never matches', () => {
    expect(isEligible(hcm, { provinceCode: '79' })).toBe(true);
    expect(isEligible(hcm, { provinceCode: '24' })).toBe(false);
    expect(isEligible(hcm, {})).toBe(false);
    expect(isEligible(national, { provinceCode: '24' })).toBe(true);
  });

  it("a unit's programme applies to its whole subtree and nowhere else", () => {
    expect(ids(eligibleFor(all, { provinceCode: '24', unitPath: GARMENT_BAC_NINH, isMember: true }))).toEqual([
      'bac-ninh-parks',
      'mai-am',
      'members-only',
      'national-tet',
    ]);
    // a garment union in Đồng Nai under the textile sector: the sector's, not Bắc Ninh's
    const dongNai = ids(eligibleFor(all, { provinceCode: '75', unitPath: GARMENT_TEXTILE_SECTOR }));
    expect(dongNai).toContain('textile-sector');
    expect(dongNai).not.toContain('bac-ninh-parks');
    expect(dongNai).not.toContain('hcm-train');
    // a code that is only a prefix of another path segment is not an ancestor
    expect(isEligible(programme('prefix-only', { eligibility: { units: ['X24-00'] } }), { unitPath: GARMENT_BAC_NINH })).toBe(false);
  });

  it('members-only and hardship conditions exclude only when the worker said so', () => {
    expect(isEligible(members, { isMember: false })).toBe(false);
    expect(isEligible(members, { isMember: null })).toBe(true);
    expect(isEligible(housing, {})).toBe(true);
    expect(isEligible(housing, { situations: [] })).toBe(false);
    expect(isEligible(housing, { situations: ['sick'] })).toBe(false);
    expect(isEligible(housing, { situations: ['housing'] })).toBe(true);
  });

  it('a programme runs from the start of its first day to the end of its last day, Vietnam time', () => {
    const tet = programme('tet-2026', { period: { from: '2025-10-15', to: '2026-03-03' } });
    expect(runsAt(tet, new Date('2025-10-14T23:59:00+07:00'))).toBe(false);
    expect(runsAt(tet, new Date('2025-10-15T00:00:00+07:00'))).toBe(true);
    expect(runsAt(tet, new Date('2026-03-03T23:59:00+07:00'))).toBe(true);
    expect(runsAt(tet, new Date('2026-03-04T00:00:00+07:00'))).toBe(false);
    expect(runsAt(national, new Date('2030-01-01T00:00:00Z'))).toBe(true);
  });
});

describe('topic search', () => {
  const loan = programme('cep', { topics: ['loan'], keywords: ['cep'] });
  const discount = programme('phuc-loi', { topics: ['discount'] });
  const train = programme('train', { topics: ['tet'], keywords: ['ve tau'] });
  const catalog = [national, loan, discount, train, housing];

  it('finds topics typed without diacritics, in teencode or in English', () => {
    expect(topicsIn('qua tet')).toEqual(['tet']);
    expect(topicsIn('cho e hoi vay von dc ko')).toEqual(['loan']);
    expect(topicsIn('GIAM GIA')).toEqual(['discount']);
    expect(topicsIn('bị ốm đau nằm viện')).toEqual(['sickness']);
    expect(topicsIn('Tết gifts')).toEqual(['tet']);
    expect(topicsIn('nhắn tin nha')).toEqual([]);
  });

  it('returns the programmes of the topic plus those whose own keywords appear', () => {
    expect(ids(searchProgrammes(catalog, 'qua tet'))).toEqual(['national-tet', 'train']);
    expect(ids(searchProgrammes(catalog, 'vay von'))).toEqual(['cep']);
    expect(ids(searchProgrammes(catalog, 'giam gia'))).toEqual(['phuc-loi']);
    expect(ids(searchProgrammes(catalog, 'mua ve tau'))).toEqual(['train']);
    expect(ids(searchProgrammes(catalog, 'xin chao'))).toEqual([]);
    expect(ids(byTopic(catalog, 'housing'))).toEqual(['mai-am']);
  });
});
