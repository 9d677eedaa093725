import { describe, expect, it } from 'vitest';
import { parseFullName } from './name.ts';

describe('parseFullName: accepted', () => {
  it.each([
    ['Nguyễn Thị Minh Anh', 'Nguyễn Thị Minh Anh', 'nguyen thi minh anh'],
    ['nguyen van a', 'nguyen van a', 'nguyen van a'],
    ['NGUYỄN VĂN HÙNG', 'NGUYỄN VĂN HÙNG', 'nguyen van hung'],
    ['  Trần   Văn    Bình ', 'Trần Văn Bình', 'tran van binh'],
    ['Lê Thị Hoà', 'Lê Thị Hoà', 'le thi hoa'],
    ['Đặng Thuỳ Dương', 'Đặng Thuỳ Dương', 'dang thuy duong'],
    ["H'Hen Niê", "H'Hen Niê", "h'hen nie"],
    ['Ka-Sô Liễng', 'Ka-Sô Liễng', 'ka-so lieng'],
    ['Nguyễn Văn A', 'Nguyễn Văn A', 'nguyen van a'],
    ['Tôn Nữ Thị Hoàng Lan Anh Thư', 'Tôn Nữ Thị Hoàng Lan Anh Thư', 'ton nu thi hoang lan anh thu'],
    ['John Smith', 'John Smith', 'john smith'],
  ])('%s', (input, value, folded) => {
    expect(parseFullName(input)).toEqual({ ok: true, value, folded });
  });

  it('stores NFC for NFD input and folds it', () => {
    const r = parseFullName('Nguyễn Thị Ánh'.normalize('NFD'));
    expect(r).toEqual({ ok: true, value: 'Nguyễn Thị Ánh'.normalize('NFC'), folded: 'nguyen thi anh' });
  });

  it('normalises typographic apostrophes and hyphens', () => {
    expect(parseFullName('H’Hen Niê')).toMatchObject({ ok: true, value: "H'Hen Niê" });
    expect(parseFullName('Ka–Sô Liễng')).toMatchObject({ ok: true, value: 'Ka-Sô Liễng' });
  });

  it('drops zero-width characters instead of keeping an invisible variant of a name', () => {
    expect(parseFullName('Nguyễn\u200B Văn\u200D An')).toMatchObject({ ok: true, value: 'Nguyễn Văn An' });
  });

  it('keeps Telex leftovers as typed (never "corrects" a name)', () => {
    expect(parseFullName('Nguyeenx Vawn Ddaat')).toMatchObject({ ok: true, value: 'Nguyeenx Vawn Ddaat' });
  });
});

describe('parseFullName: rejected', () => {
  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['\u200B', 'empty'],
    ['Nguyễn', 'too_short'],
    ['An', 'too_short'],
    ['Nguyễn Văn An 2', 'invalid_chars'],
    ['Nguyen Van 4n', 'invalid_chars'],
    ['Nguyễn Văn An 😊', 'invalid_chars'],
    ['Nguyễn.Văn.An', 'invalid_chars'],
    ['nguyen@gmail.com', 'invalid_chars'],
    ['https://evil.example/x', 'invalid_chars'],
    ['www.abc.com Nguyen', 'invalid_chars'],
    ["'Nguyen Van", 'invalid_chars'],
    ['Nguyen- Van', 'invalid_chars'],
    ['Nguyễn Văn Аn', 'invalid_chars'],
    ['Nguyễn\u0000 Văn An', 'invalid_chars'],
    ['Nguyễn \u202EnA naV', 'invalid_chars'],
    ['<script>alert(1)</script>', 'markup'],
    ['<b>Nguyễn</b> Văn An', 'markup'],
    ['Nguyen &lt;b&gt; An', 'markup'],
    ['A B C D E F G H', 'too_long'],
    ['Nguyễn '.repeat(20), 'too_long'],
    ['x'.repeat(4096), 'too_long'],
  ])('%j -> %s', (input, error) => {
    expect(parseFullName(input)).toEqual({ ok: false, error });
  });

  it('accepts exactly 80 characters and 7 words, not 81', () => {
    const seven = 'Aaaaaaaaaa Bbbbbbbbbb Cccccccccc Dddddddddd Eeeeeeeeee Ffffffffff Gggggggggg';
    expect(seven.length).toBe(76);
    expect(parseFullName(seven).ok).toBe(true);
    const eighty = `${'A'.repeat(39)} ${'B'.repeat(40)}`;
    expect(parseFullName(eighty).ok).toBe(true);
    expect(parseFullName(`${eighty}C`)).toEqual({ ok: false, error: 'too_long' });
  });
});
