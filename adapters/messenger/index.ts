import type { Dispatcher } from 'undici';
import type { ChannelAdapter, InboundSink } from '../../src/channels/types.ts';
import type { Logger } from '../../src/logger.ts';
import { messengerCapabilities } from './capabilities.ts';
import { GraphClient } from './client.ts';
import { loadMessengerConfig, type MessengerConfig } from './config.ts';
import { registerWebhook } from './routes.ts';
import { createSender } from './send.ts';
import { fetchMessengerMedia } from './media.ts';

export interface MessengerDeps {
  config: MessengerConfig;
  sink: InboundSink;
  log: Logger;
  /** clock for the messaging windows, moved by tests */
  now?: () => number;
  /** an undici MockAgent in tests */
  dispatcher?: Dispatcher;
  /** jitter of rate-limit backoffs, pinned in tests */
  random?: () => number;
}

/** Facebook Messenger through a Page: webhook at /webhooks/messenger, Send API for replies. */
export function createMessengerAdapter(deps: MessengerDeps): ChannelAdapter {
  const now = deps.now ?? Date.now;
  const capabilities = messengerCapabilities(deps.config);
  const client = new GraphClient({
    base: deps.config.MESSENGER_GRAPH_BASE,
    version: deps.config.MESSENGER_GRAPH_VERSION,
    accessToken: deps.config.MESSENGER_PAGE_ACCESS_TOKEN,
    timeoutMs: deps.config.MESSENGER_HTTP_TIMEOUT_MS,
    ...(deps.dispatcher ? { dispatcher: deps.dispatcher } : {}),
  });
  return {
    channel: 'messenger',
    capabilities,
    routes: (app) => registerWebhook(app, { config: deps.config, sink: deps.sink, log: deps.log, now }),
    send: createSender({ client, config: deps.config, capabilities, now, log: deps.log, ...(deps.random ? { random: deps.random } : {}) }),
    fetchMedia: fetchMessengerMedia,
    close: () => client.close(),
  };
}

/**
 * The registry's entry point (adapters/index.ts): no adapter when the channel is not configured,
 * a ConfigError naming the variable when it is half-configured.
 */
export function messengerAdapters(deps: { config: { env: Record<string, string> }; sink: InboundSink; log: Logger }): ChannelAdapter[] {
  const config = loadMessengerConfig(deps.config.env);
  if (!config) return [];
  return [createMessengerAdapter({ config, sink: deps.sink, log: deps.log.child({ channel: 'messenger' }) })];
}
