import { describe, expect, it } from 'vitest';
import { fold } from '../lang/fold.ts';
import { DEMO_UNITS, generateOrgTree, orgTree, type SeedRecord } from './seed-data.ts';

function checkShape(records: readonly SeedRecord[]): void {
  const seen = new Map<string, SeedRecord>();
  for (const r of records) {
    expect(seen.has(r.code), `duplicate code ${r.code}`).toBe(false);
    if (r.parentCode === null) expect(r.kind).toBe('confederation');
    else expect(seen.has(r.parentCode), `${r.code}: parent ${r.parentCode} comes later or never`).toBe(true);
    seen.set(r.code, r);
  }
}

describe('generateOrgTree', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(orgTree({ size: 'full' })).toEqual(orgTree({ size: 'full' }));
    expect(orgTree({ size: 'full', seed: 7 })).toEqual(orgTree({ size: 'full', seed: 7 }));
    const a = orgTree({ size: 'full', seed: 1 }).filter((r) => r.kind === 'grassroots');
    const b = orgTree({ size: 'full', seed: 2 }).filter((r) => r.kind === 'grassroots');
    expect(a.map((r) => r.name)).not.toEqual(b.map((r) => r.name));
  });

  it('puts every parent before its children, with unique codes, for every size', () => {
    checkShape(orgTree({ size: 'demo' }));
    checkShape(orgTree({ size: 'full' }));
    checkShape(orgTree({ size: 'full', grassroots: 5000, seed: 3 }));
  });

  it('has the root, the 34 provincial federations with proper titles, and sector unions', () => {
    const tree = orgTree({ size: 'demo' });
    expect(tree[0]).toMatchObject({ code: 'TLD', name: 'Tổng Liên đoàn Lao động Việt Nam', parentCode: null });
    const provinces = tree.filter((r) => r.kind === 'province');
    expect(provinces).toHaveLength(34);
    expect(new Set(provinces.map((p) => p.provinceCode)).size).toBe(34);
    for (const p of provinces) expect(p.code).toBe(`P${p.provinceCode}`);
    const names = provinces.map((p) => p.name);
    expect(names).toContain('Liên đoàn Lao động Thành phố Hồ Chí Minh');
    expect(names).toContain('Liên đoàn Lao động tỉnh Đồng Tháp');
    expect(names).toContain('Liên đoàn Lao động tỉnh Bắc Ninh');
    expect(tree.filter((r) => r.kind === 'sector').length).toBeGreaterThanOrEqual(3);
    expect(orgTree({ size: 'full' }).filter((r) => r.kind === 'sector').length).toBeGreaterThanOrEqual(18);
  });

  it('sizes: demo about 40 grassroots units, full 400, or as asked', () => {
    const count = (o: Parameters<typeof orgTree>[0]) => orgTree(o).filter((r) => r.kind === 'grassroots').length;
    expect(count({ size: 'demo' })).toBe(40);
    expect(count({ size: 'full' })).toBe(400);
    expect(count({ size: 'full', grassroots: 1234 })).toBe(1234);
  });

  it('writes Vietnamese with diacritics, codes in the documented formats, employers and addresses', () => {
    const tree = orgTree({ size: 'full' });
    const grassroots = tree.filter((r) => r.kind === 'grassroots');
    for (const r of tree) {
      expect(r.code).toMatch(/^(TLD|P\d{2}|S\d{2}|X\d{2}-\d{3}|CS\d{2}-\d{4,})$/);
      if (r.kind === 'grassroots') {
        expect(r.code.startsWith(`CS${r.provinceCode}-`)).toBe(true);
        expect(r.name).toMatch(/^(Công đoàn|Nghiệp đoàn cơ sở) /);
        expect(r.address).toBeTruthy();
      }
    }
    // Names really carry diacritics (fold changes almost all of them).
    const accented = grassroots.filter((r) => fold(r.name) !== r.name.toLowerCase());
    expect(accented.length).toBeGreaterThan(grassroots.length * 0.95);
    expect(grassroots.filter((r) => r.employer).length).toBeGreaterThan(grassroots.length * 0.9);
    expect(grassroots.some((r) => r.name.startsWith('Nghiệp đoàn cơ sở'))).toBe(true);
    expect(grassroots.some((r) => tree.find((p) => p.code === r.parentCode)?.kind === 'sector')).toBe(true);
    expect(grassroots.some((r) => tree.find((p) => p.code === r.parentCode)?.kind === 'commune')).toBe(true);
    // Industrial provinces hold most enterprises.
    const hcmc = grassroots.filter((r) => r.provinceCode === '79').length;
    expect(hcmc).toBeGreaterThan(grassroots.length * 0.12);
  });

  it('contains every DEMO_UNITS code in demo and full trees, for any seed', () => {
    for (const tree of [orgTree({ size: 'demo' }), orgTree({ size: 'full', seed: 99 })]) {
      const codes = new Set(tree.map((r) => r.code));
      for (const code of Object.values(DEMO_UNITS)) expect(codes.has(code), code).toBe(true);
    }
    const garment = orgTree({ size: 'demo' }).find((r) => r.code === DEMO_UNITS.garmentBacNinh)!;
    expect(garment).toMatchObject({
      employer: 'Công ty TNHH May Sông Hồng Việt',
      provinceCode: '24',
      parentCode: DEMO_UNITS.bacNinhParksUnion,
    });
  });

  it('streams: a large tree is produced lazily with unique codes and rarely repeated employers', () => {
    const codes = new Set<string>();
    const employers = new Set<string>();
    let repeats = 0;
    let n = 0;
    for (const r of generateOrgTree({ size: 'full', grassroots: 30_000 })) {
      n++;
      codes.add(r.code);
      if (r.employer) {
        if (employers.has(r.employer)) repeats++;
        employers.add(r.employer);
      }
    }
    expect(codes.size).toBe(n);
    expect(repeats).toBeLessThan(n * 0.005);
    // Taking the first few records does not build the rest.
    const it = generateOrgTree({ size: 'full', grassroots: 10_000_000 });
    expect(it.next().value?.code).toBe('TLD');
  });
});
