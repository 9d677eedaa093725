import { describe, expect, it } from 'vitest';
import { decodeImeToken, isPlainSyllable, normalizeForMatch, tokens } from './normalize.ts';

const n = normalizeForMatch;

describe('normalizeForMatch: Unicode, case, diacritics', () => {
  it('folds diacritics and đ, lower-cases', () => {
    expect(n('Đăng ký Đoàn viên')).toBe('dang ky doan vien');
    expect(n('NGUYỄN THỊ MINH ANH')).toBe('nguyen thi minh anh');
  });

  it('treats NFD (macOS/iOS) input like NFC', () => {
    const nfd = 'Đăng ký'.normalize('NFD');
    expect(nfd).not.toBe('Đăng ký');
    expect(n(nfd)).toBe('dang ky');
  });

  it('drops zero-width and other invisible characters instead of splitting words', () => {
    // "đăngký" glued by the removed ZWSP is still recognised through the dangky shorthand
    expect(n('đăng\u200Bký')).toBe('dang ky');
    expect(n('công\u200Bđoàn')).toBe('congdoan');
    expect(n('đăn\u200Dg k\uFEFFý')).toBe('dang ky');
    expect(n('\u00ADcông\u2060 đoàn')).toBe('cong doan');
  });

  it('turns full-width digits and letters into ASCII', () => {
    expect(n('１２３')).toBe('123');
    expect(n('ＯＫ')).toBe('ok');
  });

  it('maps the look-alike Ð (U+00D0) to d', () => {
    expect(n('ÐĂNG KÝ')).toBe('dang ky');
  });

  it('removes punctuation, emoji and extra spacing', () => {
    expect(n('  Dạ,   đăng ký!!! 😊👍  ')).toBe('da dang ky');
    expect(n('...???')).toBe('');
    expect(n('')).toBe('');
    expect(n('1️⃣')).toBe('1');
  });

  it('keeps thousands-grouped numbers and phone numbers as one token', () => {
    expect(n('5.000.000 đồng')).toBe('5000000 dong');
    expect(n('0912.345.678')).toBe('0912345678');
    expect(n('01.07.2025')).toBe('01 07 2025');
  });
});

describe('normalizeForMatch: Telex leftovers (IME off)', () => {
  it.each([
    ['dduwowcj', 'duoc'],
    ['dduocwj', 'duoc'],
    ['khoong', 'khong'],
    ['ddawng kys', 'dang ky'],
    ['Nguyeenx Vawn Ddaat', 'nguyen van dat'],
    ['nguoiwf lao ddoongj', 'nguoi lao dong'],
    ['truwowngf hojc', 'truong hoc'],
    ['tieengs vieetj', 'tieng viet'],
    ['cos', 'co'],
    ['vaangf', 'vang'],
    ['nhw', 'nhu'],
    ['thuyr', 'thuy'],
    ['quas', 'qua'],
    ['gif', 'gi'],
    ['ddi lamf', 'di lam'],
    ['HOIR VEEF LUWOWNG', 'hoi ve luong'],
  ])('%s -> %s', (input, expected) => {
    expect(n(input)).toBe(expected);
  });

  it('leaves ordinary unaccented Vietnamese alone', () => {
    const plain = 'toi muon dang ky cong doan o cong ty may hung yen';
    expect(n(plain)).toBe(plain);
    expect(n('huu tri cuu tro')).toBe('huu tri cuu tro');
  });

  it('does not decode tokens whose "marks" would give a non-syllable', () => {
    expect(n('cass')).toBe('cass');
    expect(n('hoss')).toBe('hoss');
    expect(n('hello zoom google facebook coffee')).toBe('hello zoom google facebook coffee');
    expect(n('yes')).toBe('yes');
    // stop finals only carry sắc or nặng, so "hocf" is not học with a huyền tone
    expect(n('hocf')).toBe('hocf');
  });

  it('keeps loanwords really spelled with oo', () => {
    expect(n('cái xoong')).toBe('cai xoong');
    expect(n('boong tàu')).toBe('boong tau');
  });
});

describe('normalizeForMatch: VNI leftovers', () => {
  it.each([
    ['luong6', 'luong'],
    ['d9', 'd'],
    ['d9i', 'di'],
    ['d9a8ng ky1', 'dang ky'],
    ['dda9ng', 'dang'],
    ['Nguye6n Va8n', 'nguyen van'],
    ['d9uo7c5 kho6ng', 'duoc khong'],
  ])('%s -> %s', (input, expected) => {
    expect(n(input)).toBe(expected);
  });

  it('keeps a lone trailing digit when nothing else in the message is VNI ("ca3" = shift 3)', () => {
    expect(n('toi lam ca3')).toBe('toi lam ca3');
    expect(n('la2 ca3')).toBe('la ca');
  });

  it('keeps codes that only look like letters+digits', () => {
    expect(n('covid19 q1 p10 b2 t7')).toBe('covid19 q1 p10 b2 t7');
  });
});

