/**
 * Issue 3: a burst of inbound Telegram messages while the Bot API answers 429 (flood wait) for
 * the first seconds. Everything must be delivered, in order per chat, within the configured
 * rate (Telegram: ~30 messages/s per bot, ~1/s per chat with small bursts).
 */
import { createApp, type App } from '../src/app/app.ts';
import { loadConfig } from '../src/config.ts';
import { startFakeBotApi, type FakeBotApi } from '../adapters/telegram/testing/fake-bot-api.ts';
import { TEST_SECRET, TEST_TOKEN, webhookRequest } from '../adapters/telegram/contract.ts';
import { freshRedisPrefix, freshSchema } from '../test/env.ts';
import { writeTable } from './table.ts';

export interface BurstOptions {
  chats: number;
  perChat: number;
  /** the fake answers every send with 429 retry_after for this long from its first send */
  floodMs: number;
  accountPerSecond?: number;
}

export interface BurstResult {
  inbound: number;
  expected: number;
  delivered: number;
  outOfOrderChats: number;
  seconds: number;
  deliveredPerSecond: number;
  /** first to last successful send */
  spanSeconds: number;
  maxInAnySecond: number;
  floodRefusals: number;
  configuredPerSecond: number;
}

// Alternating languages make every reply distinguishable, so any reordering shows.
const say = (i: number) => (i % 2 === 0 ? 'English' : 'Tiếng Việt');

export async function runBurst(opts: BurstOptions): Promise<BurstResult> {
  const schema = await freshSchema('burst');
  const redis = freshRedisPrefix('burst');
  let fake: FakeBotApi | undefined;
  let app: App | undefined;
  try {
    fake = await startFakeBotApi({ token: TEST_TOKEN });
    const perSecond = opts.accountPerSecond ?? 30;
    const config = loadConfig({
      NODE_ENV: 'test',
      ...schema.env,
      ...redis.env,
      APP_SECRET: 'burst-bench-secret-0123456789abcdefghij',
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'false',
      TELEGRAM_BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_WEBHOOK_SECRET: TEST_SECRET,
      TELEGRAM_API_ROOT: fake.apiRoot,
      TELEGRAM_RATE_PER_SECOND: String(perSecond),
      WORKER_CONCURRENCY: '32',
      DELIVERY_CONCURRENCY: '32',
    });
    app = await createApp(config);
    await app.http.ready();
    app.startWorkers();

    const started = Date.now();
    fake.failFor('rate_limited', opts.floodMs);
    let updateId = 500_000;
    const posts: Array<Promise<unknown>> = [];
    for (let m = 0; m < opts.perChat; m++) {
      for (let c = 0; c < opts.chats; c++) {
        const chatId = 700_000 + c;
        const update = {
          update_id: ++updateId,
          message: {
            message_id: updateId,
            date: Math.floor(started / 1000),
            chat: { id: chatId, type: 'private', first_name: 'Worker' },
            from: { id: chatId, is_bot: false, first_name: 'Worker', language_code: 'vi' },
            text: say(m),
          },
        };
        const r = webhookRequest(JSON.stringify(update));
        posts.push(app.http.inject({ method: r.method, url: r.url, headers: r.headers, payload: r.body }));
      }
      // Messages of one chat arrive in order (Telegram sends a chat's updates one after another).
      await Promise.all(posts.splice(0));
    }
    const inbound = opts.chats * opts.perChat;
    const expected = inbound * 2; // "switched" + the menu
    const deadline = Date.now() + 10 * 60_000;
    while (fake.sentAt.length < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const seconds = (Date.now() - started) / 1000;

    // Order per chat: the texts must alternate exactly as the inbound messages did.
    const byChat = new Map<string, string[]>();
    for (const call of fake.calls) {
      if (!call.path.endsWith('/sendMessage')) continue;
      const body = call.body as { chat_id: number; text: string };
      (byChat.get(String(body.chat_id)) ?? byChat.set(String(body.chat_id), []).get(String(body.chat_id))!).push(body.text);
    }
    let outOfOrder = 0;
    const switched = (t: string) => (/Switched to English/.test(t) ? 'en' : /Đã chuyển sang tiếng Việt/.test(t) ? 'vi' : null);
    for (const [chat, texts] of byChat) {
      // Drop refused attempts: a refused call repeats the same text right after, so keep the last copy.
      const delivered = texts.filter((t, i) => texts[i + 1] !== t);
      const order = delivered.map(switched).filter(Boolean);
      const want = Array.from({ length: opts.perChat }, (_, i) => (i % 2 === 0 ? 'en' : 'vi'));
      if (JSON.stringify(order) !== JSON.stringify(want)) outOfOrder++;
    }
    let maxInAnySecond = 0;
    const t = fake.sentAt;
    for (let i = 0, j = 0; i < t.length; i++) {
      while (t[i]! - t[j]! >= 1000) j++;
      maxInAnySecond = Math.max(maxInAnySecond, i - j + 1);
    }
    const firstOk = t[0] ?? started;
    const lastOk = t.at(-1) ?? started;
    return {
      inbound,
      expected,
      delivered: t.length,
      outOfOrderChats: outOfOrder,
      seconds,
      deliveredPerSecond: t.length / Math.max(0.001, (lastOk - firstOk) / 1000),
      spanSeconds: (lastOk - firstOk) / 1000,
      maxInAnySecond,
      floodRefusals: fake.calls.length - t.length,
      configuredPerSecond: perSecond,
    };
  } finally {
    await app?.close();
    await fake?.close();
    await redis.cleanup();
    await schema.drop();
  }
}

export async function benchBurst(): Promise<string> {
  const chats = Number(process.env.BENCH_BURST_CHATS ?? 50);
  const r = await runBurst({ chats, perChat: 10, floodMs: 3000 });
  return writeTable(
    'burst',
    'Delivery: a burst of inbound Telegram messages against a Bot API that floods-waits (429) at first',
    [
      ['inbound messages (chats × messages)', `${r.inbound} (${chats} × 10)`],
      ['replies expected / delivered', `${r.expected} / ${r.delivered}`],
      ['chats whose replies came out of order', r.outOfOrderChats],
      ['429 answers (retry_after 3 s) during the first 3 s of sending', r.floodRefusals],
      ['configured rate per bot (msg/s)', r.configuredPerSecond],
      ['delivered rate, first to last send (msg/s)', r.deliveredPerSecond.toFixed(1)],
      ['most sends in any 1-second window', r.maxInAnySecond],
      ['total time (s)', r.seconds.toFixed(1)],
    ],
    [
      'PostgreSQL + Redis (shared token buckets), one process with in-process workers; the fake Bot API runs on loopback.',
      'Rate limits are sliding logs in Redis shared by all workers: at most the configured count in any window (per bot, and per chat: Telegram 3 per 3 s).',
    ],
  );
}
