/**
 * The whole app wired to ONE channel's adapter and its fake platform (from the channel's
 * contract), on an in-memory database, for tests that run a conversation "as the platform would":
 * signed webhook in, real pipeline and flows, the adapter's calls to the fake platform out.
 */
import { expect } from 'vitest';
import { createApp, type App } from '../src/app/app.ts';
import { loadConfig } from '../src/config.ts';
import type { ChannelContract, ContractHarness } from '../src/channels/contract.ts';
import type { RateLimiter } from '../src/queue/ratelimit.ts';

/** Flows' tests do not wait for Telegram's one message a second; test/burst.test.ts checks limits. */
export const unlimited: RateLimiter = { take: async () => 0, block: async () => {}, close: async () => {} };

export interface ChannelApp {
  app: App;
  h: ContractHarness;
  /** a worker message posted through the webhook and processed; returns what the worker saw */
  says(user: string, input: string | { text?: string; choiceKey?: string; phone?: string }): Promise<string>;
  /** the conversation row id of a worker on this channel */
  conversationOf(user: string): Promise<string>;
  close(): Promise<void>;
}

export async function openChannelApp(
  contract: ChannelContract,
  opts: { clock: () => Date; env?: Record<string, string> },
): Promise<ChannelApp> {
  let h!: ContractHarness;
  let seq = 0;
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: 'memory://',
    APP_SECRET: 'channel-app-test-secret-0123456789abcdef',
    LOG_LEVEL: 'silent',
    ...opts.env,
  });
  const app = await createApp(config, {
    clock: opts.clock,
    limiter: unlimited,
    adapters: async (deps) => {
      h = await contract.start({
        sql: deps.sql!,
        sink: deps.sink,
        keyring: deps.keyring,
        notifier: deps.notifier,
        log: deps.log,
        now: () => opts.clock().getTime(),
      });
      return [h.adapter];
    },
  });
  await app.http.ready();

  const conversationOf = async (user: string) => {
    const rows = await app.db.sql.query<{ id: string }>(
      `SELECT id::text AS id FROM conversation WHERE channel = $1 AND external_id = $2`,
      [contract.channel, h.externalIdOf(user)],
    );
    return rows[0]!.id;
  };

  return {
    app,
    h,
    conversationOf,
    async says(user, input) {
      h.reset();
      const msg = h.userMessage(user, typeof input === 'string' ? { text: input } : input, ++seq + 1000);
      const res = await app.http.inject({ method: msg.method, url: msg.url, headers: msg.headers, payload: msg.body });
      expect(res.statusCode, res.body).toBeLessThan(300);
      await app.drain(await conversationOf(user));
      return h.seen(h.calls()).join('\n');
    },
    async close() {
      await h?.stop();
      await app.close();
    },
  };
}
