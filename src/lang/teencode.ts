/**
 * Chat shorthand ("teencode") and union/HR abbreviations, expanded to folded full words.
 * Keys and values are already folded (lower case, no diacritics, đ -> d) because the table is
 * looked up after folding: "đc", "dc" and "Đc" all reach the key "dc".
 *
 * Left out on purpose (ambiguous, expanding them would corrupt as many messages as it fixes):
 * - single-letter pronouns a/e/t/c (anh/à/ạ, em/ê, tôi/tao/tiền, chị/có): kept as typed;
 * - bn (bạn / bao nhiêu), bt (biết / bình thường), bh (bây giờ / bảo hiểm), dv (đoàn viên /
 *   dịch vụ), hd (hợp đồng / hướng dẫn / hóa đơn), ld (lao động / lãnh đạo), v (và / vậy),
 *   cv (công việc / CV), hong (hông = không / hồng / hỏng), dn (doanh nghiệp / Đà Nẵng / Đồng Nai).
 * "k" alone is "không"; "500k" (thousand) is one token with its number and is never looked up.
 * "dk"/"đk" is not here: it means both "được" and "đăng ký" and is resolved from its neighbours
 * in normalize.ts (see DK_* below).
 */
export const TEENCODE: ReadonlyMap<string, string> = new Map([
  // không
  ['ko', 'khong'],
  ['k', 'khong'],
  ['kh', 'khong'],
  ['kg', 'khong'],
  ['khg', 'khong'],
  ['hok', 'khong'],
  ['hk', 'khong'],
  ['khum', 'khong'],
  ['k0', 'khong'],
  ['kh0', 'khong'],
  ['kp', 'khong phai'],
  // được
  ['dc', 'duoc'],
  ['dx', 'duoc'],
  // đăng ký spelled without the space or shortened unambiguously
  ['dky', 'dang ky'],
  ['dki', 'dang ky'],
  ['dangky', 'dang ky'],
  ['dangki', 'dang ky'],
  // question words and particles
  ['j', 'gi'],
  ['gj', 'gi'],
  ['ji', 'gi'],
  ['ntn', 'nhu the nao'],
  ['z', 'vay'],
  ['zay', 'vay'],
  ['dzay', 'vay'],
  ['ak', 'a'],
  ['ah', 'a'],
  ['r', 'roi'],
  ['rui', 'roi'],
  ['vs', 'voi'],
  // assent: every spelling of "ok" and of "ừ" collapses to one token the matchers can list
  ['ok', 'ok'],
  ['oke', 'ok'],
  ['okie', 'ok'],
  ['oki', 'ok'],
  ['oky', 'ok'],
  ['okey', 'ok'],
  ['okay', 'ok'],
  ['okela', 'ok'],
  ['okla', 'ok'],
  ['oce', 'ok'],
  ['u', 'u'],
  ['uk', 'u'],
  ['uh', 'u'],
  ['um', 'u'],
  ['uhm', 'u'],
  ['ukm', 'u'],
  // thanks
  ['tks', 'cam on'],
  ['thks', 'cam on'],
  ['thx', 'cam on'],
  ['thank', 'cam on'],
  ['thanks', 'cam on'],
  ['camon', 'cam on'],
  // "mình" as the first-person pronoun; the one-letter pronouns stay (see above)
  ['mik', 'minh'],
  ['mjk', 'minh'],
  ['mk', 'minh'],
  // everyday shorthand
  ['nhiu', 'nhieu'],
  ['bik', 'biet'],
  ['thik', 'thich'],
  ['lm', 'lam'],
  ['cx', 'cung'],
  ['cg', 'cung'],
  ['nx', 'nua'],
  ['mn', 'moi nguoi'],
  ['mng', 'moi nguoi'],
  ['ng', 'nguoi'],
  ['ngta', 'nguoi ta'],
  ['trc', 'truoc'],
  ['hnay', 'hom nay'],
  ['hqua', 'hom qua'],
  ['bnhieu', 'bao nhieu'],
  ['kq', 'ket qua'],
  ['sdt', 'so dien thoai'],
  ['vn', 'viet nam'],
  ['tp', 'thanh pho'],
  // organisations, insurance, labour law
  ['cty', 'cong ty'],
  ['cd', 'cong doan'],
  ['cdoan', 'cong doan'],
  ['cdcs', 'cong doan co so'],
  ['dvcd', 'doan vien cong doan'],
  ['ldld', 'lien doan lao dong'],
  ['tld', 'tong lien doan'],
  ['kpcd', 'kinh phi cong doan'],
  ['bhxh', 'bao hiem xa hoi'],
  ['bhtn', 'bao hiem that nghiep'],
  ['bhyt', 'bao hiem y te'],
  ['nld', 'nguoi lao dong'],
  ['nsdld', 'nguoi su dung lao dong'],
  ['hdld', 'hop dong lao dong'],
  ['cccd', 'can cuoc cong dan'],
  ['cmnd', 'chung minh nhan dan'],
]);

/**
 * "dk"/"đk": the registration bot's key verb "đăng ký" is the default reading. It reads as
 * "được" only in the two frozen shapes where "đăng ký" would be odd: a yes/no question tag
 * right after it ("đk không?", "dk ko") or a negation right before it ("ko đk" = không được).
 * "chưa đk" stays "chưa đăng ký" (not yet registered), the common case in this bot.
 */
export const DK_TOKENS: ReadonlySet<string> = new Set(['dk']);
export const DK_AS_DUOC_BEFORE: ReadonlySet<string> = new Set(['khong', 'ha', 'hem']);
export const DK_AS_DUOC_AFTER: ReadonlySet<string> = new Set(['khong', 'chang', 'cha']);

/**
 * kí/ký, lí/lý, mĩ/mỹ, sĩ/sỹ, tỉ/tỷ, quí/quý are both accepted spellings of the same syllable;
 * one canonical form (y) makes "đăng kí" and "đăng ký" compare equal. Limited to whole
 * syllables so words like "kim" or "tin" are untouched; "hi" is left alone (greeting).
 */
export const I_TO_Y: ReadonlyMap<string, string> = new Map([
  ['ki', 'ky'],
  ['li', 'ly'],
  ['mi', 'my'],
  ['si', 'sy'],
  ['ti', 'ty'],
  ['qui', 'quy'],
]);

/** Folded loanwords that really are spelled with "oo" and must not be read as Telex ô. */
export const OO_WORDS: ReadonlySet<string> = new Set(['xoong', 'boong', 'goong', 'coong', 'mooc', 'sooc']);
