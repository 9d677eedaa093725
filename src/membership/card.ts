import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import QRCode from 'qrcode';
import { translator } from '../i18n.ts';
import { formatDateVi } from '../validate/date.ts';

/**
 * The digital membership card (thẻ đoàn viên số) as an image: an SVG composed here, rendered to
 * PNG by resvg with the DejaVu fonts from npm and no system fonts, so Vietnamese diacritics look
 * the same on a laptop, in a container and in CI. The card prints only what a paper card would:
 * the union, the member's name and number, the issue date, and a QR code of the public
 * verification link (which itself shows only validity and the union).
 */
export interface CardFace {
  unionName: string;
  fullName: string;
  memberNo: string;
  issuedAt: Date;
  /** what the QR code opens: ${base}/verify/<token> */
  verifyUrl: string;
}

export const CARD_WIDTH = 1000;
export const CARD_HEIGHT = 630;

const require = createRequire(import.meta.url);
const FONT_FILES = [require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'), require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')];
export const RENDER_OPTIONS: ResvgRenderOptions = {
  font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  fitTo: { mode: 'original' },
  shapeRendering: 2,
  textRendering: 1,
};

const FONT = `font-family="DejaVu Sans"`;
const BLUE = '#0b4f9c';
const RED = '#c8102e';

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Calendar day in Vietnam (UTC+7) as dd/mm/yyyy. */
function vnDay(at: Date): string {
  return formatDateVi(new Date(at.getTime() + 7 * 3600 * 1000).toISOString().slice(0, 10));
}

/**
 * Greedy word wrap by an estimated advance width (DejaVu Sans averages ~0.6 em per character in
 * capitals, ~0.55 em in mixed case): resvg draws text but does not wrap it. A word longer than a
 * line is cut, and lines past `maxLines` end in "…".
 */
export function wrap(text: string, fontSize: number, maxWidth: number, maxLines: number, em = 0.58): string[] {
  const perLine = Math.max(4, Math.floor(maxWidth / (fontSize * em)));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const chunks = word.length > perLine ? word.match(new RegExp(`.{1,${perLine}}`, 'gu'))! : [word];
    for (const chunk of chunks) {
      if (!line) line = chunk;
      else if (line.length + 1 + chunk.length <= perLine) line += ` ${chunk}`;
      else {
        lines.push(line);
        line = chunk;
      }
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1]!.slice(0, perLine - 1)}…`;
  return kept;
}

/**
 * The QR code as one path in module units: each run of dark modules in a row is one rectangle
 * ("M<x> <y>h<n>v1h-<n>z"), so no hairline seams show between neighbouring modules.
 */
export function qrPath(url: string): { size: number; d: string } {
  const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const { size, data } = qr.modules;
  let d = '';
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; ) {
      if (!data[y * size + x]) {
        x++;
        continue;
      }
      let n = 1;
      while (x + n < size && data[y * size + x + n]) n++;
      d += `M${x} ${y}h${n}v1h-${n}z`;
      x += n;
    }
  }
  return { size, d };
}

function textLines(lines: string[], x: number, y: number, lineHeight: number, attrs: string): string {
  return lines.map((l, i) => `<text x="${x}" y="${y + i * lineHeight}" ${FONT} ${attrs}>${escapeXml(l)}</text>`).join('');
}

export function composeCardSvg(face: CardFace): string {
  const t = translator('vi', 'membership');
  const qr = qrPath(face.verifyUrl);
  const qrBox = 270;
  const qrX = 690;
  const qrY = 190;
  // whole pixels per module (crisp for a phone camera), centred in the box with its quiet zone
  const scale = Math.floor((qrBox - 16) / qr.size);
  const qrOffset = (qrBox - scale * qr.size) / 2;
  const name = face.fullName.normalize('NFC').toLocaleUpperCase('vi');
  const nameSize = name.length > 26 ? 30 : 38;
  const nameLines = wrap(name, nameSize, 620, 2, 0.7);
  const unionLines = wrap(face.unionName.normalize('NFC'), 24, 560, 3);
  // a running baseline: a long union name or a two-line name pushes what follows down
  const unionY = 205;
  const nameLabelY = unionY + (unionLines.length - 1) * 30 + 70;
  const nameY = nameLabelY + 48;
  const afterName = nameY + (nameLines.length - 1) * (nameSize + 8);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}">`,
    `<rect x="0" y="0" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" rx="32" fill="#ffffff"/>`,
    `<rect x="1.5" y="1.5" width="${CARD_WIDTH - 3}" height="${CARD_HEIGHT - 3}" rx="31" fill="none" stroke="${BLUE}" stroke-width="3"/>`,
    `<path d="M0 32a32 32 0 0 1 32-32h${CARD_WIDTH - 64}a32 32 0 0 1 32 32v118h-${CARD_WIDTH}z" fill="${BLUE}"/>`,
    `<rect x="0" y="150" width="${CARD_WIDTH}" height="8" fill="${RED}"/>`,
    `<text x="44" y="72" ${FONT} font-size="40" font-weight="bold" fill="#ffffff">${escapeXml(String(t('card.header')))}</text>`,
    `<text x="44" y="122" ${FONT} font-size="30" font-weight="bold" fill="#ffd54a">${escapeXml(String(t('card.title')))}</text>`,
    textLines(unionLines, 44, unionY, 30, `font-size="24" font-weight="bold" fill="${BLUE}"`),
    `<text x="44" y="${nameLabelY}" ${FONT} font-size="20" fill="#555555">${escapeXml(String(t('card.name_label')))}</text>`,
    textLines(nameLines, 44, nameY, nameSize + 8, `font-size="${nameSize}" font-weight="bold" fill="#111111"`),
    `<text x="44" y="${afterName + 58}" ${FONT} font-size="20" fill="#555555">${escapeXml(String(t('card.number_label')))}</text>`,
    `<text x="44" y="${afterName + 96}" ${FONT} font-size="32" font-weight="bold" fill="${RED}">${escapeXml(face.memberNo)}</text>`,
    `<text x="44" y="${afterName + 142}" ${FONT} font-size="20" fill="#555555">${escapeXml(String(t('card.issued_label', { date: vnDay(face.issuedAt) })))}</text>`,
    `<rect x="${qrX}" y="${qrY}" width="${qrBox}" height="${qrBox}" fill="#ffffff" stroke="#dddddd" stroke-width="2"/>`,
    `<g id="qr" data-modules="${qr.size}" transform="translate(${qrX + qrOffset} ${qrY + qrOffset}) scale(${scale})" shape-rendering="crispEdges"><path fill="#000000" d="${qr.d}"/></g>`,
    `<text x="${qrX + qrBox / 2}" y="${qrY + qrBox + 36}" ${FONT} font-size="18" fill="#555555" text-anchor="middle">${escapeXml(String(t('card.scan_hint')))}</text>`,
    `</svg>`,
  ].join('');
}

/** A few hundred rendered cards in memory: a card is re-fetched by each platform and each re-show. */
const CACHE_MAX = 256;
const cache = new Map<string, Buffer>();

/** PNG bytes of the card; identical faces are rendered once per process. */
export async function renderCardPng(face: CardFace): Promise<Buffer> {
  const svg = composeCardSvg(face);
  const key = createHash('sha256').update(svg).digest('base64url');
  const hit = cache.get(key);
  if (hit) return hit;
  const png = (await renderAsync(svg, RENDER_OPTIONS)).asPng();
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(key, png);
  return png;
}
