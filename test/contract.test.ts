/**
 * One contract, every channel (issue 3): each adapter listed in adapters/contracts.ts must verify
 * signatures, normalize every documented event, leave deduplication to a stable key, answer
 * forged, stale, malformed and oversized requests with a 4xx that stores nothing, render every
 * OutboundMessage kind within its declared limits, and classify platform failures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { contracts } from '../adapters/contracts.ts';
import { CONTRACT_MESSAGES, type ContractHarness, type WebhookRequest } from '../src/channels/contract.ts';
import { ChannelCapabilities, type InboundSink } from '../src/channels/types.ts';
import type { InboundEvent } from '../src/core/model.ts';
import { openDatabase, type Database } from '../src/db/client.ts';
import { createKeyring } from '../src/security/crypto.ts';
import { MemoryNotifier } from '../src/queue/notifier.ts';
import { createLogger } from '../src/logger.ts';
import { registerHttp } from '../src/http/routes.ts';
import { loadConfig } from '../src/config.ts';
import { MemoryQueue } from '../src/queue/memory.ts';
import { acceptInbound, type AcceptResult } from '../src/pipeline/accept.ts';

const inject = (app: FastifyInstance, r: WebhookRequest) =>
  app.inject({ method: r.method, url: r.url, headers: r.headers, ...(r.body !== undefined ? { payload: r.body } : {}) });

for (const contract of contracts) {
  describe(`channel contract: ${contract.channel}`, () => {
    let db: Database;
    let app: FastifyInstance;
    let h: ContractHarness;
    const received: InboundEvent[] = [];
    const accepted: AcceptResult[] = [];
    const keyring = createKeyring('contract-test-secret-0123456789abcdef');
    let now = Date.parse('2026-11-22T02:00:00Z');

    beforeAll(async () => {
      db = await openDatabase({ dataDir: 'memory://' });
      await db.migrate();
      // The real accept step (inbox + conversation rows), with no workers behind the queue.
      const queue = new MemoryQueue();
      const sink: InboundSink = {
        async accept(event) {
          received.push(event);
          const res = await acceptInbound(db.sql, queue, keyring, event);
          accepted.push(res);
          return res;
        },
      };
      h = await contract.start({
        sql: db.sql,
        sink,
        keyring,
        notifier: new MemoryNotifier(),
        log: createLogger('silent'),
        now: () => now,
      });
      app = Fastify({ logger: false, bodyLimit: 256 * 1024 });
      const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: 'memory://', APP_SECRET: 'x'.repeat(40), LOG_LEVEL: 'silent' });
      await registerHttp(app, {
        config,
        db,
        adapters: new Map([[h.adapter.channel, h.adapter]]),
        queue: new MemoryQueue(),
        notifier: new MemoryNotifier(),
        log: createLogger('silent'),
      });
      await app.ready();
    });

    afterAll(async () => {
      await h?.stop();
      await app?.close();
      await db?.close();
    });

    it('declares valid capabilities', () => {
      expect(() => ChannelCapabilities.parse(h.adapter.capabilities)).not.toThrow();
    });

    it('normalizes every documented event, with a stable dedupe key on replay', async () => {
      expect(h.inbound.length).toBeGreaterThan(0);
      for (const c of h.inbound) {
        received.length = 0;
        const res = await inject(app, c.request);
        expect(res.statusCode, `${c.name}: ${res.body}`).toBeLessThan(300);
        expect(received, c.name).toHaveLength(c.events.length);
        c.events.forEach((e, i) => expect(received[i], c.name).toMatchObject(e));
        for (const e of received) {
          expect(e.channel).toBe(contract.channel);
          expect(e.dedupeKey, c.name).toBeTruthy();
        }
        const first = received.map((e) => e.dedupeKey);
        received.length = 0;
        const again = await inject(app, c.request);
        expect(again.statusCode, `${c.name} replayed`).toBeLessThan(300);
        expect(received.map((e) => e.dedupeKey), `${c.name} replayed`).toEqual(first);
      }
    });

    it('rejects forged, stale, malformed and oversized requests with a 4xx and stores nothing', async () => {
      const oversized: WebhookRequest = {
        ...h.inbound[0]!.request,
        body: JSON.stringify({ padding: 'x'.repeat(1024 * 1024) }),
      };
      for (const c of [...h.rejected, { name: '1 MB body', request: oversized }]) {
        received.length = 0;
        const res = await inject(app, c.request);
        expect(res.statusCode, `${c.name}: ${res.statusCode} ${res.body}`).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, c.name).toBeLessThan(500);
        expect(received, c.name).toHaveLength(0);
      }
    });

    /** a real conversation of a worker who wrote first (windows open, rows exist) */
    async function conversationOf(user: string): Promise<string> {
      accepted.length = 0;
      const res = await inject(app, h.userMessage(user, { text: 'xin chào' }, 1));
      expect(res.statusCode).toBeLessThan(300);
      expect(accepted.length).toBeGreaterThan(0);
      return accepted[0]!.conversationId;
    }

    it('renders every message kind within the declared limits', async () => {
      const caps = h.adapter.capabilities;
      const externalId = h.externalIdOf('contract-user');
      const conversationId = await conversationOf('contract-user');
      for (const [i, { name, message }] of CONTRACT_MESSAGES.entries()) {
        h.reset();
        const res = await h.adapter.send({
          outboxId: String(1000 + i),
          conversationId,
          externalId,
          accountId: h.inbound[0]!.events[0]?.accountId ?? 'account',
          locale: 'vi',
          message,
          attempt: 1,
          window: { lastInboundAt: now - 60_000, sentSinceInbound: 0 },
          origin: 'bot',
        });
        expect(res, name).toMatchObject({ ok: true });
        const calls = h.calls();
        expect(calls.length, name).toBeGreaterThan(0);
        const seen = h.seen(calls);
        for (const bubble of seen) expect([...bubble].length, `${name}: bubble too long`).toBeLessThanOrEqual(caps.maxTextLength);
        const all = seen.join('\n');
        if (message.kind === 'text') {
          for (const sentence of message.text.split('. ').slice(0, 5)) expect(all, name).toContain(sentence.slice(0, 30));
        }
        if (message.kind === 'choices') {
          for (const c of message.choices) expect(all, `${name}: label ${c.label}`).toContain(c.label);
          for (const call of calls) {
            for (const o of h.offered(call)) {
              expect(Buffer.byteLength(o.key), `${name}: key size`).toBeLessThanOrEqual(caps.choices.maxKeyBytes);
              expect([...o.label].length, `${name}: label size`).toBeLessThanOrEqual(caps.choices.maxLabelLength);
            }
          }
        }
      }
    });

    it('classifies platform failures', async () => {
      const conversationId = await conversationOf('contract-user');
      for (const [failure, expected] of Object.entries(h.expected)) {
        h.reset();
        h.failNext(failure as never);
        const res = await h.adapter.send({
          outboxId: `fail-${failure}`,
          conversationId,
          externalId: h.externalIdOf('contract-user'),
          accountId: h.inbound[0]!.events[0]?.accountId ?? 'account',
          locale: 'vi',
          message: { kind: 'text', text: 'Xin chào' },
          attempt: 1,
          window: { lastInboundAt: now - 60_000, sentSinceInbound: 0 },
          origin: 'bot',
        });
        if ('ok' in expected) {
          expect(res.ok, failure).toBe(true);
          continue;
        }
        expect(res.ok, failure).toBe(false);
        if (res.ok) continue;
        expect(res.retry, `${failure}: ${res.reason}`).toBe(expected.retry);
        expect(res.reason.length, failure).toBeGreaterThan(5);
        if (expected.minRetryAfterMs) expect(res.retryAfterMs ?? 0, failure).toBeGreaterThanOrEqual(expected.minRetryAfterMs);
      }
    });
  });
}

describe('channel contract registry', () => {
  it('covers every channel', () => {
    expect(contracts.map((c) => c.channel).sort()).toEqual(['messenger', 'telegram', 'webchat', 'zalo']);
  });
});
