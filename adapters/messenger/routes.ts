import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { InboundSink } from '../../src/channels/types.ts';
import type { Logger } from '../../src/logger.ts';
import type { MessengerConfig } from './config.ts';
import { Envelope, toInboundEvents } from './inbound.ts';
import { SIGNATURE_HEADER, verifySignature } from './signature.ts';

export const WEBHOOK_PATH = '/webhooks/messenger';
/** A batch of Messenger events is a few kB; the app-wide limit, stated here so the parser keeps it. */
const BODY_LIMIT = 256 * 1024;

export interface WebhookDeps {
  config: Pick<MessengerConfig, 'MESSENGER_PAGE_ID' | 'MESSENGER_APP_SECRET' | 'MESSENGER_VERIFY_TOKEN'>;
  sink: InboundSink;
  log: Logger;
  now: () => number;
}

type VerifyQuery = { Querystring: Record<string, string | undefined> };

/**
 * GET: Meta's subscription handshake. POST: signed event batches -> sink.accept, 200. The routes
 * live in their own plugin so the buffer parser (the signature covers the raw bytes) does not
 * replace the JSON parser of the rest of the app.
 */
export async function registerWebhook(app: FastifyInstance, deps: WebhookDeps): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_req, body, done) => done(null, body));

    scope.get<VerifyQuery>(WEBHOOK_PATH, async (req, reply) => {
      const q = req.query;
      if (q['hub.mode'] !== 'subscribe' || !sameSecret(q['hub.verify_token'], deps.config.MESSENGER_VERIFY_TOKEN)) {
        deps.log.warn({ mode: q['hub.mode'] }, 'messenger webhook verification refused');
        return text(reply, 403, 'Forbidden');
      }
      const challenge = q['hub.challenge'];
      if (!challenge || challenge.length > 256) return text(reply, 400, 'Missing hub.challenge');
      deps.log.info('messenger webhook verified');
      return text(reply, 200, challenge);
    });

    scope.post(WEBHOOK_PATH, { bodyLimit: BODY_LIMIT }, async (req, reply) => receive(req, reply, deps));
  });
}

async function receive(req: FastifyRequest, reply: FastifyReply, deps: WebhookDeps) {
  const raw = req.body;
  if (!Buffer.isBuffer(raw)) return text(reply, 400, 'Empty body');
  const header = req.headers[SIGNATURE_HEADER];
  if (!verifySignature(raw, typeof header === 'string' ? header : undefined, deps.config.MESSENGER_APP_SECRET)) {
    deps.log.warn({ hasHeader: header !== undefined, bytes: raw.length }, 'messenger webhook signature rejected');
    return text(reply, 403, 'Invalid signature');
  }

  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    return text(reply, 400, 'Malformed JSON');
  }
  const envelope = Envelope.safeParse(json);
  if (!envelope.success) return text(reply, 400, 'Not a Messenger webhook batch');
  if (envelope.data.object !== 'page') return text(reply, 400, `Unsupported object: ${envelope.data.object.slice(0, 40)}`);

  // An app can be subscribed on several Pages with one secret. Refusing another Page's events
  // would make Meta retry them and, after hours of failures, unsubscribe the app from ours too.
  const ours = envelope.data.entry.filter((e) => e.id === deps.config.MESSENGER_PAGE_ID);
  if (ours.length < envelope.data.entry.length) {
    deps.log.warn({ pages: [...new Set(envelope.data.entry.map((e) => e.id))] }, 'messenger events for another Page ignored');
  }

  const { events, skipped } = toInboundEvents({ ...envelope.data, entry: ours }, deps.now());
  // In order: Meta delivers a thread's events in order and the inbox keeps arrival order.
  for (const event of events) await deps.sink.accept(event);
  if (skipped.length) deps.log.debug({ skipped }, 'messenger events not recorded');
  deps.log.info({ events: events.length, kinds: events.map((e) => e.kind), skipped: skipped.length }, 'messenger webhook');
  return text(reply, 200, 'EVENT_RECEIVED');
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function text(reply: FastifyReply, status: number, body: string) {
  return reply.code(status).type('text/plain; charset=utf-8').send(body);
}
