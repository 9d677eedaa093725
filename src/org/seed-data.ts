/**
 * Deterministic generator of a realistic org tree for demos, tests and load tests.
 *
 * Everything is derived from a seeded PRNG, so the same options give byte-identical output on
 * every machine. It is a generator function: at 120,000 grassroots units nothing but counters
 * and a few small sets stay in memory. Employer names come from a keyed permutation of a large
 * name space (see NameSpace), which makes them unique without remembering the ones already used.
 */
import type { OrgKind } from '../generated/prisma/enums.ts';
import {
  FDI_BRANDS,
  FDI_INDUSTRIES,
  FDI_SUFFIXES,
  FDI_TAILS,
  GUILD_TRADES,
  SEED_SECTORS,
  VN_FIRST,
  VN_INDUSTRIES,
  VN_PLACE_STEMS,
  VN_QUALIFIERS,
  VN_SECOND,
} from './data/names.ts';
import { SEED_PLACES, STREETS, type SeedPlaces } from './data/places.ts';
import { SEED_PROVINCES, provinceAddress, provinceTitle, type SeedProvince } from './data/provinces.ts';
import { seededRandom } from '../util/random.ts';

export interface SeedRecord {
  code: string;
  name: string;
  kind: OrgKind;
  /** null only for the root */
  parentCode: string | null;
  provinceCode?: string;
  employer?: string;
  address?: string;
}

export interface GenerateOptions {
  /** demo: ~40 grassroots units, a few sectors; full: 400 grassroots units, every sector */
  size?: 'demo' | 'full';
  seed?: number;
  /** overrides the number of grassroots units of the chosen size (load tests want ~120,000) */
  grassroots?: number;
}

export const ROOT_CODE = 'TLD';
export const DEFAULT_SEED = 20250701;

/**
 * Hand-picked units present in every generated tree (demo and full, any seed). Tests and the
 * demo script refer to them by code; their names are invented, not real enterprises.
 */
export const DEMO_UNITS = {
  root: 'TLD',
  hcmcFederation: 'P79',
  bacNinhFederation: 'P24',
  dongThapFederation: 'P82',
  /** Công đoàn Dệt May Việt Nam */
  textileSector: 'S01',
  /** Công đoàn Ngân hàng Việt Nam */
  bankSector: 'S02',
  /** Công đoàn các Khu chế xuất và công nghiệp Thành phố Hồ Chí Minh */
  hcmcParksUnion: 'X79-001',
  /** Công đoàn các Khu công nghiệp Bắc Ninh */
  bacNinhParksUnion: 'X24-001',
  /** Công đoàn phường Cầu Giấy (Hà Nội) */
  cauGiayWardUnion: 'X01-002',
  /** Công đoàn cơ sở Công ty TNHH May Sông Hồng Việt — KCN Quế Võ, Bắc Ninh */
  garmentBacNinh: 'CS24-0001',
  /** Công đoàn Công ty TNHH Điện tử Samsong Vina — KCN Yên Phong, Bắc Ninh (FDI) */
  electronicsBacNinh: 'CS24-0002',
  /** Công đoàn cơ sở Công ty Cổ phần Dệt Sông Hồng — Ninh Bình; a look-alike of garmentBacNinh */
  textileNinhBinh: 'CS37-0001',
  /** Công đoàn cơ sở Công ty TNHH Giày da Hsinfa Việt Nam — KCN Tân Tạo, TP Hồ Chí Minh (FDI) */
  footwearHcmc: 'CS79-0001',
  /** Công đoàn Công ty Cổ phần Gỗ Minh Phát Bình Dương — KCN VSIP, phường Thuận An (ex-Bình Dương) */
  furnitureBinhDuong: 'CS79-0002',
  /** Công đoàn Tổng công ty Cổ phần May Đồng Tiến Phát — Đồng Nai, under the textile sector union */
  garmentTextileSector: 'CS75-0001',
  /** Công đoàn cơ sở Công ty TNHH Logistics Cảng Xanh Đình Vũ — KCN Đình Vũ, Hải Phòng */
  logisticsHaiPhong: 'CS31-0001',
  /** Công đoàn cơ sở Công ty Cổ phần Chế biến Thủy sản Năm Căn — Cà Mau, directly under P96 */
  seafoodCaMau: 'CS96-0001',
  /** Nghiệp đoàn cơ sở xe ôm công nghệ phường Cầu Giấy — no employer */
  rideHailingGuildHanoi: 'CS01-0001',
} as const;

