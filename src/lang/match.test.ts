import { describe, expect, it } from 'vitest';
import { damerauLevenshtein, matchOption, parseOrdinal, typoBudget } from './match.ts';

const YES_NO = [
  { key: 'yes', synonyms: ['có', 'đồng ý', 'ok', 'vâng', 'dạ', 'ừ', 'được', 'yes'] },
  { key: 'no', synonyms: ['không', 'không đồng ý', 'thôi', 'no', 'không được'] },
];

const MENU = [
  { key: 'register', synonyms: ['đăng ký', 'đăng ký đoàn viên', 'gia nhập công đoàn'] },
  { key: 'grievance', synonyms: ['khiếu nại', 'phản ánh', 'tố cáo'] },
  { key: 'benefits', synonyms: ['phúc lợi', 'quyền lợi', 'ưu đãi'] },
  { key: 'law', synonyms: ['hỏi luật', 'tư vấn pháp luật', 'bảo hiểm xã hội'] },
];

describe('damerauLevenshtein', () => {
  it('counts an adjacent swap as one edit', () => {
    expect(damerauLevenshtein('dnag', 'dang')).toBe(1);
    expect(damerauLevenshtein('khieu', 'khiue')).toBe(1);
  });
  it('counts insertions, deletions and substitutions', () => {
    expect(damerauLevenshtein('', 'abc')).toBe(3);
    expect(damerauLevenshtein('kitten', 'sitting')).toBe(3);
    expect(damerauLevenshtein('same', 'same')).toBe(0);
  });
  it('stops early past the budget', () => {
    expect(damerauLevenshtein('a'.repeat(4000), 'dang ky', 2)).toBe(3);
    expect(damerauLevenshtein('abcdef', 'uvwxyz', 1)).toBe(2);
  });
  it('allows no typo in 1–3 letter tokens, one up to 6, two beyond', () => {
    expect([1, 3, 4, 6, 7, 12].map(typoBudget)).toEqual([0, 0, 1, 1, 2, 2]);
  });
});

describe('matchOption: yes/no', () => {
  it.each([
    ['Có', 'yes'],
    ['có ạ', 'yes'],
    ['cos', 'yes'],
    ['Đồng ý', 'yes'],
    ['dong y', 'yes'],
    ['okie', 'yes'],
    ['Oke ạ', 'yes'],
    ['ừ', 'yes'],
    ['uk', 'yes'],
    ['dc', 'yes'],
    ['vâng ạ 👍', 'yes'],
    ['dạ', 'yes'],
    ['dạ có ạ', 'yes'],
    ['Không', 'no'],
    ['ko', 'no'],
    ['k', 'no'],
    ['hok', 'no'],
    ['khoong', 'no'],
    ['không đồng ý', 'no'],
    ['dạ không ạ', 'no'],
    ['ko dc', 'no'],
    ['khong dong yy', 'no'],
  ])('%s -> %s', (text, key) => {
    expect(matchOption(text, YES_NO)?.key).toBe(key);
  });

  it('scores an exact answer 1 and a contained one lower', () => {
    expect(matchOption('có', YES_NO)).toEqual({ key: 'yes', score: 1 });
    const contained = matchOption('dạ em đồng ý ạ', YES_NO);
    expect(contained?.key).toBe('yes');
    expect(contained!.score).toBeLessThan(0.9);
    expect(contained!.score).toBeGreaterThanOrEqual(0.6);
  });

  it('does not let a negated phrase select the positive option', () => {
    expect(matchOption('tôi không đồng ý đâu', YES_NO)?.key).toBe('no');
    expect(matchOption('chưa đồng ý', YES_NO)).toBeNull();
  });

  it('returns null for unrelated text and empty input', () => {
    expect(matchOption('lương tháng này bao nhiêu', YES_NO)).toBeNull();
    expect(matchOption('', YES_NO)).toBeNull();
    expect(matchOption('   ?? ', YES_NO)).toBeNull();
  });
});

