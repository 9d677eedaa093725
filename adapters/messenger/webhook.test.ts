import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURE_EVENTS } from './contract.ts';
import { startHarness, type MessengerHarness } from './testing/harness.ts';
import { fixture, pageEnvelope, signedPost, TEST_PAGE_ID, TEST_VERIFY_TOKEN, verifyGet, workerMessage } from './testing/webhook.ts';

let h: MessengerHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  h.sink.events.length = 0;
  delete h.sink.fail;
  h.graph.reset();
});

describe('GET /webhooks/messenger (subscription handshake)', () => {
  it('echoes hub.challenge as plain text for the configured verify token', async () => {
    const res = await h.inject(verifyGet({ 'hub.mode': 'subscribe', 'hub.verify_token': TEST_VERIFY_TOKEN, 'hub.challenge': '1158201444' }));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toBe('1158201444');
  });

  it.each([
    ['a wrong token', { 'hub.mode': 'subscribe', 'hub.verify_token': 'test-verify-tokeN', 'hub.challenge': '1' }],
    ['no token', { 'hub.mode': 'subscribe', 'hub.challenge': '1' }],
    ['another mode', { 'hub.mode': 'unsubscribe', 'hub.verify_token': TEST_VERIFY_TOKEN, 'hub.challenge': '1' }],
  ])('answers 403 to %s', async (_name, params) => {
    const res = await h.inject(verifyGet(params));
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain('1');
  });

  it('answers 400 without a challenge', async () => {
    const res = await h.inject(verifyGet({ 'hub.mode': 'subscribe', 'hub.verify_token': TEST_VERIFY_TOKEN }));
    expect(res.statusCode).toBe(400);
  });
});

describe('POST /webhooks/messenger', () => {
  it('accepts a signed sample and answers 200 without calling Meta', async () => {
    const res = await h.inject(signedPost(fixture('text')));
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('EVENT_RECEIVED');
    expect(h.sink.events).toMatchObject(FIXTURE_EVENTS.text!);
    expect(h.graph.calls()).toEqual([]);
  });

  it('hands every event of a batch to the sink, in order', async () => {
    const res = await h.inject(signedPost(fixture('batched')));
    expect(res.statusCode).toBe(200);
    expect(h.sink.events).toHaveLength(3);
    h.sink.events.forEach((e, i) => expect(e).toMatchObject(FIXTURE_EVENTS.batched![i]!));
  });

  it('records echoes, deliveries and reads, and answers none of them', async () => {
    for (const name of ['echo', 'delivery', 'read']) expect((await h.inject(signedPost(fixture(name)))).statusCode).toBe(200);
    expect(h.sink.events.map((e) => e.kind)).toEqual(['echo', 'delivery', 'read']);
    expect(h.graph.calls()).toEqual([]);
  });

  it('answers a platform retry 200 too (the inbox makes it a duplicate)', async () => {
    const req = signedPost(fixture('quick-reply'));
    expect((await h.inject(req)).statusCode).toBe(200);
    expect((await h.inject(req)).statusCode).toBe(200);
    expect(h.sink.events).toHaveLength(1);
  });

  it.each([
    ['a forged signature', () => signedPost(fixture('text'), 'not-the-app-secret-000000')],
    ['no signature', () => ({ ...signedPost(fixture('text')), headers: { 'content-type': 'application/json' } })],
    ['a signature over other bytes', () => ({ ...signedPost(fixture('text')), body: JSON.stringify(fixture('text')) })],
  ])('refuses %s with 403 and stores nothing', async (_name, build) => {
    const res = await h.inject(build());
    expect(res.statusCode).toBe(403);
    expect(h.sink.events).toEqual([]);
  });

  it.each([
    ['malformed JSON', '{"object":"page","entry":['],
    ['another object', JSON.stringify({ object: 'instagram', entry: [] })],
    ['no entry list', JSON.stringify({ object: 'page' })],
  ])('refuses %s (signed) with 400', async (_name, raw) => {
    const res = await h.inject(signedPost(raw));
    expect(res.statusCode).toBe(400);
    expect(h.sink.events).toEqual([]);
  });

  it('ignores the entries of another Page but keeps ours', async () => {
    const other = workerMessage('999', { text: 'khác' }, 'm_other', 1, '100000000000001');
    const ours = workerMessage('1254459154682919', { text: 'của mình' }, 'm_ours', 2);
    const res = await h.inject(signedPost({ object: 'page', entry: [...other.entry, ...ours.entry] }));
    expect(res.statusCode).toBe(200);
    expect(h.sink.events.map((e) => e.text)).toEqual(['của mình']);
  });

  it('answers 413 to a body over the limit before looking at it', async () => {
    const huge = pageEnvelope([{ sender: { id: '1' }, recipient: { id: TEST_PAGE_ID }, timestamp: 1, message: { mid: 'm', text: 'x'.repeat(1024 * 1024) } }]);
    const res = await h.inject(signedPost(huge));
    expect(res.statusCode).toBe(413);
    expect(h.sink.events).toEqual([]);
  });

  it('answers 5xx when the inbox cannot store the event, so Meta retries', async () => {
    h.sink.fail = new Error('database down');
    const res = await h.inject(signedPost(fixture('text')));
    expect(res.statusCode).toBeGreaterThanOrEqual(500);
  });

  it('leaves the JSON parser of the rest of the app alone', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/elsewhere', payload: { a: 1 } });
    expect(res.json()).toEqual({ parsed: { a: 1 } });
  });
});