const HAND_PICKED: readonly SeedRecord[] = [
  {
    code: DEMO_UNITS.rideHailingGuildHanoi,
    name: 'Nghiệp đoàn cơ sở xe ôm công nghệ phường Cầu Giấy',
    kind: 'grassroots',
    parentCode: DEMO_UNITS.cauGiayWardUnion,
    provinceCode: '01',
    address: 'phường Cầu Giấy, TP Hà Nội',
  },
  {
    code: DEMO_UNITS.garmentBacNinh,
    name: 'Công đoàn cơ sở Công ty TNHH May Sông Hồng Việt',
    kind: 'grassroots',
    parentCode: DEMO_UNITS.bacNinhParksUnion,
    provinceCode: '24',
    employer: 'Công ty TNHH May Sông Hồng Việt',
    address: 'Lô C5, KCN Quế Võ, phường Quế Võ, tỉnh Bắc Ninh',
  },
  {
    code: DEMO_UNITS.electronicsBacNinh,
    name: 'Công đoàn Công ty TNHH Điện tử Samsong Vina',
    kind: 'grassroots',
    parentCode: DEMO_UNITS.bacNinhParksUnion,
    provinceCode: '24',
    employer: 'Công ty TNHH Điện tử Samsong Vina',
    address: 'Lô A2, KCN Yên Phong, xã Yên Phong, tỉnh Bắc Ninh',
  },
  {
    code: DEMO_UNITS.logisticsHaiPhong,
    name: 'Công đoàn cơ sở Công ty TNHH Logistics Cảng Xanh Đình Vũ',
    kind: 'grassroots',
    parentCode: 'X31-001',
    provinceCode: '31',
    employer: 'Công ty TNHH Logistics Cảng Xanh Đình Vũ',
    address: 'Lô CN4, KCN Đình Vũ, phường Đông Hải, TP Hải Phòng',
  },
  {
    code: DEMO_UNITS.textileNinhBinh,
    name: 'Công đoàn cơ sở Công ty Cổ phần Dệt Sông Hồng',
    kind: 'grassroots',
    parentCode: 'P37',
    provinceCode: '37',
    employer: 'Công ty Cổ phần Dệt Sông Hồng',
    address: 'Số 105 đường Hàn Thuyên, phường Nam Định, tỉnh Ninh Bình',
  },
  {
    code: DEMO_UNITS.garmentTextileSector,
    name: 'Công đoàn Tổng công ty Cổ phần May Đồng Tiến Phát',
    kind: 'grassroots',
    parentCode: DEMO_UNITS.textileSector,
    provinceCode: '75',
    employer: 'Tổng công ty Cổ phần May Đồng Tiến Phát',
    address: 'KCN Biên Hòa 2, phường Trấn Biên, TP Đồng Nai',
  },
  {
    code: DEMO_UNITS.footwearHcmc,
    name: 'Công đoàn cơ sở Công ty TNHH Giày da Hsinfa Việt Nam',
    kind: 'grassroots',
    parentCode: DEMO_UNITS.hcmcParksUnion,
    provinceCode: '79',
    employer: 'Công ty TNHH Giày da Hsinfa Việt Nam',
    address: 'Lô 16, KCN Tân Tạo, phường Tân Tạo, TP Hồ Chí Minh',
  },
  {
    code: DEMO_UNITS.furnitureBinhDuong,
    name: 'Công đoàn Công ty Cổ phần Gỗ Minh Phát Bình Dương',
    kind: 'grassroots',
    parentCode: DEMO_UNITS.hcmcParksUnion,
    provinceCode: '79',
    employer: 'Công ty Cổ phần Gỗ Minh Phát Bình Dương',
    address: 'Số 8 đường số 3, KCN VSIP, phường Thuận An, TP Hồ Chí Minh',
  },
  {
    code: DEMO_UNITS.seafoodCaMau,
    name: 'Công đoàn cơ sở Công ty Cổ phần Chế biến Thủy sản Năm Căn',
    kind: 'grassroots',
    parentCode: 'P96',
    provinceCode: '96',
    employer: 'Công ty Cổ phần Chế biến Thủy sản Năm Căn',
    address: 'KCN Khánh An, phường An Xuyên, tỉnh Cà Mau',
  },
];

