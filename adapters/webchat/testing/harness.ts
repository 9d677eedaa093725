import Fastify, { type FastifyInstance } from 'fastify';
import type { ChannelAdapter, InboundSink } from '../../../src/channels/types.ts';
import type { InboundEvent, OutboundMessage } from '../../../src/core/model.ts';
import { openDatabase, type Database } from '../../../src/db/client.ts';
import { createLogger } from '../../../src/logger.ts';
import { acceptInbound } from '../../../src/pipeline/accept.ts';
import { deliverConversation } from '../../../src/pipeline/delivery.ts';
import { queueNotice } from '../../../src/pipeline/notify.ts';
import type { RateLimiter } from '../../../src/queue/ratelimit.ts';
import { MemoryNotifier, type Notifier } from '../../../src/queue/notifier.ts';
import type { JobQueue } from '../../../src/queue/types.ts';
import { createKeyring, type Keyring } from '../../../src/security/crypto.ts';
import { createWebchatAdapter } from '../index.ts';

export const TEST_SITE = 'test-site';

/** A bot for the harness: what to answer to one accepted event (nothing = stay silent). */
export type Bot = (event: InboundEvent) => OutboundMessage[] | undefined;

export const echoBot: Bot = (e) => {
  if (e.kind === 'start') return [{ kind: 'text', text: 'Xin chào! Tôi là Trợ lý Công đoàn.' }];
  if (e.kind === 'choice') return [{ kind: 'text', text: `Bạn đã chọn: ${e.choiceKey}` }];
  if (e.kind === 'text') return [{ kind: 'text', text: `echo: ${e.text}` }];
  return undefined;
};

/** Records every accept call; creates the conversation row with the real accept step. */
export interface RecordingSink extends InboundSink {
  calls: InboundEvent[];
}

export interface WebchatHarness {
  app: FastifyInstance;
  adapter: ChannelAdapter;
  db: Database;
  notifier: Notifier;
  keyring: Keyring;
  sink: RecordingSink;
  /** http://127.0.0.1:<port> when started with listen: true */
  baseUrl: string;
  /** `METHOD /path` of every request (query strings dropped: they hold stream tokens) */
  requests: string[];
  /** errors thrown by route handlers (a test can assert there were none) */
  serverErrors: Error[];
  /** resolves when every bot answer scheduled so far has been sent */
  settled(): Promise<void>;
  /**
   * What the union sends while nobody is looking (a case notice, a broadcast, an officer's reply):
   * queued as a notice in the outbox of the web chat conversation and sent through the real
   * delivery step and this adapter. Resolves with the outbox rows' final statuses.
   */
  deliverNotice(conversationExternalId: string, messages: OutboundMessage[]): Promise<string[]>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  listen?: boolean;
  bot?: Bot;
  now?: () => number;
  tokenTtlSeconds?: number;
  /** reuse one migrated database across harnesses (it is not closed by close()) */
  db?: Database;
  /** e.g. a RedisNotifier shared with a second instance (not closed by close()) */
  notifier?: Notifier;
  streamPollMs?: number;
  /** default true here, so the tests read through the sealed path */
  sealTranscript?: boolean;
  /** WEBCHAT_RESUME_DAYS (default 30 here, as in the app; 0 = off) */
  resumeDays?: number;
}

const unlimited: RateLimiter = { take: async () => 0, block: async () => {}, close: async () => {} };

const noQueue: JobQueue = {
  kind: 'memory',
  enqueue: async () => {},
  work: () => {},
  close: async () => {},
};

export async function openTestDatabase(): Promise<Database> {
  const db = await openDatabase({ dataDir: 'memory://' });
  await db.migrate();
  return db;
}

/**
 * The web chat adapter on a bare Fastify app with an in-memory PGlite, no pipeline: the sink
 * stores the event as the pipeline's accept step does and, given a bot, answers by calling
 * adapter.send the way delivery would (same outbox-like ids, replyTo set, in order).
 */