describe('matchOption: menu', () => {
  it.each([
    ['Đăng ký', 'register'],
    ['dang ky', 'register'],
    ['đăng kí', 'register'],
    ['dky', 'register'],
    ['dk', 'register'],
    ['ddawng kys', 'register'],
    ['dangky', 'register'],
    ['dnag ky', 'register'],
    ['DANGGG KYYY', 'register'],
    ['em muốn đăng ký đoàn viên ạ', 'register'],
    ['khieu nai', 'grievance'],
    ['khiu nại', 'grievance'],
    ['khiếu nại công ty', 'grievance'],
    ['hỏi về bhxh', 'law'],
    ['phuc loi', 'benefits'],
  ])('%s -> %s', (text, key) => {
    expect(matchOption(text, MENU)?.key).toBe(key);
  });

  it('prefers the longer synonym when two overlap', () => {
    const opts = [
      { key: 'join', synonyms: ['đăng ký'] },
      { key: 'join_member', synonyms: ['đăng ký đoàn viên'] },
    ];
    expect(matchOption('muốn đăng ký đoàn viên', opts)?.key).toBe('join_member');
  });

  it('returns null when the answer names two different options', () => {
    expect(matchOption('đăng ký và khiếu nại', MENU)).toBeNull();
  });

  it('returns null when two keys share a synonym', () => {
    const opts = [
      { key: 'a', synonyms: ['lương'] },
      { key: 'b', synonyms: ['luong'] },
    ];
    expect(matchOption('lương', opts)).toBeNull();
  });

  it('does not fuzz short words into each other', () => {
    const gender = [
      { key: 'male', synonyms: ['nam'] },
      { key: 'female', synonyms: ['nữ'] },
    ];
    expect(matchOption('năm', gender)?.key).toBe('male'); // folding makes năm = nam; documented
    expect(matchOption('nu', gender)?.key).toBe('female');
    expect(matchOption('na', gender)).toBeNull();
    expect(matchOption('nũ', gender)?.key).toBe('female');
  });

  it('does not treat unrelated words as typos of an option', () => {
    expect(matchOption('chào bạn', YES_NO)).toBeNull();
    expect(matchOption('thời tiết', MENU)).toBeNull();
  });

  it('copes with markup and huge input without throwing', () => {
    expect(matchOption('<script>alert(1)</script>', MENU)).toBeNull();
    const big = 'x'.repeat(4096);
    expect(matchOption(big, MENU)).toBeNull();
    expect(matchOption(`${'blah '.repeat(800)}khiếu nại`, MENU)?.key).toBe('grievance');
  });

  it('ignores options with empty synonyms', () => {
    expect(matchOption('có', [{ key: 'x', synonyms: ['', '!!'] }, ...YES_NO])?.key).toBe('yes');
  });
});

describe('parseOrdinal', () => {
  it.each([
    ['1', 1],
    ['2.', 2],
    ['2)', 2],
    ['(3)', 3],
    ['#2', 2],
    ['02', 2],
    ['số 2', 2],
    ['so 2', 2],
    ['sô 2', 2],
    ['Số 2 ạ', 2],
    ['chọn 3', 3],
    ['chon so 3', 3],
    ['lựa chọn 3', 3],
    ['lua chon 3', 3],
    ['em chọn số 4 nhé', 4],
    ['phương án 2', 2],
    ['cái thứ 2', 2],
    ['thứ hai', 2],
    ['thu hai', 2],
    ['thứ nhất', 1],
    ['thứ tư', 4],
    ['thứ năm', 5],
    ['số năm', 5],
    ['năm', 5],
    ['một', 1],
    ['hai', 2],
    ['ba', 3],
    ['mười', 10],
    ['cái đầu tiên', 1],
    ['cuối cùng', 10],
    ['2️⃣', 2],
    ['２', 2],
  ])('%s -> %i (of 10)', (text, n) => {
    expect(parseOrdinal(text, 10)).toBe(n);
  });

  it('rejects numbers outside 1..count', () => {
    expect(parseOrdinal('0', 3)).toBeNull();
    expect(parseOrdinal('4', 3)).toBeNull();
    expect(parseOrdinal('thứ năm', 3)).toBeNull();
    expect(parseOrdinal('999', 3)).toBeNull();
  });

  it('does not take bare "nam" (the gender) or "tư" as a number', () => {
    expect(parseOrdinal('nam', 6)).toBeNull();
    expect(parseOrdinal('tu', 6)).toBeNull();
  });

  it('rejects text that is more than a choice', () => {
    expect(parseOrdinal('2 người', 5)).toBeNull();
    expect(parseOrdinal('12/03', 20)).toBeNull();
    expect(parseOrdinal('1 2', 5)).toBeNull();
    expect(parseOrdinal('2.5', 5)).toBeNull();
    expect(parseOrdinal('đăng ký', 5)).toBeNull();
    expect(parseOrdinal('', 5)).toBeNull();
    expect(parseOrdinal('2'.padStart(4096, ' '), 5)).toBeNull();
  });

  it('rejects a bad count', () => {
    expect(parseOrdinal('1', 0)).toBeNull();
    expect(parseOrdinal('1', 1.5)).toBeNull();
  });
});