/** Brand stems of hand-picked units; the random generator never produces them. */
const RESERVED_STEMS = new Set(['Samsong', 'Hsinfa']);

// ---------------------------------------------------------------- randomness


class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = seededRandom(seed);
  }
  float(): number {
    return this.next();
  }
  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)] as T;
  }
  weighted<T>(items: readonly T[], weights: readonly number[], total: number): T {
    let r = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i] ?? 0;
      if (r < 0) return items[i] as T;
    }
    return items[items.length - 1] as T;
  }
}

/** 32-bit integer mix (murmur3 finaliser), the round function of the permutation below. */
function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * A keyed bijection on [0, n): a balanced Feistel network on the next even power of two, with
 * cycle walking to stay inside n. Walking index 0, 1, 2… through it visits every name of a name
 * space once in a scrambled order, so names are unique while memory stays constant.
 */
class Permutation {
  private readonly halfBits: number;
  private readonly mask: number;
  constructor(
    private readonly n: number,
    private readonly key: number,
  ) {
    let bits = 2;
    while (2 ** bits < n) bits += 2;
    this.halfBits = bits / 2;
    this.mask = 2 ** this.halfBits - 1;
  }
  apply(i: number): number {
    let x = i;
    do {
      let l = Math.floor(x / 2 ** this.halfBits);
      let r = x & this.mask;
      for (let round = 0; round < 4; round++) {
        const f = mix32(r ^ mix32(this.key + round)) & this.mask;
        [l, r] = [r, l ^ f];
      }
      x = l * 2 ** this.halfBits + r;
    } while (x >= this.n);
    return x;
  }
}

// ---------------------------------------------------------------- name spaces

type Dim = readonly string[];

/** The union of several cartesian products of word lists, indexable by position. */
class NameSpace {
  readonly size: number;
  private readonly sizes: number[];
  constructor(private readonly alternatives: ReadonlyArray<readonly Dim[]>) {
    this.sizes = alternatives.map((dims) => dims.reduce((n, d) => n * d.length, 1));
    this.size = this.sizes.reduce((a, b) => a + b, 0);
  }
  /** the words chosen at position i, one per dimension of the alternative it falls in */
  parts(i: number): { alternative: number; words: string[] } {
    let rest = i;
    for (let a = 0; a < this.alternatives.length; a++) {
      const size = this.sizes[a] ?? 0;
      if (rest < size) {
        const words: string[] = [];
        for (const dim of this.alternatives[a] ?? []) {
          words.push(dim[rest % dim.length] ?? '');
          rest = Math.floor(rest / dim.length);
        }
        return { alternative: a, words };
      }
      rest -= size;
    }
    throw new RangeError(`name index ${i} outside ${this.size}`);
  }
}

const joinWords = (words: readonly string[]): string => words.filter((w) => w !== '').join(' ');

const VN_STEMS: Dim = [
  ...VN_FIRST.flatMap((a) => VN_SECOND.map((b) => `${a} ${b}`)),
  ...VN_PLACE_STEMS,
].filter((s) => !RESERVED_STEMS.has(s));

const FDI_BRAND_STEMS: Dim = FDI_BRANDS.flatMap(([heads, tails]) =>
  heads.flatMap((h) => tails.filter((t) => t !== h.toLowerCase()).map((t) => h + t)),
).filter((s) => !RESERVED_STEMS.has(s));

