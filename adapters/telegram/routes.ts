import type { FastifyInstance } from 'fastify';
import type { Opts } from 'telegraf/types';
import type { InboundSink } from '../../src/channels/types.ts';
import type { Logger } from '../../src/logger.ts';
import { normalizeUpdate, TgUpdate } from './inbound.ts';
import { checkSecret, SECRET_HEADER } from './signature.ts';

export const WEBHOOK_PATH = '/webhooks/telegram';

type WebhookReply<M extends 'answerCallbackQuery'> = { method: M } & Opts<M>;

export interface RoutesDeps {
  botId: string;
  secret: string;
  sink: InboundSink;
  log: Logger;
  now(): number;
}

/**
 * The webhook: secret header -> zod -> sink.accept -> 200, never a flow nor a Bot API call.
 *
 * A tapped inline button must be answered (answerCallbackQuery) or the worker's client keeps
 * a spinner for several seconds. The answer rides in the 200 itself, Telegram's "reply to the
 * webhook with a method" (core.telegram.org/bots/api#making-requests-when-getting-updates,
 * what telegraf's webhookReply does for this very method): no outbound request while the
 * webhook waits, the spinner stops as soon as the tap is stored, and it does not depend on the
 * bot's answer being delivered in time (a late answerCallbackQuery fails with "query is too
 * old"). Its result cannot be seen, which is fine for a spinner. A retried update is answered
 * again; that second answer just fails, unseen.
 */
export function registerWebhook(app: FastifyInstance, deps: RoutesDeps): void {
  app.post(
    WEBHOOK_PATH,
    {
      // Updates are small; this is far above a 4,096-character message with its entities.
      bodyLimit: 256 * 1024,
      // Before the body is read or parsed: a forged request costs nothing and reaches nothing.
      onRequest: async (req, reply) => {
        const check = checkSecret(req.headers[SECRET_HEADER], deps.secret);
        if (check === 'missing') return reply.code(401).send({ error: 'unauthorized', message: 'missing secret token' });
        if (check === 'wrong') return reply.code(403).send({ error: 'forbidden', message: 'wrong secret token' });
      },
    },
    async (req, reply) => {
      const parsed = TgUpdate.safeParse(req.body);
      if (!parsed.success) {
        const where = parsed.error.issues.map((i) => i.path.join('.') || i.message).join(', ');
        return reply.code(400).send({ error: 'bad_request', message: `not a Telegram update: ${where}` });
      }
      const result = normalizeUpdate(parsed.data, { botId: deps.botId, now: deps.now });
      for (const event of result.events) await deps.sink.accept(event);
      deps.log.debug(
        { updateId: parsed.data.update_id, kinds: result.events.map((e) => e.kind), ignored: result.ignored },
        'telegram update',
      );
      if (result.callbackQueryId) {
        const answer: WebhookReply<'answerCallbackQuery'> = { method: 'answerCallbackQuery', callback_query_id: result.callbackQueryId };
        return reply.code(200).send(answer);
      }
      return reply.code(200).send();
    },
  );
}
