import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../src/config.ts';
import { commands } from './cli.ts';
import { loadProfileTexts } from './profile.ts';
import { startFakeGraph, type FakeGraph } from './testing/fake-graph.ts';
import { TEST_APP_SECRET, TEST_PAGE_ID, TEST_PAGE_TOKEN, TEST_VERIFY_TOKEN } from './testing/webhook.ts';

let graph: FakeGraph;
let env: Record<string, string>;
const command = (name: string) => commands.find((c) => c.name === name)!;

beforeAll(async () => {
  graph = await startFakeGraph({ accessToken: TEST_PAGE_TOKEN, pageId: TEST_PAGE_ID });
  env = {
    MESSENGER_PAGE_ID: TEST_PAGE_ID,
    MESSENGER_PAGE_ACCESS_TOKEN: TEST_PAGE_TOKEN,
    MESSENGER_APP_SECRET: TEST_APP_SECRET,
    MESSENGER_VERIFY_TOKEN: TEST_VERIFY_TOKEN,
    MESSENGER_GRAPH_BASE: graph.url,
    MESSENGER_GRAPH_VERSION: 'v21.0',
  };
});
afterAll(async () => {
  await graph?.close();
});
beforeEach(() => {
  graph.reset();
  vi.restoreAllMocks();
  vi.spyOn(console, 'log').mockImplementation(() => {});
});

describe('messenger:setup-profile', () => {
  it('sets Get Started, greeting, persistent menu and ice breakers in vi (default) and en', async () => {
    await command('messenger:setup-profile').run(env, {});
    const calls = graph.calls();
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['POST /v21.0/me/messenger_profile']);
    const body = calls[0]!.body as Record<string, any>;

    expect(body.get_started).toEqual({ payload: 'GET_STARTED' });
    expect(body.persistent_menu.map((m: { locale: string }) => m.locale)).toEqual(['default', 'en_US', 'en_GB']);
    expect(body.persistent_menu[0]).toEqual({
      locale: 'default',
      composer_input_disabled: false,
      call_to_actions: [
        { type: 'postback', title: 'Đăng ký gia nhập Công đoàn', payload: 'flow:registration' },
        { type: 'postback', title: 'Tra cứu hồ sơ', payload: 'flow:registration-status' },
        { type: 'postback', title: 'Gặp cán bộ công đoàn', payload: 'cmd:human' },
      ],
    });
    expect(body.persistent_menu[1].call_to_actions.map((a: { title: string }) => a.title)).toEqual(['Join the Trade Union', 'Check my application', 'Talk to a union officer']);

    expect(body.ice_breakers[0]).toEqual({
      locale: 'default',
      call_to_actions: [
        { question: 'Tôi muốn gia nhập Công đoàn thì làm thế nào?', payload: 'flow:registration' },
        { question: 'Hồ sơ đăng ký của tôi đã được duyệt chưa?', payload: 'flow:registration-status' },
        { question: 'Tôi muốn nói chuyện với cán bộ công đoàn.', payload: 'cmd:human' },
        { question: 'Trợ lý Công đoàn có thể giúp tôi những gì?', payload: 'cmd:menu' },
      ],
    });
    expect(body.ice_breakers).toHaveLength(3);
    expect(body.greeting[0]).toEqual({ locale: 'default', text: expect.stringMatching(/^Chào \{\{user_first_name\}\}!/) });
    expect(body.greeting[1]).toEqual({ locale: 'en_US', text: expect.stringMatching(/^Hi \{\{user_first_name\}\}!/) });
  });

  it('prints the body without calling Meta on --dry-run, even unconfigured', async () => {
    await command('messenger:setup-profile').run({}, { dryRun: true });
    expect(graph.calls()).toEqual([]);
    expect(JSON.parse(vi.mocked(console.log).mock.calls[0]![0] as string)).toHaveProperty('get_started.payload', 'GET_STARTED');
  });

  it('explains a rejected token', async () => {
    await expect(command('messenger:setup-profile').run({ ...env, MESSENGER_PAGE_ACCESS_TOKEN: 'EAArevokedToken0000000000' }, {})).rejects.toThrow(
      /Graph error 190.*MESSENGER_PAGE_ACCESS_TOKEN/,
    );
  });

  it('keeps the locale texts within Messenger\'s limits and in NFC', () => {
    const texts = loadProfileTexts();
    for (const t of Object.values(texts)) {
      for (const s of [t.greeting, ...Object.values(t.menu), ...Object.values(t.ice_breakers)]) expect(s).toBe(s.normalize('NFC'));
    }
  });
});

describe('messenger:subscribe', () => {
  it('subscribes the app to the fields the adapter reads', async () => {
    await command('messenger:subscribe').run(env, {});
    expect(graph.calls().map((c) => [`${c.method} ${c.path}`, c.body])).toEqual([
      [
        `POST /v21.0/${TEST_PAGE_ID}/subscribed_apps`,
        { subscribed_fields: 'messages,messaging_postbacks,messaging_referrals,message_echoes,message_deliveries,message_reads' },
      ],
    ]);
  });

  it('needs the channel configured', async () => {
    await expect(command('messenger:subscribe').run({}, {})).rejects.toThrow(ConfigError);
  });
});
