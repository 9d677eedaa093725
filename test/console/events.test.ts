/**
 * Live updates (GET /api/officer/events, SSE) with two API instances on one PostgreSQL and one
 * Redis, as in production: an event published by instance B (or by a worker process) reaches the
 * officer whose stream is held by instance A, only when it lies inside the officer's scope; the
 * stream starts with a retry hint, refuses a request without credentials, and unsubscribes from
 * Redis when the officer goes away.
 */
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app/app.ts';
import { loadConfig } from '../../src/config.ts';
import { mintOfficerToken } from '../../src/cases/token.ts';
import { publishOfficerEvent } from '../../src/officers/events.ts';
import { freshRedisPrefix, freshSchema, REDIS_URL, servicesAvailable, type TestRedis, type TestSchema } from '../env.ts';
import { until } from './world.ts';

const available = await servicesAvailable();

/** Reads an SSE response into a list of {event, data} as it arrives. */
function readEvents(res: Response) {
  const events: Array<{ event: string; data: string }> = [];
  let raw = '';
  let all = '';
  const reader = res.body!.getReader();
  const done = (async () => {
    const decoder = new TextDecoder();
    for (;;) {
      const { value, done: end } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (end) return;
      const chunk = decoder.decode(value, { stream: true });
      raw += chunk;
      all += chunk;
      let i: number;
      while ((i = raw.indexOf('\n\n')) >= 0) {
        const block = raw.slice(0, i);
        raw = raw.slice(i + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data });
      }
    }
  })();
  return { events, done, text: () => all };
}

describe.skipIf(!available)('officer live events across API instances (SSE over Redis)', () => {
  let db: TestSchema;
  let redis: TestRedis;
  let a: App;
  let b: App;
  let urlA: string;
  let token: string;

  beforeAll(async () => {
    db = await freshSchema('console_events');
    redis = freshRedisPrefix('console-events');
    const env = { NODE_ENV: 'test', APP_SECRET: 'console-events-test-secret-0123456789abcdef', LOG_LEVEL: 'silent', ...db.env, ...redis.env };
    a = await createApp(loadConfig(env));
    b = await createApp(loadConfig(env));
    await a.http.listen({ port: 0, host: '127.0.0.1' });
    urlA = `http://127.0.0.1:${(a.http.server.address() as AddressInfo).port}`;
    token = mintOfficerToken(a.services.keyring, { officerId: '6a1f6a52-1a7e-4d7c-9d0e-2c1a52b7e001', unitCode: 'P24', scopePath: '/TLD/P24/', role: 'unit_admin' });
  }, 120_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await redis?.cleanup();
    await db?.drop();
  });

  it('refuses a request without credentials', async () => {
    const res = await fetch(`${urlA}/api/officer/events`);
    expect(res.status).toBe(401);
  });

  it('forwards what another instance publishes inside the scope, nothing outside it, and unsubscribes on close', async () => {
    const abort = new AbortController();
    const res = await fetch(`${urlA}/api/officer/events`, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const stream = readEvents(res);
    await until(async () => stream.text().startsWith('retry: '), 'the retry hint that opens the stream');

    const probe = new Redis(REDIS_URL);
    const topic = `${redis.prefix}:officer-events`;
    const subscribers = async () => Number(((await probe.pubsub('NUMSUB', topic)) as [string, number])[1]);
    await until(async () => (await subscribers()) >= 1, 'instance A subscribed in Redis');

    // B (another API instance, or a worker) publishes: one outside the scope, then two inside
    publishOfficerEvent(b.notifier, { type: 'conversation.updated', unitPath: '/TLD/P79/CS79-0001/', conversationId: 'outside' });
    publishOfficerEvent(b.notifier, { type: 'conversation.message', unitPath: '/TLD/P24/X24-001/CS24-0001/', conversationId: 'inside-1' });
    publishOfficerEvent(b.notifier, { type: 'case.updated', unitPath: '/TLD/P24/', caseId: 'case-1' });
    await until(async () => stream.events.length >= 2, 'two events on the stream');

    expect(stream.events.map((e) => e.event)).toEqual(['conversation.message', 'case.updated']);
    expect(JSON.parse(stream.events[0]!.data)).toMatchObject({ conversationId: 'inside-1' });
    expect(stream.events.some((e) => e.data.includes('outside'))).toBe(false);

    // the officer leaves: A drops its Redis subscription (no stream is listening any more)
    abort.abort();
    await stream.done;
    await until(async () => (await subscribers()) === 0, 'instance A unsubscribed from Redis');
    probe.disconnect();
  }, 60_000);

  it('ends a stream asked to end (maxSeconds=0) after the retry hint', async () => {
    const res = await fetch(`${urlA}/api/officer/events?maxSeconds=0`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^retry: \d+\n/);
  });
});