const DOMESTIC_NAMES = new NameSpace([
  [['Công ty TNHH', 'Công ty Cổ phần', 'Công ty TNHH Một thành viên'], VN_INDUSTRIES, VN_FIRST, VN_SECOND, VN_QUALIFIERS],
  [['Công ty TNHH', 'Công ty Cổ phần'], VN_INDUSTRIES, VN_PLACE_STEMS, ['', 'Việt Nam', 'Quốc tế', 'Miền Nam', 'Group']],
]);

const FDI_NAMES = new NameSpace([
  [['Công ty TNHH'], FDI_INDUSTRIES, FDI_BRAND_STEMS, FDI_SUFFIXES],
  [['Công ty TNHH'], FDI_BRAND_STEMS, FDI_TAILS, ['Việt Nam', 'Vina', 'VN']],
]);

/** Province display names in SEED_PROVINCES order, the fill list of "{place}". */
const PLACE_NAMES: Dim = SEED_PROVINCES.map((p) => p.name);

interface SectorNames {
  space: NameSpace;
  /** per alternative: which dimension holds the province, if any */
  placeDim: Array<number | undefined>;
}

/** "Công ty Điện lực {place}" → dims [["Công ty Điện lực"], PLACE_NAMES]. */
function sectorNames(templates: readonly string[]): SectorNames {
  const placeDim: Array<number | undefined> = [];
  const alternatives = templates.map((template) => {
    const dims: Dim[] = [];
    let place: number | undefined;
    for (const piece of template.split(/(\{stem\}|\{place\})/)) {
      const text = piece.trim();
      if (text === '') continue;
      if (text === '{stem}') dims.push(VN_STEMS);
      else if (text === '{place}') {
        place = dims.length;
        dims.push(PLACE_NAMES);
      } else dims.push([text]);
    }
    placeDim.push(place);
    return dims;
  });
  return { space: new NameSpace(alternatives), placeDim };
}

// ---------------------------------------------------------------- the tree

const sectorCode = (i: number): string => `S${String(i + 1).padStart(2, '0')}`;
const grassrootsCode = (province: string, n: number): string => `CS${province}-${String(n).padStart(4, '0')}`;

interface CommuneSeed {
  record: SeedRecord;
  /** the ward it covers, or 'parks' for a province's industrial-park union */
  covers: string;
}

/** Commune-level units in a fixed order, so codes never depend on the size chosen. */
function communeSeeds(): CommuneSeed[] {
  const out: CommuneSeed[] = [];
  for (const province of SEED_PROVINCES) {
    const places = SEED_PLACES[province.code];
    if (!places) continue;
    let n = 1;
    const code = (): string => `X${province.code}-${String(n++).padStart(3, '0')}`;
    if (places.parksUnion) {
      out.push({
        covers: 'parks',
        record: {
          code: code(),
          name: places.parksUnion,
          kind: 'commune',
          parentCode: `P${province.code}`,
          provinceCode: province.code,
          address: provinceAddress(province),
        },
      });
    } else {
      n++; // keep X<p>-001 for a parks union the province may get later
    }
    for (const ward of places.wardUnions) {
      out.push({
        covers: ward,
        record: {
          code: code(),
          name: `Công đoàn ${ward}`,
          kind: 'commune',
          parentCode: `P${province.code}`,
          provinceCode: province.code,
          address: `${ward}, ${provinceAddress(province)}`,
        },
      });
    }
  }
  return out;
}

const DEMO_SECTOR_COUNT = 6;
const DEFAULT_GRASSROOTS = { demo: 40, full: 400 } as const;

/**
 * Yields the org tree, every parent before its children: root, 34 provincial federations,
 * sector unions, commune/park unions, then grassroots units (hand-picked ones first).
 */
