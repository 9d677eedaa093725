import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { renderCardPng } from '../membership/card.ts';
import { cardFace, verifyCard, verifyPage, VERIFY_CSP } from '../membership/public-view.ts';
import type { OfficerRouteDeps } from './routes.ts';

/**
 * The card's two public addresses. Both are reached only through an unguessable token (the QR
 * code, the link the worker was sent), answer without authentication, and show nothing beyond
 * what the card prints (image) or only validity and the union (page). Neither ever logs the token.
 */
export async function registerCardPublicRoutes(app: FastifyInstance, deps: Pick<OfficerRouteDeps, 'db' | 'keyring'>): Promise<void> {
  const prisma = deps.db.prisma;

  app.get('/card/:token.png', async (req, reply) => {
    const face = await cardFace(prisma, deps.keyring, (req.params as { token: string }).token);
    void reply.header('x-robots-tag', 'noindex, nofollow').header('referrer-policy', 'no-referrer').header('x-content-type-options', 'nosniff');
    // a revoked card's image disappears (its name must not stay public); unknown looks the same
    if (!face) return reply.code(404).header('cache-control', 'no-store').send({ error: 'not_found', message: 'No such card' });
    const png = await renderCardPng(face);
    const etag = `"${createHash('sha256').update(png).digest('base64url').slice(0, 27)}"`;
    // platforms (Zalo, Messenger, Telegram) fetch the image once or twice; a short public cache
    // spares re-rendering without keeping a revoked card visible for long
    void reply.header('cache-control', 'public, max-age=300').header('etag', etag);
    if (req.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type('image/png').send(png);
  });

  app.get('/verify/:token', async (req, reply) => {
    const v = await verifyCard(prisma, deps.keyring, (req.params as { token: string }).token);
    return reply
      .code(v.state === 'unknown' ? 404 : 200)
      .type('text/html; charset=utf-8')
      .header('content-security-policy', VERIFY_CSP)
      // validity changes when a card is revoked: never serve a stale "valid"
      .header('cache-control', 'no-store')
      .header('x-robots-tag', 'noindex, nofollow')
      .header('referrer-policy', 'no-referrer')
      .header('x-content-type-options', 'nosniff')
      .header('x-frame-options', 'DENY')
      .send(verifyPage(v));
  });
}
