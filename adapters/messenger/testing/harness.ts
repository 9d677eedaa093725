import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import type { WebhookRequest } from '../../../src/channels/contract.ts';
import type { ChannelAdapter, InboundSink, SendRequest } from '../../../src/channels/types.ts';
import type { InboundEvent, OutboundMessage } from '../../../src/core/model.ts';
import { createLogger } from '../../../src/logger.ts';
import { loadMessengerConfig } from '../config.ts';
import { createMessengerAdapter } from '../index.ts';
import { startFakeGraph, type FakeGraph } from './fake-graph.ts';
import { TEST_APP_SECRET, TEST_PAGE_ID, TEST_PAGE_TOKEN, TEST_VERIFY_TOKEN } from './webhook.ts';

/** Keeps what the webhook accepted; a repeated dedupeKey is a duplicate, as in the real inbox. */
export interface RecordingSink extends InboundSink {
  events: InboundEvent[];
  fail?: Error;
}

export function recordingSink(): RecordingSink {
  const keys = new Map<string, string>();
  const sink: RecordingSink = {
    events: [],
    async accept(event) {
      if (sink.fail) throw sink.fail;
      const known = keys.get(event.dedupeKey);
      if (known) return { status: 'duplicate', conversationId: `conv-${event.conversationExternalId}`, inboxId: known };
      sink.events.push(event);
      keys.set(event.dedupeKey, String(sink.events.length));
      return { status: 'accepted', conversationId: `conv-${event.conversationExternalId}`, inboxId: String(sink.events.length) };
    },
  };
  return sink;
}

export interface MessengerHarness {
  app: FastifyInstance;
  adapter: ChannelAdapter;
  sink: RecordingSink;
  graph: FakeGraph;
  /** the adapter's clock (ms); tests move it */
  clock: { now: number };
  inject(req: WebhookRequest): Promise<LightMyRequestResponse>;
  /** a SendRequest to the test worker, inside the standard window unless told otherwise */
  send(message: OutboundMessage, over?: Partial<SendRequest>): ReturnType<ChannelAdapter['send']>;
  close(): Promise<void>;
}

export const WORKER = '1254459154682919';

/** The adapter on a bare Fastify app, its Graph API a local fake, its sink a recorder. */
export async function startHarness(env: Record<string, string> = {}): Promise<MessengerHarness> {
  const graph = await startFakeGraph({ accessToken: TEST_PAGE_TOKEN, pageId: TEST_PAGE_ID });
  const config = loadMessengerConfig({
    MESSENGER_PAGE_ID: TEST_PAGE_ID,
    MESSENGER_PAGE_ACCESS_TOKEN: TEST_PAGE_TOKEN,
    MESSENGER_APP_SECRET: TEST_APP_SECRET,
    MESSENGER_VERIFY_TOKEN: TEST_VERIFY_TOKEN,
    MESSENGER_GRAPH_BASE: graph.url,
    ...env,
  })!;
  const clock = { now: Date.UTC(2026, 10, 22, 9, 0, 0) };
  const sink = recordingSink();
  const adapter = createMessengerAdapter({ config, sink, log: createLogger('silent'), now: () => clock.now, random: () => 0 });
  const app = Fastify({ logger: false, bodyLimit: 256 * 1024 });
  // The app's own JSON parser must stay untouched by the adapter's buffer parser.
  app.post('/elsewhere', async (req) => ({ parsed: req.body }));
  await adapter.routes!(app);
  await app.ready();
  let outboxId = 0;
  return {
    app,
    adapter,
    sink,
    graph,
    clock,
    inject: (req) => app.inject({ method: req.method, url: req.url, headers: req.headers, ...(req.body !== undefined ? { payload: req.body } : {}) }),
    send: (message, over = {}) =>
      adapter.send({
        outboxId: String(++outboxId),
        conversationId: `conv-${WORKER}`,
        externalId: WORKER,
        accountId: TEST_PAGE_ID,
        locale: 'vi',
        message,
        attempt: 1,
        window: { lastInboundAt: clock.now - 60_000, sentSinceInbound: 0 },
        origin: 'bot',
        ...over,
      }),
    async close() {
      await app.close();
      await adapter.close?.();
      await graph.close();
    },
  };
}
