/**
 * The 34 provincial-level units since 01/07/2025 (Nghị quyết 202/2025/QH15), as seed data for the
 * org tree only. Codes are the ones post-2025 address datasets use (each reuses one constituent
 * province's old code). src/validate/provinces.ts is the list the rest of the app validates
 * against; this copy exists so the seed never changes when that module grows aliases.
 *
 * `city` decides the federation's title ("Liên đoàn Lao động Thành phố …" vs "… tỉnh …").
 * Đồng Nai became a centrally-run city on 30/04/2026 (NQ 30/2026/QH16). Quảng Ninh and Bắc Ninh
 * are reported as cities in 2026 too, but without a resolution we could cite, so they stay
 * "tỉnh" here; flip the flag when confirmed.
 */
export interface SeedProvince {
  code: string;
  /** the name without its title: "Hồ Chí Minh", "Đồng Tháp" */
  name: string;
  city: boolean;
}

export const SEED_PROVINCES: readonly SeedProvince[] = [
  { code: '01', name: 'Hà Nội', city: true },
  { code: '79', name: 'Hồ Chí Minh', city: true },
  { code: '31', name: 'Hải Phòng', city: true },
  { code: '48', name: 'Đà Nẵng', city: true },
  { code: '92', name: 'Cần Thơ', city: true },
  { code: '46', name: 'Huế', city: true },
  { code: '75', name: 'Đồng Nai', city: true },
  { code: '22', name: 'Quảng Ninh', city: false },
  { code: '24', name: 'Bắc Ninh', city: false },
  { code: '04', name: 'Cao Bằng', city: false },
  { code: '08', name: 'Tuyên Quang', city: false },
  { code: '11', name: 'Điện Biên', city: false },
  { code: '12', name: 'Lai Châu', city: false },
  { code: '14', name: 'Sơn La', city: false },
  { code: '15', name: 'Lào Cai', city: false },
  { code: '19', name: 'Thái Nguyên', city: false },
  { code: '20', name: 'Lạng Sơn', city: false },
  { code: '25', name: 'Phú Thọ', city: false },
  { code: '33', name: 'Hưng Yên', city: false },
  { code: '37', name: 'Ninh Bình', city: false },
  { code: '38', name: 'Thanh Hóa', city: false },
  { code: '40', name: 'Nghệ An', city: false },
  { code: '42', name: 'Hà Tĩnh', city: false },
  { code: '44', name: 'Quảng Trị', city: false },
  { code: '51', name: 'Quảng Ngãi', city: false },
  { code: '52', name: 'Gia Lai', city: false },
  { code: '56', name: 'Khánh Hòa', city: false },
  { code: '66', name: 'Đắk Lắk', city: false },
  { code: '68', name: 'Lâm Đồng', city: false },
  { code: '80', name: 'Tây Ninh', city: false },
  { code: '82', name: 'Đồng Tháp', city: false },
  { code: '86', name: 'Vĩnh Long', city: false },
  { code: '91', name: 'An Giang', city: false },
  { code: '96', name: 'Cà Mau', city: false },
];

/** "Thành phố Hồ Chí Minh" / "tỉnh Đồng Tháp": the title as it follows "Liên đoàn Lao động". */
export function provinceTitle(p: SeedProvince): string {
  return p.city ? `Thành phố ${p.name}` : `tỉnh ${p.name}`;
}

/** The short form postal addresses end with: "TP Hồ Chí Minh", "tỉnh Bắc Ninh". */
export function provinceAddress(p: SeedProvince): string {
  return p.city ? `TP ${p.name}` : `tỉnh ${p.name}`;
}
