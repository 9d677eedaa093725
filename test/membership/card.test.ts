/**
 * The card image: the QR code drawn on it is exactly the QR code of the verification link, text
 * is escaped, the PNG has the card's size, and Vietnamese diacritics are drawn from the bundled
 * DejaVu font (no system fonts are loaded).
 */
import { renderAsync } from '@resvg/resvg-js';
import QRCode from 'qrcode';
import { describe, expect, test } from 'vitest';
import { CARD_HEIGHT, CARD_WIDTH, composeCardSvg, RENDER_OPTIONS, renderCardPng, wrap, type CardFace } from '../../src/membership/card.ts';
import { pngSize } from './helpers.ts';

const FACE: CardFace = {
  unionName: 'Công đoàn cơ sở Công ty TNHH May Sông Hồng Việt',
  fullName: 'Nguyễn Thị Ánh Tuyết',
  memberNo: 'DV-24-2026-000001',
  issuedAt: new Date('2026-11-22T02:00:00Z'),
  verifyUrl: 'https://trolycongdoan.example.vn/verify/JYQo6FkmVsBHDwcPyQcKtczEXwSMIYphcti2jLDKbCY',
};

/** The dark modules the SVG draws, read back from its QR path ("M<x> <y>h<n>v1h-<n>z" runs). */
function drawnModules(svg: string): { size: number; dark: Set<string> } {
  const g = /<g id="qr" data-modules="(\d+)"[^>]*><path[^>]* d="([^"]*)"/.exec(svg);
  if (!g) throw new Error('no QR group in the SVG');
  const dark = new Set<string>();
  for (const m of g[2]!.matchAll(/M(\d+) (\d+)h(\d+)v1h-\3z/g)) {
    for (let i = 0; i < Number(m[3]); i++) dark.add(`${Number(m[1]) + i},${m[2]}`);
  }
  return { size: Number(g[1]), dark };
}

function modulesOf(url: string): { size: number; dark: Set<string> } {
  const { size, data } = QRCode.create(url, { errorCorrectionLevel: 'M' }).modules;
  const dark = new Set<string>();
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) if (data[y * size + x]) dark.add(`${x},${y}`);
  return { size, dark };
}

async function darkPixels(svg: string): Promise<Uint8Array> {
  const img = await renderAsync(svg, RENDER_OPTIONS);
  const rgba = img.pixels;
  const dark = new Uint8Array(rgba.length / 4);
  for (let i = 0; i < dark.length; i++) dark[i] = rgba[i * 4 + 3]! > 128 && rgba[i * 4]! < 128 ? 1 : 0;
  return dark;
}

describe('the card', () => {
  test('carries the QR code of its verification link, module for module', () => {
    const svg = composeCardSvg(FACE);
    const drawn = drawnModules(svg);
    const expected = modulesOf(FACE.verifyUrl);
    expect(drawn.size).toBe(expected.size);
    expect([...drawn.dark].sort()).toEqual([...expected.dark].sort());
    // and not that of another card
    const other = modulesOf(FACE.verifyUrl.replace(/.$/, 'Z'));
    expect([...drawn.dark].sort()).not.toEqual([...other.dark].sort());
  });

  test('prints union, name in capitals, number and issue date (Vietnam time), escaped', () => {
    const svg = composeCardSvg({ ...FACE, unionName: 'CĐCS <b>"Tên" & Co</b>' });
    expect(svg).toContain('NGUYỄN THỊ ÁNH TUYẾT');
    expect(svg).toContain('DV-24-2026-000001');
    expect(svg).toContain('Ngày cấp: 22/11/2026');
    expect(svg).toContain('CĐCS &lt;b&gt;&quot;Tên&quot; &amp; Co&lt;/b&gt;');
    expect(svg).not.toContain('<b>');
    // the token is in the QR code only, never printed as text
    expect(svg).not.toContain('JYQo6Fkm');
  });

  test('renders to a PNG of the card size', async () => {
    const png = await renderCardPng(FACE);
    expect(pngSize(png)).toEqual({ width: CARD_WIDTH, height: CARD_HEIGHT });
    expect(png.length).toBeGreaterThan(10_000);
    // the same face is served from the process cache
    expect(await renderCardPng(FACE)).toBe(png);
  });

  test('draws Vietnamese diacritics from the bundled font, with no system fonts', async () => {
    const glyph = (s: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="90"><rect width="120" height="90" fill="#fff"/><text x="10" y="70" font-family="DejaVu Sans" font-size="56" fill="#000">${s}</text></svg>`;
    const plain = await darkPixels(glyph('U'));
    const accented = await darkPixels(glyph('Ữ'));
    const count = (a: Uint8Array) => a.reduce((n, v) => n + v, 0);
    expect(count(plain)).toBeGreaterThan(100);
    // the horn and the tilde add ink above and beside the letter
    expect(count(accented)).toBeGreaterThan(count(plain) + 30);
  });

  test('long texts wrap on words and end in an ellipsis past the last line', () => {
    expect(wrap('Công đoàn cơ sở Công ty TNHH May Sông Hồng Việt', 24, 300, 3)).toEqual(['Công đoàn cơ sở Công', 'ty TNHH May Sông Hồng', 'Việt']);
    const cut = wrap('một hai ba bốn năm sáu bảy tám chín mười', 20, 120, 2);
    expect(cut).toHaveLength(2);
    expect(cut[1]!.endsWith('…')).toBe(true);
  });
});
