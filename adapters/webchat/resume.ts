import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { authorize, fail, type WebchatContext } from './context.ts';
import type { ResumeKeys } from './resume-keys.ts';
import { bearer } from './token.ts';

const ResumeBody = z.object({ resumeKey: z.string().max(128) });
const ForgetBody = z.object({ resumeKey: z.string().max(128).optional() }).optional();

/**
 * "Remember this device" (issue 8: what the union sends while the worker is away is shown at their
 * next visit). Ours, beside the Direct Line subset:
 *
 * - `POST /tokens/remember` (Bearer token): a resume key for the token's conversation, once that
 *   conversation exists (409 before its first post landed; the page asks again).
 * - `POST /tokens/resume` `{ resumeKey }`: a fresh token for the SAME conversation and user plus the
 *   key's successor; the presented key stops working (a copied key is good for one visit at most).
 *   Unknown, used or expired: 404, and the page starts a new conversation as on a first visit.
 * - `POST /tokens/forget` (Bearer token and/or `{ resumeKey }`): revokes, 204 either way.
 *
 * The key travels in the body, never in a URL (proxies log URLs). No rate limit: a key is 256
 * random bits, so guessing is hopeless, and a per-address limit would hit the hundreds of workers of
 * one factory (or one mobile carrier's NAT) opening the page at the end of a shift, sending them to
 * a new, empty conversation; /tokens/generate, which costs more, is not limited either.
 */
export function registerResumeRoutes(app: FastifyInstance, ctx: WebchatContext, keys: ResumeKeys | undefined): void {
  const off = (reply: FastifyReply) => fail(reply, 404, 'resume_off', 'Trang này không lưu cuộc trò chuyện trên thiết bị.');

  app.post('/tokens/remember', async (req, reply) => {
    const claims = authorize(ctx, req, reply);
    if (!claims) return reply;
    if (!keys) return off(reply);
    const uuid = await ctx.store.conversationUuid(claims.conv);
    if (!uuid) return fail(reply, 409, 'not_started', 'Cuộc trò chuyện chưa bắt đầu.');
    const { key, expiresAt } = await keys.remember(uuid, claims.user, new Date(ctx.now()));
    return { resumeKey: key, resumeExpiresAt: expiresAt.toISOString() };
  });

  app.post('/tokens/resume', async (req, reply) => {
    if (!keys) return off(reply);
    const body = ResumeBody.safeParse(req.body);
    if (!body.success) return fail(reply, 400, 'bad_request', 'Thiếu mã tiếp tục trò chuyện.');
    const resumed = await keys.rotate(body.data.resumeKey, new Date(ctx.now()));
    if (!resumed) return fail(reply, 404, 'resume_unknown', 'Không tìm thấy cuộc trò chuyện đã lưu trên thiết bị này.');
    ctx.store.remember(resumed.externalId, resumed.conversationUuid);
    const { token, expiresIn } = ctx.tokens.mint('directline', resumed.externalId, resumed.userId, ctx.tokenTtlSeconds);
    return {
      conversationId: resumed.externalId,
      token,
      expires_in: expiresIn,
      resumeKey: resumed.key,
      resumeExpiresAt: resumed.expiresAt.toISOString(),
    };
  });

  // Either proof is enough: the page sends both, as its token may have expired while the computer
  // slept (the key lives for days). Without either, the usual 401/403.
  app.post('/tokens/forget', async (req, reply) => {
    const body = ForgetBody.safeParse(req.body ?? undefined);
    const key = body.success ? body.data?.resumeKey : undefined;
    const check = ctx.tokens.verify(bearer(req.headers.authorization), 'directline');
    const conv = check.ok ? check.claims.conv : undefined;
    if (!conv && !key) {
      authorize(ctx, req, reply);
      return reply;
    }
    if (keys) {
      const uuid = conv ? await ctx.store.conversationUuid(conv) : undefined;
      await keys.forget({ ...(uuid ? { conversationUuid: uuid } : {}), ...(key ? { key } : {}) });
    }
    return reply.code(204).send();
  });
}
