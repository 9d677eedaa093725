import { describe, expect, it } from 'vitest';
import {
  OLD_PROVINCES,
  PROVINCES,
  findProvince,
  newProvinceForCccdCode,
  oldProvinceByCode,
  provinceByCode,
} from './provinces.ts';

describe('province data', () => {
  it('has 34 units (9 cities, 25 provinces by late 2026) and 63 old provinces', () => {
    expect(PROVINCES).toHaveLength(34);
    expect(PROVINCES.filter((p) => p.kind === 'city')).toHaveLength(9);
    expect(OLD_PROVINCES).toHaveLength(63);
    expect(new Set(PROVINCES.map((p) => p.code)).size).toBe(34);
  });

  it('assigns every old province to exactly one new unit', () => {
    const merged = PROVINCES.flatMap((p) => p.mergedFrom);
    expect(merged).toHaveLength(63);
    expect(new Set(merged)).toEqual(new Set(OLD_PROVINCES.map((o) => o.code)));
  });

  it('uses official names with diacritics and chat short names', () => {
    const hcm = provinceByCode('79')!;
    expect(hcm.name).toBe('Thành phố Hồ Chí Minh');
    expect(hcm.shortName).toBe('TP Hồ Chí Minh');
    expect(hcm.mergedFrom).toEqual(['079', '074', '077']);
    expect(provinceByCode('04')!.name).toBe('Tỉnh Cao Bằng');
    expect(provinceByCode('01')!.name).toBe('Thành phố Hà Nội');
    expect(provinceByCode('75')).toMatchObject({ name: 'Thành phố Đồng Nai', cityFrom: { date: '2026-04-30', confirmed: true } });
  });

  it('maps CCCD codes to the new unit', () => {
    expect(newProvinceForCccdCode('074')!.code).toBe('79');
    expect(newProvinceForCccdCode('077')!.code).toBe('79');
    expect(newProvinceForCccdCode('030')!.code).toBe('31');
    expect(newProvinceForCccdCode('002')!.code).toBe('08');
    expect(newProvinceForCccdCode('062')!.code).toBe('51');
    expect(newProvinceForCccdCode('095')!.code).toBe('96');
    expect(newProvinceForCccdCode('003')).toBeUndefined();
    expect(oldProvinceByCode('046')!.name).toBe('Thừa Thiên Huế');
  });

  it('looks codes up exactly', () => {
    expect(provinceByCode('79')!.shortName).toBe('TP Hồ Chí Minh');
    expect(provinceByCode('079')).toBeUndefined();
    expect(provinceByCode('')).toBeUndefined();
  });
});

describe('findProvince', () => {
  const code = (text: string) => findProvince(text)?.province.code ?? null;

  it.each([
    ['Thành phố Hồ Chí Minh', '79'],
    ['TP Hồ Chí Minh', '79'],
    ['TP. HCM', '79'],
    ['tp.hcm', '79'],
    ['ho chi minh', '79'],
    ['hcm', '79'],
    ['HCM', '79'],
    ['tphcm', '79'],
    ['Sài Gòn', '79'],
    ['sai gon', '79'],
    ['sg', '79'],
    ['Hà Nội', '01'],
    ['ha noi', '01'],
    ['hanoi', '01'],
    ['HN', '01'],
    ['Thủ đô Hà Nội', '01'],
    ['Đà Nẵng', '48'],
    ['da nang', '48'],
    ['Huế', '46'],
    ['tỉnh Thanh Hóa', '38'],
    ['Thanh Hoá', '38'],
    ['Khánh Hoà', '56'],
    ['dak lak', '66'],
    ['Đắc Lắc', '66'],
    ['daklak', '66'],
    ['Đồng Nai', '75'],
    ['tinh dong nai', '75'],
    ['Hải Phòng', '31'],
    ['Ho Chi Mjnh', '79'],
  ])('%s -> %s', (text, expected) => {
    expect(code(text)).toBe(expected);
  });

  it.each([
    ['Bình Dương', '79', 'Bình Dương'],
    ['binh duong', '79', 'Bình Dương'],
    ['tỉnh Bình Dương (cũ)', '79', 'Bình Dương'],
    ['Bà Rịa - Vũng Tàu', '79', 'Bà Rịa - Vũng Tàu'],
    ['Bà Rịa–Vũng Tàu', '79', 'Bà Rịa - Vũng Tàu'],
    ['brvt', '79', 'Bà Rịa - Vũng Tàu'],
    ['Vũng Tàu', '79', 'Bà Rịa - Vũng Tàu'],
    ['Hải Dương', '31', 'Hải Dương'],
    ['Quảng Nam', '48', 'Quảng Nam'],
    ['Hà Giang', '08', 'Hà Giang'],
    ['Thừa Thiên Huế', '46', 'Thừa Thiên Huế'],
    ['Bắc Giang', '24', 'Bắc Giang'],
    ['Yên Bái', '15', 'Yên Bái'],
    ['Kon Tum', '51', 'Kon Tum'],
    ['kontum', '51', 'Kon Tum'],
    ['Bình Định', '52', 'Bình Định'],
    ['Long An', '80', 'Long An'],
    ['Kiên Giang', '91', 'Kiên Giang'],
    ['Bạc Liêu', '96', 'Bạc Liêu'],
    ['Sóc Trăng', '92', 'Sóc Trăng'],
    ['Nam Định', '37', 'Nam Định'],
    ['Bắc Cạn', '19', 'Bắc Kạn'],
    ['Hà Tây', '01', 'Hà Tây'],
    ['bin duong', '79', 'Bình Dương'],
  ])('old name %s -> %s via %s', (text, expected, via) => {
    expect(findProvince(text)).toEqual({ province: provinceByCode(expected), viaOldName: via });
  });

  it('finds every old province by its own name, folded too', () => {
    for (const old of OLD_PROVINCES) {
      expect(findProvince(old.name)?.province.code, old.name).toBe(old.newCode);
      expect(findProvince(old.name.normalize('NFD'))?.province.code, old.name).toBe(old.newCode);
    }
  });

  it('finds every new unit by short and official name without viaOldName', () => {
    for (const p of PROVINCES) {
      expect(findProvince(p.shortName), p.shortName).toEqual({ province: p });
      expect(findProvince(p.name), p.name).toEqual({ province: p });
    }
  });

  it.each([['dn'], ['bd'], ['xyz'], [''], ['tỉnh'], ['Hà Nam Hà Nội'], ['hanom'], ['<script>hcm</script>'], ['h'.repeat(4096)]])(
    '%j -> null (ambiguous or unknown)',
    (text) => {
      expect(findProvince(text)).toBeNull();
    },
  );
});
