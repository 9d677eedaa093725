import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registerWebhook, WEBHOOK_PATH } from './routes.ts';
import { fixture, signed, TEST_APP_ID, TEST_OA_ID, TEST_OA_SECRET, TEST_USER_ID, withTimestamp } from './testing/sign.ts';
import { recordingSink, silentLog, type RecordingSink } from './testing/setup.ts';
import type { WebhookRequest } from '../../src/channels/contract.ts';

let app: FastifyInstance;
let sink: RecordingSink;
const clock = { now: 1_780_000_000_000 };

beforeAll(async () => {
  app = Fastify({ logger: false });
  sink = recordingSink();
  await registerWebhook(app, {
    oaId: TEST_OA_ID,
    appId: TEST_APP_ID,
    oaSecretKey: TEST_OA_SECRET,
    maxAgeMs: 600_000,
    sink: { accept: (e) => sink.accept(e) },
    log: silentLog,
    now: () => clock.now,
  });
  // another route of the app must keep the normal JSON parser
  app.post('/other', async (req) => ({ got: req.body }));
});
afterAll(() => app.close());
beforeEach(() => {
  sink.events.length = 0;
});

const inject = (r: WebhookRequest) => app.inject({ method: r.method, url: r.url, headers: r.headers, ...(r.body !== undefined ? { payload: r.body } : {}) });
const now = (name: string) => withTimestamp(fixture(name), clock.now);

describe('POST /webhooks/zalo', () => {
  it('accepts a signed documented sample and hands its event to the sink', async () => {
    const res = await inject(signed(now('user_send_text')));
    expect(res.statusCode).toBe(200);
    expect(sink.events).toMatchObject([{ kind: 'text', text: 'Xin chào', accountId: TEST_OA_ID, platformUserId: TEST_USER_ID, occurredAt: clock.now }]);
  });

  it('a retry of the same event is answered 200 too (the inbox dedupes)', async () => {
    const req = signed(now('user_send_text'));
    expect((await inject(req)).statusCode).toBe(200);
    expect((await inject(req)).statusCode).toBe(200);
    expect(new Set(sink.events.map((e) => e.dedupeKey)).size).toBe(1);
  });

  it('records the OA echo as kind echo (the engine never answers it)', async () => {
    expect((await inject(signed(now('oa_send_text')))).statusCode).toBe(200);
    expect(sink.events.map((e) => e.kind)).toEqual(['echo']);
  });

  it('answers 200 to an unknown event and stores nothing', async () => {
    expect((await inject(signed(now('user_reacted_message')))).statusCode).toBe(200);
    expect(sink.events).toEqual([]);
  });

  it('answers the console probes (GET, unsigned {}) with 200 and stores nothing', async () => {
    expect((await app.inject({ method: 'GET', url: WEBHOOK_PATH })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: WEBHOOK_PATH, headers: { 'content-type': 'application/json' }, payload: '{}' })).statusCode).toBe(200);
    expect(sink.events).toEqual([]);
  });

  it('takes the charset parameter and a missing content type', async () => {
    const req = signed(now('user_send_text'));
    expect((await inject({ ...req, headers: { ...req.headers, 'content-type': 'application/json; charset=utf-8' } })).statusCode).toBe(200);
    const { 'content-type': _ct, ...noType } = req.headers;
    expect((await inject({ ...req, headers: noType })).statusCode).toBe(200);
  });

  const rejected: Array<[string, () => WebhookRequest, number]> = [
    ['forged mac', () => ({ ...signed(now('user_send_text')), headers: { 'content-type': 'application/json', 'x-zevent-signature': `mac=${'a'.repeat(64)}` } }), 401],
    ['signed with the app secret instead of the OA secret', () => signed(now('user_send_text'), 'test-app-secret-9876543210'), 401],
    ['body changed after signing', () => {
      const r = signed(now('user_send_text'));
      return { ...r, body: r.body!.replace('Xin chào', 'Xin chao') };
    }, 401],
    ['missing header', () => {
      const r = signed(now('user_send_text'));
      return { ...r, headers: { 'content-type': 'application/json' } };
    }, 401],
    ['stale timestamp (11 minutes)', () => signed(withTimestamp(fixture('user_send_text'), clock.now - 660_000)), 401],
    ['timestamp far in the future', () => signed(withTimestamp(fixture('user_send_text'), clock.now + 660_000)), 401],
    ['malformed JSON', () => ({ ...signed(now('user_send_text')), body: '{"app_id":' }), 400],
    ['a JSON array', () => ({ method: 'POST', url: WEBHOOK_PATH, headers: { 'content-type': 'application/json', 'x-zevent-signature': 'mac=00' }, body: '[]' }), 400],
    ['another OA', () => signed(now('user_send_text').replaceAll(TEST_OA_ID, '1111111111111111111')), 403],
    ['another app', () => signed(now('user_send_text').replaceAll(TEST_APP_ID, '1111111111111111111')), 403],
    ['a known event with a broken shape', () => signed(now('user_send_location').replace('"coordinates"', '"coords"')), 400],
  ];
  it.each(rejected)('rejects %s with a 4xx and stores nothing', async (_name, build, status) => {
    const res = await inject(build());
    expect(res.statusCode).toBe(status);
    expect(res.json()).toHaveProperty('error');
    expect(sink.events).toEqual([]);
  });

  it('refuses a 1 MB body before reading it all', async () => {
    const big = signed(now('user_send_text').replace('Xin chào', 'x'.repeat(1_000_000)));
    expect((await inject(big)).statusCode).toBe(413);
    expect(sink.events).toEqual([]);
  });

  it('leaves the JSON parser of other routes alone', async () => {
    const res = await app.inject({ method: 'POST', url: '/other', payload: { a: 1 } });
    expect(res.json()).toEqual({ got: { a: 1 } });
  });
});
