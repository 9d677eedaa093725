import { createHash } from 'node:crypto';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { translator } from '../i18n.ts';
import type { Keyring } from '../security/crypto.ts';
import type { CardFace } from './card.ts';
import { findCardByToken } from './cards.ts';
import { verifyUrl } from './links.ts';

export type CardState = 'valid' | 'revoked' | 'unknown';

/** What the public may learn from a token: the state and the union, nothing about the person. */
export async function verifyCard(db: PrismaClient, keyring: Keyring, token: string): Promise<{ state: CardState; unionName: string | null }> {
  const card = await findCardByToken(db, keyring, token);
  if (!card) return { state: 'unknown', unionName: null };
  const [unit, member] = await Promise.all([
    db.orgUnit.findUnique({ where: { id: card.unitId }, select: { name: true } }),
    db.member.findUnique({ where: { id: card.memberId }, select: { status: true } }),
  ]);
  const valid = !card.revoked && member?.status === 'active';
  return { state: valid ? 'valid' : 'revoked', unionName: unit?.name ?? null };
}

/** The face of a VALID card behind a token (for the image); null for revoked or unknown ones. */
export async function cardFace(db: PrismaClient, keyring: Keyring, token: string): Promise<CardFace | null> {
  const card = await findCardByToken(db, keyring, token);
  if (!card || card.revoked) return null;
  const [unit, member] = await Promise.all([
    db.orgUnit.findUnique({ where: { id: card.unitId }, select: { name: true } }),
    db.member.findUnique({ where: { id: card.memberId }, select: { fullName: true, status: true } }),
  ]);
  if (!unit || !member || member.status !== 'active') return null;
  return { unionName: unit.name, fullName: member.fullName, memberNo: card.memberNo, issuedAt: card.issuedAt, verifyUrl: verifyUrl(card.verifyBase, token) };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = [
  'body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;background:#f3f5f9;color:#1b1f24}',
  'main{max-width:28rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:12px;box-shadow:0 1px 4px rgba(0,0,0,.12)}',
  'h1{font-size:1.1rem;color:#0b4f9c;margin:0 0 1rem}',
  '.state{font-size:1.4rem;font-weight:700;margin:0 0 .4rem}',
  '.valid{color:#1b7f3a}.revoked,.unknown{color:#c8102e}',
  'dl{margin:1rem 0}dt{color:#555;font-size:.9rem}dd{margin:0 0 .6rem;font-weight:600}',
  'small{color:#666;display:block;margin-top:1rem}footer{text-align:center;color:#888;font-size:.8rem;margin:1rem}',
].join('');

/** Only this exact stylesheet may apply: no script, no other source of anything. */
export const VERIFY_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/** The public verification page (Vietnamese): the card's state and its union, escaped. */
export function verifyPage(v: { state: CardState; unionName: string | null }): string {
  const t = translator('vi', 'membership');
  const s = (k: string) => escapeHtml(String(t(k)));
  const union = v.unionName ? `<dl><dt>${s('verify.union')}</dt><dd>${escapeHtml(v.unionName)}</dd></dl>` : '';
  return [
    '<!doctype html><html lang="vi"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width,initial-scale=1">',
    '<meta name="robots" content="noindex,nofollow">',
    `<title>${s('verify.title')}</title><style>${STYLE}</style></head><body><main>`,
    `<h1>${s('verify.title')}</h1>`,
    `<p class="state ${v.state}">${s(`verify.${v.state}`)}</p>`,
    `<p>${s(`verify.${v.state}_detail`)}</p>`,
    union,
    `<small>${s('verify.privacy')}</small>`,
    `</main><footer>${s('verify.footer')}</footer></body></html>`,
  ].join('');
}