export async function startWebchatHarness(opts: HarnessOptions = {}): Promise<WebchatHarness> {
  const db = opts.db ?? (await openTestDatabase());
  const notifier = opts.notifier ?? new MemoryNotifier();
  const keyring = createKeyring('test-secret-that-is-at-least-32-characters-long');
  let adapter: ChannelAdapter | undefined;
  let outbox = Promise.resolve();

  const sink: RecordingSink = {
    calls: [],
    async accept(event) {
      sink.calls.push(event);
      const res = await acceptInbound(db.sql, noQueue, keyring, event);
      const answers = res.status === 'accepted' ? opts.bot?.(event) : undefined;
      answers?.forEach((message, i) => {
        outbox = outbox.then(async () => {
          const r = await adapter!.send({
            outboxId: `${res.inboxId}-${i}`,
            conversationId: res.conversationId,
            externalId: event.conversationExternalId,
            accountId: event.accountId,
            locale: 'vi',
            message,
            attempt: 1,
            replyTo: { dedupeKey: event.dedupeKey },
          });
          if (!r.ok) throw new Error(`send failed: ${r.reason}`);
        });
      });
      return res;
    },
  };

  adapter = createWebchatAdapter({
    sql: db.sql,
    notifier,
    sink,
    keyring,
    log: createLogger('silent'),
    siteId: TEST_SITE,
    tokenTtlSeconds: opts.tokenTtlSeconds ?? 3600,
    ...(opts.streamPollMs ? { streamPollMs: opts.streamPollMs } : {}),
    sealTranscript: opts.sealTranscript ?? true,
    resumeDays: opts.resumeDays ?? 30,
    ...(opts.now ? { now: opts.now } : {}),
  });
  const app = Fastify({ logger: false });
  const requests: string[] = [];
  const serverErrors: Error[] = [];
  app.addHook('onRequest', async (req) => {
    requests.push(`${req.method} ${req.url.split('?')[0]}`);
  });
  app.addHook('onError', async (req, _reply, err) => {
    serverErrors.push(Object.assign(err, { url: `${req.method} ${req.url.split('?')[0]}` }));
  });
  await adapter.routes!(app);
  let baseUrl = '';
  if (opts.listen) {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const addr = app.server.address();
    baseUrl = typeof addr === 'object' && addr ? `http://127.0.0.1:${addr.port}` : '';
  } else {
    await app.ready();
  }

  return {
    app,
    adapter,
    db,
    notifier,
    keyring,
    sink,
    baseUrl,
    requests,
    serverErrors,
    settled: () => outbox,
    async deliverNotice(conversationExternalId, messages) {
      const rows = await db.sql.query<{ id: string }>(
        `SELECT id::text AS id FROM conversation WHERE channel = 'webchat' AND account_id = $1 AND external_id = $2`,
        [TEST_SITE, conversationExternalId],
      );
      const conversationId = rows[0]?.id;
      if (!conversationId) throw new Error(`no web chat conversation ${conversationExternalId}`);
      const before = await db.sql.query<{ id: string }>(`SELECT coalesce(max(id), 0)::text AS id FROM outbox_message`);
      await queueNotice(db.sql, keyring, conversationId, messages);
      await deliverConversation(
        { sql: db.sql, queue: noQueue, adapters: new Map([['webchat', adapter!]]), limiter: unlimited, keyring, log: createLogger('silent') },
        conversationId,
      );
      const sent = await db.sql.query<{ status: string }>(
        `SELECT status FROM outbox_message WHERE conversation_id = $1::uuid AND id > $2::bigint ORDER BY id`,
        [conversationId, before[0]!.id],
      );
      return sent.map((r) => r.status);
    },
    async close() {
      await app.close();
      await adapter!.close?.();
      if (!opts.notifier) await notifier.close();
      if (!opts.db) await db.close();
    },
  };
}
