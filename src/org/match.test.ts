import { describe, expect, it } from 'vitest';
import { fold } from '../lang/fold.ts';
import { editDistance, queryTokens, scoreUnit, tokenize } from './match.ts';

const key = (name: string, employer = '') => fold(`${name} ${employer}`);
const garment = key('Công đoàn cơ sở Công ty TNHH May Sông Hồng Việt', 'Công ty TNHH May Sông Hồng Việt');
const textile = key('Công đoàn cơ sở Công ty Cổ phần Dệt Sông Hồng', 'Công ty Cổ phần Dệt Sông Hồng');
const electronics = key('Công đoàn Công ty TNHH Điện tử Samsong Vina', 'Công ty TNHH Điện tử Samsong Vina');
const score = (q: string, k: string) => scoreUnit(queryTokens(q), k);

describe('match', () => {
  it('tokenizes folded text and expands chat abbreviations', () => {
    expect(tokenize('Cty TNHH May Sông-Hồng, KCN Quế Võ')).toEqual(['cty', 'tnhh', 'may', 'song', 'hong', 'kcn', 'que', 'vo']);
    expect(queryTokens('cty cp may').map((t) => t.token)).toEqual(['cong', 'ty', 'co', 'phan', 'may']);
    const roles = Object.fromEntries(queryTokens('cty may song hong').map((t) => [t.token, t.role]));
    expect(roles).toEqual({ cong: 'generic', ty: 'generic', may: 'industry', song: 'brand', hong: 'brand' });
  });

  it('edit distance counts a transposition as one', () => {
    expect(editDistance('samsung', 'samsnug')).toBe(1);
    expect(editDistance('samsug', 'samsong')).toBe(2);
    expect(editDistance('abc', 'xyzxyz', 2)).toBe(3);
  });

  it('scores with or without diacritics, abbreviations, typos and joined words', () => {
    for (const q of ['Công ty May Sông Hồng', 'cty may song hong', 'song hong', 'may songhong', 'may song hogn']) {
      expect(score(q, garment), q).toBeGreaterThan(0.6);
    }
    expect(score('samsug', electronics)).toBeGreaterThan(0.45);
    expect(score('samsung vina', electronics)).toBeGreaterThan(0.6);
    expect(score('may song hong', garment)).toBeGreaterThan(score('may song hong', textile));
    expect(score('det song hong', textile)).toBeGreaterThan(score('det song hong', garment));
    expect(score('pouyuen', garment)).toBe(0);
    expect(score('cong ty tnhh', garment)).toBeGreaterThan(0); // only generic words: weak, not nothing
    // An unknown brand is not rescued by a matching trade word.
    expect(score('cty may abcxyz', garment)).toBe(0);
    expect(score('may', garment)).toBeGreaterThan(0.6);
  });
});
