import { normalizeForMatch } from '../lang/normalize.ts';

/*
 * Workers and the knowledge base name the same thing differently ("tăng ca" / "làm thêm giờ",
 * "nghỉ đẻ" / "thai sản"). Each phrase found in the normal form also adds its canonical words,
 * on both the query and the entry side, so either wording meets the other. Keys and values are
 * normalizeForMatch forms. Measured with `kb:eval`: dropping this table costs most on teencode.
 */
const SYNONYMS: Array<[string, string]> = [
  ['tang ca', 'lam them gio'],
  ['lam them', 'lam them gio'],
  ['ot', 'lam them gio'],
  ['tc', 'lam them gio'],
  ['bn', 'bao nhieu'],
  ['tieng', 'gio'],
  ['gap', 'phan tram'],
  ['x2', '200 phan tram'],
  ['x3', '300 phan tram'],
  ['lan luong', 'phan tram luong'],
  ['chu nhat', 'nghi hang tuan'],
  ['le', 'ngay le'],
  ['tet', 'ngay le tet'],
  ['ca dem', 'ban dem'],
  ['lam dem', 'ban dem'],
  ['nghi de', 'thai san sinh con'],
  ['bau', 'mang thai'],
  ['co bau', 'mang thai'],
  ['cuoi vo', 'ket hon'],
  ['lay vo', 'ket hon'],
  ['lay chong', 'ket hon'],
  ['duoi viec', 'cham dut hop dong cho nghi viec'],
  ['sa thai', 'cham dut hop dong'],
  ['cho nghi', 'cham dut hop dong'],
  ['no luong', 'tra luong cham'],
  ['cham luong', 'tra luong cham'],
  ['tre luong', 'tra luong cham'],
  ['chua tra', 'tra luong cham'],
  ['khong dong', 'tron dong cham dong'],
  ['ko dong', 'tron dong cham dong'],
  ['phep', 'nghi phep hang nam'],
  ['phep nam', 'nghi hang nam'],
  ['lanh', 'huong'],
  ['tien that nghiep', 'tro cap that nghiep'],
  ['bao hiem that nghiep', 'tro cap that nghiep'],
  ['ve huu', 'nghi huu'],
  ['huu', 'nghi huu'],
  ['kien', 'khoi kien'],
  ['het quyen', 'thoi hieu'],
  ['di tre', 'tru luong'],
  ['di muon', 'tru luong'],
  ['phat tien', 'tru luong'],
  ['om', 'om dau'],
  ['cat giam', 'co cau ly do kinh te mat viec'],
  ['tai co cau', 'co cau mat viec'],
  ['giam bien che', 'co cau mat viec'],
  ['can cuoc', 'giay to tuy than'],
  ['ep', 'bat buoc dong y'],
  ['bat', 'bat buoc'],
  ['tu choi', 'dong y'],
  ['mun', 'muon'],
  ['luong toi thieu', 'luong toi thieu vung'],
  ['ngay phep', 'nghi hang nam'],
  ['thoi viec', 'tro cap thoi viec'],
];

/**
 * Words that carry no topic: pronouns, particles, politeness, and the framing of a question
 * ("xin hỏi luật quy định ... theo ..."), which every legal question shares. Kept out of
 * scores and bigrams.
 */
const STOPWORDS: ReadonlySet<string> = new Set(
  ('toi minh em e anh a chi ban mn moi nguoi la thi co khong vay v z a nhe oi cho cua va hay ma nay do ' +
    'neu se da roi gi sao nao the nhu ak ah u ha hoi cac nhung mot 1 voi ve o tai khi thi luc ' +
    'xin luat quy dinh theo giup').split(' '),
);

const synonymTable: Array<[RegExp, string]> = SYNONYMS.map(([k, v]) => [new RegExp(`(?:^| )${k}(?= |$)`), v]);

/** Normal form plus synonym expansions (appended, so positions of the original words stay put). */
export function expand(text: string): string {
  const n = normalizeForMatch(text);
  const extra: string[] = [];
  for (const [re, v] of synonymTable) if (re.test(n)) extra.push(v);
  return extra.length ? `${n} | ${extra.join(' | ')}` : n;
}

/**
 * Index terms of a text: content words and adjacent pairs of them. Vietnamese words are mostly
 * two syllables ("lam them", "thai san"), so a pair is closer to a word than a syllable is.
 */
export function analyze(text: string): string[] {
  const out: string[] = [];
  for (const segment of expand(text).split(' | ')) {
    const words = segment.split(' ').filter((w) => w && !STOPWORDS.has(w));
    for (let i = 0; i < words.length; i++) {
      out.push(words[i]!);
      if (i + 1 < words.length) out.push(`${words[i]}_${words[i + 1]}`);
    }
  }
  return out;
}