export function* generateOrgTree(options: GenerateOptions = {}): Generator<SeedRecord, void, undefined> {
  const size = options.size ?? 'demo';
  const seed = options.seed ?? DEFAULT_SEED;
  const total = options.grassroots ?? DEFAULT_GRASSROOTS[size];
  if (!Number.isInteger(total) || total < 0) throw new RangeError(`grassroots must be a non-negative integer, got ${total}`);
  const rng = new Rng(seed);

  yield {
    code: ROOT_CODE,
    name: 'Tổng Liên đoàn Lao động Việt Nam',
    kind: 'confederation',
    parentCode: null,
    address: 'Số 82 đường Trần Hưng Đạo, phường Cửa Nam, TP Hà Nội',
  };

  for (const province of SEED_PROVINCES) {
    yield {
      code: `P${province.code}`,
      name: `Liên đoàn Lao động ${provinceTitle(province)}`,
      kind: 'province',
      parentCode: ROOT_CODE,
      provinceCode: province.code,
      address: provinceAddress(province),
    };
  }

  const sectors = size === 'demo' ? SEED_SECTORS.slice(0, DEMO_SECTOR_COUNT) : SEED_SECTORS;
  for (let i = 0; i < sectors.length; i++) {
    yield { code: sectorCode(i), name: sectors[i]!.name, kind: 'sector', parentCode: ROOT_CODE };
  }

  // Demo keeps the parks unions and the first ward union of each province.
  const firstWardSeen = new Set<string>();
  const communes = communeSeeds().filter((c) => {
    if (size === 'full' || c.covers === 'parks') return true;
    const p = c.record.provinceCode ?? '';
    if (firstWardSeen.has(p)) return false;
    firstWardSeen.add(p);
    return true;
  });
  const communeFor = new Map<string, string>(); // "<province>|<ward or 'parks'>" -> code
  for (const c of communes) {
    communeFor.set(`${c.record.provinceCode}|${c.covers}`, c.record.code);
    yield c.record;
  }

  const counters = new Map<string, number>();
  const nextCode = (province: string): string => {
    const n = (counters.get(province) ?? 0) + 1;
    counters.set(province, n);
    return grassrootsCode(province, n);
  };

  // Hand-picked units consume the first codes of their provinces; the rest continue after them.
  const handPicked = HAND_PICKED.slice(0, total);
  for (const unit of handPicked) {
    const code = nextCode(unit.provinceCode!);
    if (code !== unit.code) throw new Error(`hand-picked ${unit.code} would get ${code}: keep HAND_PICKED in code order`);
    yield unit;
  }

  const provinceWeights = SEED_PROVINCES.map((p) => SEED_PLACES[p.code]?.weight ?? 0.2);
  const provinceWeightTotal = provinceWeights.reduce((a, b) => a + b, 0);
  const sectorWeights = sectors.map((s) => s.weight);
  const sectorWeightTotal = sectorWeights.reduce((a, b) => a + b, 0);
  const sectorSpaces = sectors.map((s) => sectorNames(s.employers));
  const sectorPerms = sectorSpaces.map((s, i) => new Permutation(s.space.size, seed ^ mix32(1000 + i)));
  const sectorUsed = sectors.map(() => 0);
  const domesticPerm = new Permutation(DOMESTIC_NAMES.size, seed ^ 0x5eed0001);
  const fdiPerm = new Permutation(FDI_NAMES.size, seed ^ 0x5eed0002);
  let domesticUsed = 0;
  let fdiUsed = 0;
  const guildsUsed = new Set<string>();

  const pickProvince = (): SeedProvince => rng.weighted(SEED_PROVINCES, provinceWeights, provinceWeightTotal);

  /** A workplace in the province: an industrial-park lot or a street address in a ward. */
  const pickSite = (province: SeedProvince): { ward: string; park?: string; address: string } => {
    const places: SeedPlaces | undefined = SEED_PLACES[province.code];
    const tail = provinceAddress(province);
    if (places && places.parks.length > 0 && rng.float() < 0.7) {
      const park = rng.pick(places.parks);
      const lot = `${'ABCDEFGHK'[rng.int(9)]}${1 + rng.int(40)}`;
      return { ward: park.ward, park: park.name, address: `Lô ${lot}, ${park.name}, ${park.ward}, ${tail}` };
    }
    const ward = places ? rng.pick(places.wards) : `phường ${province.name}`;
    return { ward, address: `Số ${1 + rng.int(480)} ${rng.pick(STREETS)}, ${ward}, ${tail}` };
  };

  /** Nearest upper unit for a workplace: its park union, else its ward union, else the province. */
  const localParent = (province: string, site: { ward: string; park?: string }): string =>
    (site.park ? communeFor.get(`${province}|parks`) : undefined) ??
    communeFor.get(`${province}|${site.ward}`) ??
    `P${province}`;

  const enterprise = (): SeedRecord => {
    const province = pickProvince();
    const site = pickSite(province);
    const industrial = (SEED_PLACES[province.code]?.weight ?? 0) >= 3;
    const useFdi = fdiUsed < FDI_NAMES.size && rng.float() < (industrial ? 0.3 : 0.1);
    let employer: string;
    if (useFdi || domesticUsed >= DOMESTIC_NAMES.size) {
      employer = joinWords(FDI_NAMES.parts(fdiPerm.apply(fdiUsed++)).words);
    } else {
      employer = joinWords(DOMESTIC_NAMES.parts(domesticPerm.apply(domesticUsed++)).words);
    }
    const name = rng.float() < 0.55 ? `Công đoàn cơ sở ${employer}` : `Công đoàn ${employer}`;
    return {
      code: nextCode(province.code),
      name,
      kind: 'grassroots',
      parentCode: localParent(province.code, site),
      provinceCode: province.code,
      employer,
      address: site.address,
    };
  };

  const sectorUnit = (): SeedRecord | undefined => {
    const s = rng.weighted(
      sectors.map((_, i) => i),
      sectorWeights,
      sectorWeightTotal,
    );
    const names = sectorSpaces[s]!;
    if (sectorUsed[s]! >= names.space.size) return undefined;
    const { alternative, words } = names.space.parts(sectorPerms[s]!.apply(sectorUsed[s]!++));
    const placeAt = names.placeDim[alternative];
    const province =
      placeAt === undefined ? pickProvince() : SEED_PROVINCES[PLACE_NAMES.indexOf(words[placeAt]!)]!;
    const employer = joinWords(words);
    return {
      code: nextCode(province.code),
      name: `Công đoàn ${employer}`,
      kind: 'grassroots',
      parentCode: sectorCode(s),
      provinceCode: province.code,
      employer,
      address: pickSite(province).address,
    };
  };

  const guild = (): SeedRecord | undefined => {
    const province = pickProvince();
    const places = SEED_PLACES[province.code];
    if (!places) return undefined;
    const ward = rng.pick(places.wards);
    const trade = rng.pick(GUILD_TRADES);
    const key = `${province.code}|${ward}|${trade}`;
    if (guildsUsed.has(key)) return undefined;
    guildsUsed.add(key);
    const wardName = ward.replace(/^(phường|xã) /, '');
    const name =
      trade === 'tiểu thương chợ'
        ? `Nghiệp đoàn cơ sở tiểu thương chợ ${wardName}`
        : `Nghiệp đoàn cơ sở ${trade} ${ward}`;
    return {
      code: nextCode(province.code),
      name,
      kind: 'grassroots',
      parentCode: localParent(province.code, { ward }),
      provinceCode: province.code,
      address: `${ward}, ${provinceAddress(province)}`,
    };
  };

  for (let made = handPicked.length; made < total; made++) {
    const r = rng.float();
    yield (r < 0.03 ? guild() : r < 0.15 ? sectorUnit() : undefined) ?? enterprise();
  }
}

/** The whole tree as an array; fine for demo and full sizes, use the generator for load tests. */
export function orgTree(options: GenerateOptions = {}): SeedRecord[] {
  return [...generateOrgTree(options)];
}
