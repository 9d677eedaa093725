import { describe, expect, it } from 'vitest';
import { contentDisposition, csvCell, exportFormat, toCsv } from './export.ts';

describe('export helper', () => {
  it('quotes what RFC 4180 requires and neutralizes formulas in text', () => {
    expect(csvCell('Nguyễn Thị Lan')).toBe('Nguyễn Thị Lan');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line1\nline2')).toBe('"line1\nline2"');
    expect(csvCell(' padded ')).toBe('" padded "');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-2')).toBe("'-2");
    // numbers stay numbers
    expect(csvCell(-2)).toBe('-2');
    expect(csvCell(null)).toBe('');
    expect(csvCell(new Date('2026-11-23T02:00:00Z'))).toBe('2026-11-23T02:00:00.000Z');
  });

  it('writes a BOM, a header row and CRLF lines', () => {
    const csv = toCsv([{ key: 'name', header: 'Họ tên' }, { key: 'n', header: 'Số', value: (r: { name: string; n: number }) => r.n * 2 }], [{ name: 'Lan', n: 2 }]);
    expect(csv).toBe('\uFEFFHọ tên,Số\r\nLan,4\r\n');
  });

  it('reads ?format and names files for every browser', () => {
    expect(exportFormat({})).toBeNull();
    expect(exportFormat({ format: 'csv' })).toBe('csv');
    expect(exportFormat({ format: 'xlsx' })).toBe('xlsx');
    expect(exportFormat({ format: 'pdf' })).toBe('invalid');
    expect(contentDisposition('nhật-ký đơn vị.csv')).toBe(`attachment; filename="nhat-ky_don_vi.csv"; filename*=UTF-8''nh%E1%BA%ADt-k%C3%BD%20%C4%91%C6%A1n%20v%E1%BB%8B.csv`);
  });
});
