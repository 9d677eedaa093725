import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { InboundSink } from '../../src/channels/types.ts';
import type { Logger } from '../../src/logger.ts';
import { Envelope, toInboundEvents } from './inbound.ts';
import { parseJsonKeepingIds } from './json.ts';
import { SIGNATURE_HEADER, verifyZaloSignature } from './signature.ts';

export const WEBHOOK_PATH = '/webhooks/zalo';
/** Zalo events are a few KB (a 2000-character text, a link preview); anything far bigger is not Zalo. */
const BODY_LIMIT = 128 * 1024;

export interface WebhookContext {
  oaId: string;
  appId: string;
  oaSecretKey: string;
  maxAgeMs: number;
  sink: InboundSink;
  log: Logger;
  now: () => number;
}

/**
 * POST /webhooks/zalo: verify → normalize → sink.accept → 200, nothing else inside the request.
 * Inside its own plugin so the raw-bytes body parser (the MAC covers the bytes) stays off every
 * other route.
 */
export async function registerWebhook(app: FastifyInstance, ctx: WebhookContext): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_req, body, done) => done(null, body));
    // Saving the URL in the developer console probes it (a GET, or an unsigned POST `{}`): answer 200.
    scope.get(WEBHOOK_PATH, async () => ({ ok: true }));
    scope.post(WEBHOOK_PATH, { bodyLimit: BODY_LIMIT }, (req, reply) => handle(ctx, req, reply));
  });
}

async function handle(ctx: WebhookContext, req: FastifyRequest, reply: FastifyReply) {
  const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  let body: unknown;
  try {
    body = parseJsonKeepingIds(raw.toString('utf8'));
  } catch {
    return reject(ctx, reply, 400, 'malformed_json', 'Body is not JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return reject(ctx, reply, 400, 'bad_request', 'Body is not a JSON object');

  const signature = req.headers[SIGNATURE_HEADER];
  if (signature === undefined && Object.keys(body).length === 0) return { ok: true };
  if (typeof signature !== 'string' || !signature) return reject(ctx, reply, 401, 'missing_signature', 'X-ZEvent-Signature is missing');

  const env = Envelope.safeParse(body);
  if (!env.success) return reject(ctx, reply, 400, 'bad_request', 'app_id, event_name or timestamp missing');
  if (env.data.app_id !== ctx.appId) return reject(ctx, reply, 403, 'unknown_app', 'Event for another app');
  if (!verifyZaloSignature(signature, ctx.appId, raw, env.data.timestamp, ctx.oaSecretKey)) {
    return reject(ctx, reply, 401, 'bad_signature', 'X-ZEvent-Signature does not match');
  }
  // Replays of a captured request: the MAC covers the timestamp, so an old one cannot be refreshed.
  if (Math.abs(ctx.now() - Number(env.data.timestamp)) > ctx.maxAgeMs) return reject(ctx, reply, 401, 'stale', 'Event timestamp outside the accepted window');

  const parsed = toInboundEvents(body);
  if (parsed.status === 'ignored') {
    ctx.log.debug({ eventName: parsed.eventName }, 'zalo event ignored');
    return { ok: true };
  }
  if (parsed.status === 'invalid') return reject(ctx, reply, 400, 'bad_request', `Invalid ${env.data.event_name}: ${parsed.reason}`);
  if (parsed.oaId !== ctx.oaId) return reject(ctx, reply, 403, 'unknown_oa', 'Event for another Official Account');

  for (const event of parsed.events) {
    const r = await ctx.sink.accept(event);
    ctx.log.debug({ eventName: env.data.event_name, kind: event.kind, dedupeKey: event.dedupeKey, status: r.status }, 'zalo event accepted');
  }
  return { ok: true };
}

function reject(ctx: WebhookContext, reply: FastifyReply, status: number, error: string, message: string) {
  ctx.log.warn({ status, error }, 'zalo webhook rejected');
  return reply.code(status).send({ error, message });
}
