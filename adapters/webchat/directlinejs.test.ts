import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { echoBot, startWebchatHarness, type WebchatHarness } from './testing/harness.ts';
import { startDirectLine, type DirectLineSession } from './testing/directline-client.ts';

// Microsoft's botframework-directlinejs, unmodified, against a listening server with an echo bot.
let h: WebchatHarness;
const sessions: DirectLineSession[] = [];

beforeAll(async () => {
  h = await startWebchatHarness({ listen: true, bot: echoBot });
});
afterAll(async () => {
  for (const s of sessions) s.end();
  await h?.close();
  expect(h.serverErrors).toEqual([]);
});

async function open(webSocket: boolean, token?: string) {
  const s = await startDirectLine(h.baseUrl, { webSocket, ...(token ? { token } : {}) });
  sessions.push(s);
  return s;
}

describe.each([
  ['WebSocket stream', true],
  ['polling', false],
])('botframework-directlinejs over %s', (_name, webSocket) => {
  it('greets on join, echoes each message with its clientActivityID before the reply, in order', async () => {
    const s = await open(webSocket);
    await s.postEvent('webchat/join');
    expect(await s.nextBotTexts(1)).toEqual(['Xin chào! Tôi là Trợ lý Công đoàn.']);

    const id1 = await s.send('xin chào', 'client-1');
    const id2 = await s.send('tôi muốn hỏi về bảo hiểm', 'client-2');
    expect(id1).toMatch(new RegExp(`^${s.conversationId}\\|`));
    expect(await s.nextBotTexts(2)).toEqual(['echo: xin chào', 'echo: tôi muốn hỏi về bảo hiểm']);

    const messages = s.activities.filter((a) => a.type === 'message');
    expect(messages.map((a) => [a.from.role, 'text' in a ? a.text : undefined])).toEqual([
      ['bot', 'Xin chào! Tôi là Trợ lý Công đoàn.'],
      ['user', 'xin chào'],
      ['bot', 'echo: xin chào'],
      ['user', 'tôi muốn hỏi về bảo hiểm'],
      ['bot', 'echo: tôi muốn hỏi về bảo hiểm'],
    ]);
    const echo1 = messages[1]!;
    expect(echo1).toMatchObject({ id: id1, from: { id: s.userId, role: 'user' }, channelData: { clientActivityID: 'client-1' } });
    expect(messages[2]).toMatchObject({ replyToId: id1 });
    expect(messages[3]).toMatchObject({ id: id2, channelData: { clientActivityID: 'client-2' } });
    // each activity exactly once, despite notifier pushes and the safety-net poll
    expect(new Set(s.activities.map((a) => a.id)).size).toBe(s.activities.length);
    const base = `/directline/conversations/${s.conversationId}`;
    expect(h.requests.includes(`GET ${base}/stream`)).toBe(webSocket);
    expect(h.requests.includes(`GET ${base}/activities`)).toBe(!webSocket);
  });

  it('a tap on a suggested action reaches the bot as a choice', async () => {
    const s = await open(webSocket);
    await s.tap('register', 'Đăng ký đoàn viên');
    expect(await s.nextBotTexts(1)).toEqual(['Bạn đã chọn: register']);
  });
});

it('a second client with the same token resumes the conversation with its history', async () => {
  const first = await open(true);
  await first.send('lần đầu');
  await first.nextBotTexts(1);
  first.end();

  const again = await open(true, first.token);
  expect(again.conversationId).toBe(first.conversationId);
  const history = await again.waitFor((_a, all) => all.filter((x) => x.type === 'message').length >= 2);
  expect(history).toBeTruthy();
  expect(again.activities.map((a) => ('text' in a ? a.text : a.type))).toEqual(['lần đầu', 'echo: lần đầu']);
});
