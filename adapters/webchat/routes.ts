import type { FastifyInstance } from 'fastify';
import { authorize, fail, streamUrl, toWire, type WebchatContext } from './context.ts';
import { activityId, monotonicNow, newConversationId, newUserId, parseWatermark, topics } from './ids.ts';
import { echoFromEvent, MAX_TEXT, PostedActivity, toInboundEvent } from './inbound.ts';
import { bearer } from './token.ts';

type IdParams = { Params: { id: string }; Querystring: { watermark?: string } };

/**
 * The Direct Line 3.0 subset that botframework-directlinejs 0.15.8 calls (see its
 * src/directLine.ts): tokens/refresh, conversations (start and reconnect), activities (post and
 * poll) and the streamUrl WebSocket (stream.ts). tokens/generate is ours: the page calls it
 * instead of holding a Direct Line secret. Mounted under the /directline prefix.
 */
export function registerRestRoutes(app: FastifyInstance, ctx: WebchatContext): void {
  app.addHook('onSend', async (_req, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.post('/tokens/generate', async () => {
    const conv = newConversationId();
    const { token, expiresIn } = ctx.tokens.mint('directline', conv, newUserId(), ctx.tokenTtlSeconds);
    return { conversationId: conv, token, expires_in: expiresIn };
  });

  app.post('/tokens/refresh', async (req, reply) => {
    const claims = authorize(ctx, req, reply);
    if (!claims) return reply;
    const { token, expiresIn } = ctx.tokens.mint('directline', claims.conv, claims.user, ctx.tokenTtlSeconds);
    return { conversationId: claims.conv, token, expires_in: expiresIn };
  });

  // Start: the conversation is the one bound in the token; a body (user id, locale) is ignored.
  app.post('/conversations', async (req, reply) => {
    const claims = authorize(ctx, req, reply);
    if (!claims) return reply;
    const known = await ctx.store.conversationUuid(claims.conv);
    return reply.code(known ? 200 : 201).send({
      conversationId: claims.conv,
      token: bearer(req.headers.authorization),
      expires_in: ctx.tokens.remaining(claims),
      streamUrl: streamUrl(ctx, req, claims, ''),
    });
  });

  // Reconnect: a new streamUrl resuming after the client's watermark.
  app.get<IdParams>('/conversations/:id', async (req, reply) => {
    const claims = authorize(ctx, req, reply, req.params.id);
    if (!claims) return reply;
    return {
      conversationId: claims.conv,
      token: bearer(req.headers.authorization),
      expires_in: ctx.tokens.remaining(claims),
      streamUrl: streamUrl(ctx, req, claims, String(parseWatermark(req.query.watermark))),
    };
  });

  app.get<IdParams>('/conversations/:id/activities', async (req, reply) => {
    const claims = authorize(ctx, req, reply, req.params.id);
    if (!claims) return reply;
    const after = parseWatermark(req.query.watermark);
    const uuid = await ctx.store.conversationUuid(claims.conv);
    const rows = uuid ? await ctx.store.after(uuid, after) : [];
    const watermark = rows.length ? rows[rows.length - 1]!.seq : after;
    return { activities: rows.map((r) => toWire(claims.conv, r)), watermark: String(watermark) };
  });

  app.post<IdParams>('/conversations/:id/activities', async (req, reply) => {
    const claims = authorize(ctx, req, reply, req.params.id);
    if (!claims) return reply;
    const parsed = PostedActivity.safeParse(req.body);
    if (!parsed.success) {
      const tooLong = parsed.error.issues.some((i) => i.path.join('.') === 'text' && i.code === 'too_big');
      return tooLong
        ? fail(reply, 400, 'text_too_long', `Tin nhắn quá dài: tối đa ${MAX_TEXT} ký tự.`)
        : fail(reply, 400, 'bad_request', `Hoạt động không hợp lệ: ${parsed.error.issues.map((i) => i.path.join('.') || i.message).join(', ')}`);
    }
    // Typing indicators are not kept: nobody reads them later and they would wake every stream.
    if (parsed.data.type === 'typing') return { id: `${claims.conv}|typing` };

    const result = toInboundEvent(parsed.data, claims, monotonicNow());
    if (!result.ok) return fail(reply, 400, result.error, result.message);
    const event = result.event;
    const echoKey = `in:${event.dedupeKey}`;

    // The echo goes in first so it precedes any answer and a retry finds it (same id back).
    // Only the pipeline creates the conversation row, so the very first post must accept first;
    // send() then backfills the echo if the answer would otherwise come before it.
    let uuid = await ctx.store.conversationUuid(claims.conv);
    let seq: bigint;
    if (uuid) {
      seq = (await ctx.store.append(uuid, echoKey, echoFromEvent(event))).seq;
      await ctx.sink.accept(event);
    } else {
      uuid = (await ctx.sink.accept(event)).conversationId;
      ctx.store.remember(claims.conv, uuid);
      seq = (await ctx.store.append(uuid, echoKey, echoFromEvent(event))).seq;
      ctx.notifier.publish(topics.opened(ctx.site, claims.conv), uuid);
    }
    ctx.notifier.publish(topics.conversation(uuid), String(seq));
    return { id: activityId(claims.conv, seq) };
  });
  // Uploads (evidence files): upload.ts.
}
