import type { FastifyReply, FastifyRequest } from 'fastify';
import type { InboundSink } from '../../src/channels/types.ts';
import type { Notifier } from '../../src/queue/notifier.ts';
import type { Logger } from '../../src/logger.ts';
import { activityId } from './ids.ts';
import type { ActivityRow, ActivityStore } from './store.ts';
import { bearer, type TokenAudience, type TokenClaims, type TokenService } from './token.ts';

/** What the Direct Line routes share. */
export interface WebchatContext {
  site: string;
  tokens: TokenService;
  store: ActivityStore;
  notifier: Notifier;
  sink: InboundSink;
  log: Logger;
  tokenTtlSeconds: number;
  /** public origin for streamUrl behind a proxy that rewrites Host; else taken from the request */
  publicUrl?: string;
  /** safety-net poll of each open stream, for a lost notification */
  streamPollMs: number;
  /** the adapter's clock (tokens, resume keys): pinned in tests */
  now: () => number;
}

export const STREAM_TOKEN_TTL_SECONDS = 120;

/** Short JSON errors in Vietnamese, the shape the rest of the HTTP surface uses. */
export function fail(reply: FastifyReply, status: number, error: string, message: string) {
  return reply.code(status).send({ error, message });
}

/**
 * 401 when there is no usable token at all, 403 when it is expired or for another conversation:
 * directlinejs treats 403 as "token expired" and reports ExpiredToken, so the page can start over.
 */
export function authorize(
  ctx: WebchatContext,
  req: FastifyRequest,
  reply: FastifyReply,
  conversationId?: string,
  token: string | undefined = bearer(req.headers.authorization),
  aud: TokenAudience = 'directline',
): TokenClaims | undefined {
  const check = ctx.tokens.verify(token, aud);
  if (!check.ok) {
    if (check.reason === 'expired') void fail(reply, 403, 'token_expired', 'Phiên trò chuyện đã hết hạn. Vui lòng tải lại trang.');
    else void fail(reply, 401, 'unauthorized', 'Thiếu hoặc sai mã truy cập trò chuyện.');
    return undefined;
  }
  if (conversationId !== undefined && check.claims.conv !== conversationId) {
    void fail(reply, 403, 'forbidden', 'Mã truy cập không thuộc cuộc trò chuyện này.');
    return undefined;
  }
  return check.claims;
}

export function toWire(externalId: string, row: ActivityRow): Record<string, unknown> {
  return { ...row.activity, id: activityId(externalId, row.seq) };
}

/** The WebSocket URL a client should open next (a fresh short-lived stream token each time). */
export function streamUrl(ctx: WebchatContext, req: FastifyRequest, claims: TokenClaims, watermark: string): string {
  const origin = (ctx.publicUrl ?? `${req.protocol}://${req.host}`).replace(/\/+$/, '').replace(/^http/, 'ws');
  const { token } = ctx.tokens.mint('directline-stream', claims.conv, claims.user, STREAM_TOKEN_TTL_SECONDS);
  const q = new URLSearchParams({ watermark, t: token });
  return `${origin}/directline/conversations/${encodeURIComponent(claims.conv)}/stream?${q}`;
}
