import type { FastifyInstance } from 'fastify';
import type { ChannelAdapter, InboundSink } from '../../src/channels/types.ts';
import type { Logger } from '../../src/logger.ts';
import { telegramCapabilities } from './capabilities.ts';
import { createBotApiClient } from './client.ts';
import type { TelegramConfig } from './config.ts';
import { registerWebhook } from './routes.ts';
import { createSender } from './send.ts';
import { telegramMediaFetcher } from './media.ts';

export interface TelegramDeps {
  /** loadTelegramConfig(env); the adapter is not created when that is null */
  config: TelegramConfig;
  sink: InboundSink;
  log: Logger;
  /** clock for the time of a button tap (an update carries none); pinned in tests */
  now?: () => number;
}

/**
 * Telegram: the Bot API webhook at /webhooks/telegram and sending through telegraf's client.
 * Private chats only (see inbound.ts). One bot per deployment; its id is every event's accountId.
 */
export function createTelegramAdapter(deps: TelegramDeps): ChannelAdapter {
  const { config } = deps;
  const capabilities = telegramCapabilities({
    perSecond: config.TELEGRAM_RATE_PER_SECOND,
    chatIntervalMs: config.TELEGRAM_CHAT_INTERVAL_MS,
    chatBurst: config.TELEGRAM_CHAT_BURST,
  });
  const api = createBotApiClient({ token: config.TELEGRAM_BOT_TOKEN, apiRoot: config.TELEGRAM_API_ROOT, timeoutMs: config.TELEGRAM_TIMEOUT_MS });
  return {
    channel: 'telegram',
    capabilities,
    send: createSender({ api, botId: config.botId, capabilities, log: deps.log }),
    fetchMedia: telegramMediaFetcher({ token: config.TELEGRAM_BOT_TOKEN, apiRoot: config.TELEGRAM_API_ROOT }),
    routes(app: FastifyInstance) {
      registerWebhook(app, {
        botId: config.botId,
        secret: config.TELEGRAM_WEBHOOK_SECRET,
        sink: deps.sink,
        log: deps.log,
        now: deps.now ?? Date.now,
      });
    },
  };
}
