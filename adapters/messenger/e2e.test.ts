import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app/app.ts';
import { loadConfig } from '../../src/config.ts';
import { loadMessengerConfig } from './config.ts';
import { createMessengerAdapter } from './index.ts';
import { startFakeGraph, type FakeGraph } from './testing/fake-graph.ts';
import { offeredChoices, seenBubbles, sendCalls } from './testing/seen.ts';
import { pageEnvelope, signedPost, TEST_APP_SECRET, TEST_PAGE_ID, TEST_PAGE_TOKEN, TEST_VERIFY_TOKEN, workerMessage } from './testing/webhook.ts';

/**
 * Webhook -> pipeline -> flow engine -> delivery -> fake Graph API, on the real app with the
 * embedded database. The adapter is added by hand as adapters/index.ts would add it.
 */
let app: App;
let graph: FakeGraph;
const PSID = '7001002003004005';
let seq = 0;

beforeAll(async () => {
  graph = await startFakeGraph({ accessToken: TEST_PAGE_TOKEN, pageId: TEST_PAGE_ID });
  app = await createApp(loadConfig({ DATA_DIR: 'memory://', LOG_LEVEL: 'silent', SEED_DEMO: 'false', NODE_ENV: 'test' }));
  const config = loadMessengerConfig({
    MESSENGER_PAGE_ID: TEST_PAGE_ID,
    MESSENGER_PAGE_ACCESS_TOKEN: TEST_PAGE_TOKEN,
    MESSENGER_APP_SECRET: TEST_APP_SECRET,
    MESSENGER_VERIFY_TOKEN: TEST_VERIFY_TOKEN,
    MESSENGER_GRAPH_BASE: graph.url,
  })!;
  const adapter = createMessengerAdapter({ config, sink: app.sink, log: app.log });
  app.adapters.set('messenger', adapter);
  await adapter.routes!(app.http);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await graph?.close();
});
beforeEach(() => graph.reset());

async function deliver(body: unknown) {
  const r = signedPost(body);
  const res = await app.http.inject({ method: 'POST', url: r.url, headers: r.headers, payload: r.body! });
  expect(res.statusCode).toBe(200);
  const rows = await app.db.sql.query<{ id: string }>(`SELECT id::text AS id FROM conversation WHERE channel = 'messenger' AND external_id = $1`, [PSID]);
  await app.drain(rows[0]!.id);
}
const item = (fields: object) => pageEnvelope([{ sender: { id: PSID }, recipient: { id: TEST_PAGE_ID }, timestamp: Date.now(), ...fields }]);
const postback = (payload: string, title: string) => deliver(item({ postback: { mid: `m_pb_${++seq}`, title, payload } }));
const messages = () => sendCalls(graph.calls()).map((c) => c.body as { messaging_type: string; message: { text?: string; quick_replies?: unknown[] } });

describe('a worker on Messenger', () => {
  it('Get Started greets and shows the menu, answered as RESPONSE', async () => {
    await postback('GET_STARTED', 'Bắt đầu');
    const sent = messages();
    expect(sent[0]!.message.text).toContain('Trợ lý Công đoàn');
    expect(sent.every((m) => m.messaging_type === 'RESPONSE')).toBe(true);
    // The Vietnamese menu labels fit Messenger's 20 characters, so they are real quick replies.
    const menu = sendCalls(graph.calls()).at(-1)!;
    const offered = offeredChoices(menu).map((c) => c.key);
    expect(offered).toEqual(expect.arrayContaining(['flow:registration', 'flow:registration-status', 'cmd:human']));
  });

  it('the persistent menu\'s "Gặp cán bộ công đoàn" runs the human command', async () => {
    await postback('cmd:human', 'Gặp cán bộ công đoàn');
    expect(messages().map((m) => m.message.text).join('\n')).toMatch(/cán bộ/);
    await deliver(workerMessage(PSID, { text: 'menu' }, `m_${++seq}`, Date.now()));
  });

  it('the persistent menu\'s "Đăng ký gia nhập Công đoàn" starts the registration flow', async () => {
    await postback('flow:registration', 'Đăng ký gia nhập Công đoàn');
    expect(messages().length).toBeGreaterThan(0);
    expect(JSON.stringify(messages())).toMatch(/đồng ý|Đồng ý/);
  });

  it('echoes, deliveries and reads are stored but never answered', async () => {
    await deliver(pageEnvelope([{ sender: { id: PSID }, recipient: { id: TEST_PAGE_ID }, delivery: { mids: ['m_fake_1'], watermark: Date.now() } }]));
    await deliver(item({ read: { watermark: Date.now() } }));
    await deliver(pageEnvelope([{ sender: { id: TEST_PAGE_ID }, recipient: { id: PSID }, timestamp: Date.now(), message: { is_echo: true, app_id: 1, mid: `m_echo_${++seq}`, text: 'Xin chào' } }]));
    expect(graph.calls()).toEqual([]);
    const kinds = await app.db.sql.query<{ kind: string }>(
      `SELECT i.event->>'kind' AS kind FROM inbox_message i JOIN conversation c ON c.id = i.conversation_id WHERE c.external_id = $1`,
      [PSID],
    );
    // bodies may be sealed at rest; when they are, the count of rows is what we can check
    expect(kinds.length).toBeGreaterThanOrEqual(6);
  });
});