describe('normalizeForMatch: teencode and abbreviations', () => {
  it.each([
    ['ko', 'khong'],
    ['k', 'khong'],
    ['hok', 'khong'],
    ['hk', 'khong'],
    ['khg', 'khong'],
    ['kg', 'khong'],
    ['kô', 'khong'],
    ['dc', 'duoc'],
    ['đc', 'duoc'],
    ['j', 'gi'],
    ['ntn', 'nhu the nao'],
    ['cty', 'cong ty'],
    ['cđ', 'cong doan'],
    ['CĐCS', 'cong doan co so'],
    ['bhxh', 'bao hiem xa hoi'],
    ['BHTN', 'bao hiem that nghiep'],
    ['bhyt', 'bao hiem y te'],
    ['NLĐ', 'nguoi lao dong'],
    ['nld', 'nguoi lao dong'],
    ['HĐLĐ', 'hop dong lao dong'],
    ['hdld', 'hop dong lao dong'],
    ['vs', 'voi'],
    ['r', 'roi'],
    ['oke', 'ok'],
    ['okie', 'ok'],
    ['OK', 'ok'],
    ['uk', 'u'],
    ['uh', 'u'],
    ['um', 'u'],
    ['ừ', 'u'],
    ['mik', 'minh'],
    ['mk', 'minh'],
  ])('%s -> %s', (input, expected) => {
    expect(n(input)).toBe(expected);
  });

  it('expands inside sentences', () => {
    expect(n('cty ko đóng bhxh cho nld thì sao ạ')).toBe(
      'cong ty khong dong bao hiem xa hoi cho nguoi lao dong thi sao a',
    );
    expect(n('e hỏi j vs ạ')).toBe('e hoi gi voi a');
  });

  it('keeps one-letter pronouns as typed (a = anh/à/ạ, e = em/ê are ambiguous)', () => {
    expect(n('a ơi')).toBe('a oi');
    expect(n('e muốn hỏi')).toBe('e muon hoi');
    expect(n('t muốn')).toBe('t muon');
  });

  it('reads dk as "đăng ký" unless it is a yes/no tag or negated', () => {
    expect(n('dk đoàn viên')).toBe('dang ky doan vien');
    expect(n('mình muốn đk')).toBe('minh muon dang ky');
    expect(n('chưa đk')).toBe('chua dang ky');
    expect(n('đk không?')).toBe('duoc khong');
    expect(n('dk ko')).toBe('duoc khong');
    expect(n('ko đk')).toBe('khong duoc');
    expect(n('dky')).toBe('dang ky');
    expect(n('dangki')).toBe('dang ky');
  });

  it('unifies kí/ký, lí/lý spellings', () => {
    expect(n('đăng kí')).toBe(n('đăng ký'));
    expect(n('lí do')).toBe('ly do');
    expect(n('kim')).toBe('kim');
  });
});

describe('normalizeForMatch: repeated letters', () => {
  it('squeezes runs of three or more', () => {
    expect(n('dangggg kyyyy')).toBe('dang ky');
    expect(n('okkkkk')).toBe('ok');
    expect(n('khôngggg')).toBe('khong');
  });

  it('squeezes a doubled letter only when that yields a syllable or shorthand', () => {
    expect(n('dangg kyy')).toBe('dang ky');
    expect(n('okk')).toBe('ok');
    expect(n('nhaa')).toBe('nha');
    expect(n('emm')).toBe('em');
    expect(n('app hello')).toBe('app hello');
  });

  it('never squeezes digits', () => {
    expect(n('1000')).toBe('1000');
    expect(n('0888999111')).toBe('0888999111');
  });
});

describe('normalizeForMatch: adversarial input', () => {
  it('handles a 4 KB string deterministically', () => {
    const big = 'đăng ký '.repeat(512);
    const out = n(big);
    expect(n(big)).toBe(out);
    expect(out.split(' ')).toHaveLength(1024);
    expect(out.startsWith('dang ky dang ky')).toBe(true);
  });

  it('neutralises markup to plain tokens', () => {
    expect(n('<script>alert(1)</script>')).toBe('script alert 1 script');
  });

  it('survives lone surrogates and control characters', () => {
    expect(n('đăng\uD800 ký\u0000\u0007')).toBe('dang ky');
  });
});

describe('tokens', () => {
  it('splits the normal form', () => {
    expect(tokens('Đăng ký BHXH')).toEqual(['dang', 'ky', 'bao', 'hiem', 'xa', 'hoi']);
  });
  it('returns no tokens for noise', () => {
    expect(tokens(' 😊 !! ')).toEqual([]);
  });
});

describe('decodeImeToken / isPlainSyllable', () => {
  it('returns null for tokens without marks', () => {
    expect(decodeImeToken('dang')).toBeNull();
    expect(decodeImeToken('abc')).toBeNull();
  });
  it('returns null for overlong or non-ASCII tokens', () => {
    expect(decodeImeToken('dduwowcjjjjjjjjj')).toBeNull();
    expect(decodeImeToken('đuwowcj')).toBeNull();
  });
  it('recognises plain syllables including the gi- and qu- onsets', () => {
    for (const s of ['nguoi', 'khuyen', 'gieng', 'gi', 'quoc', 'huynh', 'khuech', 'oan', 'yeu']) {
      expect(isPlainSyllable(s), s).toBe(true);
    }
    for (const s of ['khoong', 'ddi', 'kys', 'ok', 'hello']) {
      expect(isPlainSyllable(s), s).toBe(false);
    }
  });
});
