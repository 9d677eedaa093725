import { fold } from '../lang/fold.ts';
import { damerauLevenshtein } from '../lang/match.ts';

/**
 * The 34 provincial-level units in force since 01/07/2025 (Nghị quyết 202/2025/QH15) and the
 * 63 old provinces they were merged from. Old names keep arriving in answers, on ID cards (the
 * CCCD's first three digits are the old birth-registration province) and in old contracts.
 *
 * Codes of new units are the two-digit codes used by post-2025 address datasets (each reuses
 * one constituent's old code, e.g. Tuyên Quang 08, Lào Cai 15 from Yên Bái); domain.md 1.7 asks
 * to verify them against the official administrative-unit list before using them externally.
 */

export interface Province {
  /** two-digit code, e.g. '79' */
  code: string;
  /** official name, e.g. 'Thành phố Hồ Chí Minh', 'Tỉnh Cao Bằng' */
  name: string;
  /** name used in chat, e.g. 'TP Hồ Chí Minh', 'Cao Bằng' */
  shortName: string;
  kind: 'city' | 'province';
  /** set for provinces upgraded to centrally-run city after 01/07/2025 */
  cityFrom?: { date: string; confirmed: boolean };
  /** three-digit CCCD codes of the old provinces it covers */
  mergedFrom: readonly string[];
}

export interface OldProvince {
  /** three-digit code, the first digits of a CCCD number */
  code: string;
  name: string;
  /** code of the unit it belongs to since 01/07/2025 */
  newCode: string;
}

type Row = [code: string, shortName: string, kind: 'city' | 'province', mergedFrom: string[]];

const NEW_ROWS: Row[] = [
  ['01', 'Hà Nội', 'city', ['001']],
  ['79', 'TP Hồ Chí Minh', 'city', ['079', '074', '077']],
  ['31', 'Hải Phòng', 'city', ['031', '030']],
  ['48', 'Đà Nẵng', 'city', ['048', '049']],
  ['92', 'Cần Thơ', 'city', ['092', '094', '093']],
  ['46', 'Huế', 'city', ['046']],
  ['75', 'Đồng Nai', 'city', ['075', '070']],
  ['22', 'Quảng Ninh', 'city', ['022']],
  ['24', 'Bắc Ninh', 'city', ['027', '024']],
  ['04', 'Cao Bằng', 'province', ['004']],
  ['08', 'Tuyên Quang', 'province', ['008', '002']],
  ['11', 'Điện Biên', 'province', ['011']],
  ['12', 'Lai Châu', 'province', ['012']],
  ['14', 'Sơn La', 'province', ['014']],
  ['15', 'Lào Cai', 'province', ['010', '015']],
  ['19', 'Thái Nguyên', 'province', ['019', '006']],
  ['20', 'Lạng Sơn', 'province', ['020']],
  ['25', 'Phú Thọ', 'province', ['025', '026', '017']],
  ['33', 'Hưng Yên', 'province', ['033', '034']],
  ['37', 'Ninh Bình', 'province', ['037', '035', '036']],
  ['38', 'Thanh Hóa', 'province', ['038']],
  ['40', 'Nghệ An', 'province', ['040']],
  ['42', 'Hà Tĩnh', 'province', ['042']],
  ['44', 'Quảng Trị', 'province', ['045', '044']],
  ['51', 'Quảng Ngãi', 'province', ['051', '062']],
  ['52', 'Gia Lai', 'province', ['064', '052']],
  ['56', 'Khánh Hòa', 'province', ['056', '058']],
  ['66', 'Đắk Lắk', 'province', ['066', '054']],
  ['68', 'Lâm Đồng', 'province', ['068', '067', '060']],
  ['80', 'Tây Ninh', 'province', ['072', '080']],
  ['82', 'Đồng Tháp', 'province', ['087', '082']],
  ['86', 'Vĩnh Long', 'province', ['086', '083', '084']],
  ['91', 'An Giang', 'province', ['089', '091']],
  ['96', 'Cà Mau', 'province', ['096', '095']],
];

/**
 * Upgrades to centrally-run city after 01/07/2025. Đồng Nai rests on NQ 30/2026/QH16; the
 * Quảng Ninh and Bắc Ninh dates come from one dataset (domain.md 1.7: UNCONFIRMED).
 */
