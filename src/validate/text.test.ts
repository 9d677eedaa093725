import { describe, expect, it } from 'vitest';
import { charLength, containsMarkup, hasForbiddenChars, parseFreeText, stripInvisible } from './text.ts';

const LIMITS = { min: 2, max: 120 };

describe('parseFreeText', () => {
  it('accepts employer and address answers, cleaned', () => {
    expect(parseFreeText('  Công ty TNHH May mặc Hưng Yên  ', LIMITS)).toEqual({
      ok: true,
      value: 'Công ty TNHH May mặc Hưng Yên',
    });
    expect(parseFreeText('Số 5, ngõ 12/3 Láng Hạ,\nĐống Đa, Hà Nội', LIMITS)).toEqual({
      ok: true,
      value: 'Số 5, ngõ 12/3 Láng Hạ, Đống Đa, Hà Nội',
    });
    expect(parseFreeText('KCN VSIP 1 - Thuận An (Bình Dương cũ)', LIMITS).ok).toBe(true);
  });

  it('stores NFC even when the keyboard sent NFD', () => {
    const r = parseFreeText('Công ty Việt Tiến'.normalize('NFD'), LIMITS);
    expect(r).toEqual({ ok: true, value: 'Công ty Việt Tiến'.normalize('NFC') });
  });

  it('removes zero-width characters from copy-paste', () => {
    expect(parseFreeText('Công\u200B ty\uFEFF Samsung', LIMITS)).toEqual({ ok: true, value: 'Công ty Samsung' });
  });

  it('rejects empty and whitespace-only answers', () => {
    expect(parseFreeText('', LIMITS)).toEqual({ ok: false, error: 'empty' });
    expect(parseFreeText(' \n\t\u200B ', LIMITS)).toEqual({ ok: false, error: 'empty' });
  });

  it('enforces min and max in characters, not UTF-16 units', () => {
    expect(parseFreeText('A', LIMITS)).toEqual({ ok: false, error: 'too_short' });
    expect(parseFreeText('Đ'.repeat(120), LIMITS).ok).toBe(true);
    expect(parseFreeText('Đ'.repeat(121), LIMITS)).toEqual({ ok: false, error: 'too_long' });
    expect(parseFreeText('😀'.repeat(60), LIMITS).ok).toBe(true);
    expect(parseFreeText('x'.repeat(4096), LIMITS)).toEqual({ ok: false, error: 'too_long' });
    expect(parseFreeText('x'.repeat(1_000_000), LIMITS)).toEqual({ ok: false, error: 'too_long' });
  });

  it('rejects markup', () => {
    for (const s of [
      '<script>alert(1)</script>',
      'Công ty <b>ABC</b>',
      '<img src=x onerror=alert(1)>',
      '</textarea>',
      '<!-- x -->',
      '&lt;script&gt;alert(1)',
      'javascript:alert(1)',
    ]) {
      expect(parseFreeText(s, LIMITS), s).toEqual({ ok: false, error: 'markup' });
    }
  });

  it('does not mistake ordinary comparisons for markup', () => {
    expect(parseFreeText('Lương < 5 triệu', LIMITS).ok).toBe(true);
    expect(parseFreeText('Công ty Big Data: chi nhánh 2', LIMITS).ok).toBe(true);
  });

  it('rejects control and bidi-override characters', () => {
    expect(parseFreeText('Công ty\u0000ABC', LIMITS)).toEqual({ ok: false, error: 'invalid_chars' });
    expect(parseFreeText('Công ty \u202EABC', LIMITS)).toEqual({ ok: false, error: 'invalid_chars' });
    expect(parseFreeText('Công ty \uD800 ABC', LIMITS)).toEqual({ ok: false, error: 'invalid_chars' });
  });

  it('works without a minimum', () => {
    expect(parseFreeText('X', { max: 10 })).toEqual({ ok: true, value: 'X' });
  });
});

describe('helpers', () => {
  it('containsMarkup', () => {
    expect(containsMarkup('<SCRIPT>')).toBe(true);
    // browsers do not open a tag after "< ", so neither do we
    expect(containsMarkup('< script>')).toBe(false);
    expect(containsMarkup('a < b > c')).toBe(false);
    expect(containsMarkup('5<6')).toBe(false);
  });
  it('hasForbiddenChars accepts emoji and Vietnamese, refuses C0 controls and lone surrogates', () => {
    expect(hasForbiddenChars('Đoàn viên 😀')).toBe(false);
    expect(hasForbiddenChars('a\u0007b')).toBe(true);
    expect(hasForbiddenChars('\uDC00')).toBe(true);
  });
  it('stripInvisible and charLength', () => {
    expect(stripInvisible('a\u200Bb\u00ADc')).toBe('abc');
    expect(charLength('😀Đ')).toBe(2);
  });
});