const CITY_FROM: Record<string, { date: string; confirmed: boolean }> = {
  '75': { date: '2026-04-30', confirmed: true },
  '22': { date: '2026-09-01', confirmed: false },
  '24': { date: '2026-09-20', confirmed: false },
};

export const PROVINCES: readonly Province[] = NEW_ROWS.map(([code, shortName, kind, mergedFrom]) => {
  const bare = shortName.replace(/^TP /, '');
  const cityFrom = CITY_FROM[code];
  return {
    code,
    name: `${kind === 'city' ? 'Thành phố' : 'Tỉnh'} ${bare}`,
    shortName,
    kind,
    ...(cityFrom ? { cityFrom } : {}),
    mergedFrom,
  };
});

const OLD_NAMES: Record<string, string> = {
  '001': 'Hà Nội', '002': 'Hà Giang', '004': 'Cao Bằng', '006': 'Bắc Kạn', '008': 'Tuyên Quang',
  '010': 'Lào Cai', '011': 'Điện Biên', '012': 'Lai Châu', '014': 'Sơn La', '015': 'Yên Bái',
  '017': 'Hòa Bình', '019': 'Thái Nguyên', '020': 'Lạng Sơn', '022': 'Quảng Ninh', '024': 'Bắc Giang',
  '025': 'Phú Thọ', '026': 'Vĩnh Phúc', '027': 'Bắc Ninh', '030': 'Hải Dương', '031': 'Hải Phòng',
  '033': 'Hưng Yên', '034': 'Thái Bình', '035': 'Hà Nam', '036': 'Nam Định', '037': 'Ninh Bình',
  '038': 'Thanh Hóa', '040': 'Nghệ An', '042': 'Hà Tĩnh', '044': 'Quảng Bình', '045': 'Quảng Trị',
  '046': 'Thừa Thiên Huế', '048': 'Đà Nẵng', '049': 'Quảng Nam', '051': 'Quảng Ngãi', '052': 'Bình Định',
  '054': 'Phú Yên', '056': 'Khánh Hòa', '058': 'Ninh Thuận', '060': 'Bình Thuận', '062': 'Kon Tum',
  '064': 'Gia Lai', '066': 'Đắk Lắk', '067': 'Đắk Nông', '068': 'Lâm Đồng', '070': 'Bình Phước',
  '072': 'Tây Ninh', '074': 'Bình Dương', '075': 'Đồng Nai', '077': 'Bà Rịa - Vũng Tàu',
  '079': 'Hồ Chí Minh', '080': 'Long An', '082': 'Tiền Giang', '083': 'Bến Tre', '084': 'Trà Vinh',
  '086': 'Vĩnh Long', '087': 'Đồng Tháp', '089': 'An Giang', '091': 'Kiên Giang', '092': 'Cần Thơ',
  '093': 'Hậu Giang', '094': 'Sóc Trăng', '095': 'Bạc Liêu', '096': 'Cà Mau',
};

export const OLD_PROVINCES: readonly OldProvince[] = Object.entries(OLD_NAMES)
  .map(([code, name]) => ({ code, name, newCode: PROVINCES.find((p) => p.mergedFrom.includes(code))!.code }))
  .sort((a, b) => a.code.localeCompare(b.code));

const BY_CODE = new Map(PROVINCES.map((p) => [p.code, p]));
const OLD_BY_CODE = new Map(OLD_PROVINCES.map((p) => [p.code, p]));

export function provinceByCode(code: string): Province | undefined {
  return BY_CODE.get(code);
}

export function oldProvinceByCode(code: string): OldProvince | undefined {
  return OLD_BY_CODE.get(code);
}

/** newProvinceForCccdCode('074') -> TP Hồ Chí Minh (Bình Dương merged into it). */
export function newProvinceForCccdCode(code: string): Province | undefined {
  const old = OLD_BY_CODE.get(code);
  return old === undefined ? undefined : BY_CODE.get(old.newCode);
}

export interface ProvinceMatch {
  province: Province;
  /** the old province the worker named, when it differs from the unit's name ("Bình Dương") */
  viaOldName?: string;
}

interface AliasTarget {
  code: string;
  viaOldName?: string;
}

/**
 * Extra spellings people use. "dn" is deliberately absent: Đà Nẵng, Đồng Nai and Đắk Nông all
 * abbreviate to it, so it is better to ask. Likewise "bd" (Bình Dương / Bình Định) and "ct".
 */
const EXTRA_ALIASES: [alias: string, code: string, viaOldName?: string][] = [
  ['hn', '01'],
  ['thu do', '01'],
  ['ha tay', '01', 'Hà Tây'],
  ['hcm', '79'],
  ['hcmc', '79'],
  ['tphcm', '79'],
  ['sai gon', '79'],
  ['saigon', '79'],
  ['sg', '79'],
  ['hp', '31'],
  ['brvt', '79', 'Bà Rịa - Vũng Tàu'],
  ['vung tau', '79', 'Bà Rịa - Vũng Tàu'],
  ['ba ria', '79', 'Bà Rịa - Vũng Tàu'],
  ['tth', '46', 'Thừa Thiên Huế'],
  ['bac can', '19', 'Bắc Kạn'],
  ['dac lac', '66'],
  ['dak nong', '68', 'Đắk Nông'],
  ['dac nong', '68', 'Đắk Nông'],
];

function aliasKey(text: string): string {
  return fold(text.normalize('NFKC')).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

const ALIASES: ReadonlyMap<string, AliasTarget> = (() => {
  const map = new Map<string, AliasTarget>();
  const add = (alias: string, target: AliasTarget): void => {
    const key = aliasKey(alias);
    map.set(key, target);
    map.set(key.replace(/ /g, ''), target);
  };
  for (const p of PROVINCES) add(p.shortName.replace(/^TP /, ''), { code: p.code });
  for (const old of OLD_PROVINCES) {
    const own = provinceByCode(old.newCode)!;
    // Hà Nội, Đồng Nai...: naming a province that kept its name is not "via an old name"
    const same = aliasKey(own.shortName.replace(/^TP /, '')) === aliasKey(old.name);
    if (!same) add(old.name, { code: own.code, viaOldName: old.name });
  }
  for (const [alias, code, viaOldName] of EXTRA_ALIASES) add(alias, viaOldName ? { code, viaOldName } : { code });
  return map;
})();

const PREFIX = /^(?:thanh pho|tp|thu do|tinh)\s+/;
const SUFFIX = /\s+(?:cu|truoc day|truoc kia)$/;

/**
 * Finds the province a worker named: new names, old names (returned with `viaOldName` so the
 * bot can say "Bình Dương nay thuộc TP Hồ Chí Minh"), folded/no-diacritic spellings, common
 * abbreviations (hcm, tphcm, sg, hn, brvt), "tỉnh"/"thành phố"/"TP" prefixes and a "(cũ)" suffix,
 * and one typo in longer names. Unknown or ambiguous answers (e.g. "dn") return null.
 */
export function findProvince(text: string): ProvinceMatch | null {
  if (text.length > 200) return null;
  let key = aliasKey(text);
  for (let i = 0; i < 2; i++) key = key.replace(PREFIX, '').replace(SUFFIX, '');
  if (key === '') return null;
  const exact = ALIASES.get(key) ?? ALIASES.get(key.replace(/ /g, ''));
  if (exact !== undefined) return toMatch(exact);
  return fuzzyFind(key.replace(/ /g, ''));
}

function fuzzyFind(compact: string): ProvinceMatch | null {
  if (compact.length < 5) return null;
  const budget = compact.length >= 10 ? 2 : 1;
  let best = budget + 1;
  let hits: AliasTarget[] = [];
  for (const [alias, target] of ALIASES) {
    if (alias.includes(' ') || alias.length < 5) continue;
    const d = damerauLevenshtein(compact, alias, budget);
    if (d < best) {
      best = d;
      hits = [target];
    } else if (d === best) {
      hits.push(target);
    }
  }
  const first = hits[0];
  if (first === undefined) return null;
  const distinct = hits.every((h) => h.code === first.code && h.viaOldName === first.viaOldName);
  return distinct ? toMatch(first) : null;
}

function toMatch(target: AliasTarget): ProvinceMatch {
  const province = provinceByCode(target.code)!;
  return target.viaOldName === undefined ? { province } : { province, viaOldName: target.viaOldName };
}
