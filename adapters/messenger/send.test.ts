import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../src/core/model.ts';
import { sendCalls, seenBubbles } from './testing/seen.ts';
import { startHarness, WORKER, type MessengerHarness } from './testing/harness.ts';

const HOUR = 3_600_000;
let h: MessengerHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => h.graph.reset());

const bodies = () => sendCalls(h.graph.calls()).map((c) => c.body as Record<string, any>);
const lastInbound = (hoursAgo: number) => ({ window: { lastInboundAt: h.clock.now - hoursAgo * HOUR, sentSinceInbound: 3 } });
const hello: OutboundMessage = { kind: 'text', text: 'Xin chào! Tôi là Trợ lý Công đoàn.' };

describe('messaging windows', () => {
  it('sends as RESPONSE within 24 h of the worker\'s last message', async () => {
    expect(await h.send(hello, lastInbound(23.9))).toEqual({ ok: true, platformMessageId: expect.stringMatching(/^m_/) });
    expect(bodies()).toEqual([{ recipient: { id: WORKER }, messaging_type: 'RESPONSE', message: { text: hello.text, metadata: expect.stringMatching(/^outbox:/) } }]);
  });

  it('sends an officer\'s reply between 24 h and 7 days with the HUMAN_AGENT tag', async () => {
    expect(await h.send(hello, { ...lastInbound(24.1), origin: 'officer' })).toMatchObject({ ok: true });
    expect(await h.send(hello, { ...lastInbound(6.9 * 24), origin: 'officer' })).toMatchObject({ ok: true });
    expect(bodies().map((b) => [b.messaging_type, b.tag])).toEqual([
      ['MESSAGE_TAG', 'HUMAN_AGENT'],
      ['MESSAGE_TAG', 'HUMAN_AGENT'],
    ]);
  });

  it('keeps an officer\'s reply inside 24 h as RESPONSE (no tag needed)', async () => {
    await h.send(hello, { ...lastInbound(1), origin: 'officer' });
    expect(bodies()[0]).not.toHaveProperty('tag');
    expect(bodies()[0]!.messaging_type).toBe('RESPONSE');
  });

  it('does not send a bot message after 24 h: a permanent failure an officer can read', async () => {
    const res = await h.send(hello, lastInbound(25));
    expect(res).toEqual({ ok: false, retry: false, reason: expect.stringMatching(/window closed.*25 h ago.*24 h/) });
    expect(h.graph.calls()).toEqual([]);
  });

  it('sends a system notice with its utility tag outside 24 h (ACCOUNT_UPDATE, CONFIRMED_EVENT_UPDATE), as RESPONSE inside', async () => {
    expect(await h.send(hello, { ...lastInbound(72), tag: 'ACCOUNT_UPDATE' })).toMatchObject({ ok: true });
    expect(await h.send(hello, { ...lastInbound(30 * 24), tag: 'CONFIRMED_EVENT_UPDATE' })).toMatchObject({ ok: true });
    expect(await h.send(hello, { ...lastInbound(2), tag: 'ACCOUNT_UPDATE' })).toMatchObject({ ok: true });
    expect(bodies().map((b) => [b.messaging_type, b.tag])).toEqual([
      ['MESSAGE_TAG', 'ACCOUNT_UPDATE'],
      ['MESSAGE_TAG', 'CONFIRMED_EVENT_UPDATE'],
      ['RESPONSE', undefined],
    ]);
    // a tag never opens a chat with someone who never wrote to the Page
    expect(await h.send(hello, { window: { lastInboundAt: null, sentSinceInbound: 0 }, tag: 'ACCOUNT_UPDATE' })).toMatchObject({ ok: false, retry: false });
  });

  it('does not send an officer\'s reply after 7 days', async () => {
    const res = await h.send(hello, { ...lastInbound(7 * 24 + 1), origin: 'officer' });
    expect(res).toEqual({ ok: false, retry: false, reason: expect.stringMatching(/window closed.*7 days/) });
    expect(h.graph.calls()).toEqual([]);
  });

  it('does not message a worker who never wrote', async () => {
    const res = await h.send(hello, { window: { lastInboundAt: null, sentSinceInbound: 0 } });
    expect(res).toMatchObject({ ok: false, retry: false, reason: expect.stringMatching(/never written/) });
  });

  it('leaves the decision to Meta when the caller has no window bookkeeping', async () => {
    expect(await h.send(hello, { window: undefined })).toMatchObject({ ok: true });
    expect(bodies()[0]!.messaging_type).toBe('RESPONSE');
  });

  it('refuses a conversation of another Page before calling Meta', async () => {
    const res = await h.send(hello, { accountId: '100000000000001' });
    expect(res).toMatchObject({ ok: false, retry: false, reason: expect.stringMatching(/Page 100000000000001/) });
    expect(h.graph.calls()).toEqual([]);
  });
});

describe('rendering', () => {
  const choices = (n: number, label = (i: number) => `Lựa chọn ${i + 1}`): OutboundMessage => ({
    kind: 'choices',
    text: 'Bạn chọn gì?',
    choices: Array.from({ length: n }, (_, i) => ({ key: `k${i}`, label: label(i) })),
  });

  it('sends up to 13 choices as quick replies with the keys as payloads', async () => {
    await h.send(choices(13));
    const [body] = bodies();
    expect(body!.message.text).toBe('Bạn chọn gì?');
    expect(body!.message.quick_replies).toHaveLength(13);
    expect(body!.message.quick_replies[0]).toEqual({ content_type: 'text', title: 'Lựa chọn 1', payload: 'k0' });
  });

  it('turns 14 choices into a numbered text', async () => {
    await h.send(choices(14));
    const [body] = bodies();
    expect(body!.message.quick_replies).toBeUndefined();
    expect(body!.message.text.split('\n')).toEqual(['Bạn chọn gì?', ...Array.from({ length: 14 }, (_, i) => `${i + 1}. Lựa chọn ${i + 1}`)]);
  });

  it('turns choices with a 21-character label into a numbered text, but keeps 20', async () => {
    await h.send(choices(2, (i) => (i ? 'x'.repeat(20) : 'Công đoàn cơ sở số 1')));
    expect(bodies()[0]!.message.quick_replies).toHaveLength(2);
    h.graph.reset();
    await h.send(choices(2, (i) => (i ? 'x'.repeat(21) : 'ngắn')));
    expect(bodies()[0]!.message).toEqual({ text: `Bạn chọn gì?\n1. ngắn\n2. ${'x'.repeat(21)}`, metadata: expect.any(String) });
  });

  it('splits a long text into 2000-character bubbles sent in order, quick replies on the last', async () => {
    const text = Array.from({ length: 60 }, (_, i) => `Câu số ${i + 1} nói về quyền lợi của đoàn viên công đoàn theo Luật Công đoàn 2024.`).join(' ');
    const res = await h.send({ kind: 'choices', text, choices: [{ key: 'yes', label: 'Đồng ý' }] });
    const sent = bodies();
    expect(sent.length).toBeGreaterThan(2);
    expect(sent.every((b) => [...b.message.text].length <= 2000)).toBe(true);
    expect(sent.map((b) => b.message.text).join(' ')).toBe(text);
    expect(sent.slice(0, -1).every((b) => b.message.quick_replies === undefined)).toBe(true);
    expect(sent.at(-1)!.message.quick_replies).toEqual([{ content_type: 'text', title: 'Đồng ý', payload: 'yes' }]);
    expect(res).toEqual({ ok: true, platformMessageId: expect.any(String) });
  });

  it('asks for the phone number with the user_phone_number quick reply', async () => {
    await h.send({ kind: 'request_contact', text: 'Số điện thoại của bạn?', buttonLabel: 'Chia sẻ số điện thoại' });
    expect(bodies()[0]!.message).toEqual({ text: 'Số điện thoại của bạn?', quick_replies: [{ content_type: 'user_phone_number' }], metadata: expect.any(String) });
  });

  it('sends cards as a generic template (postback and URL buttons) after the lead text', async () => {
    await h.send({
      kind: 'cards',
      text: 'Các chương trình phúc lợi:',
      cards: [
        { title: 'Tết Sum vầy', subtitle: 'Quà Tết cho đoàn viên khó khăn', imageUrl: 'https://congdoan.vn/tet.png', buttons: [{ label: 'Xem chi tiết', key: 'b:tet' }] },
        { title: 'Mái ấm Công đoàn', buttons: [{ label: 'Mở trang', url: 'https://congdoan.vn' }] },
      ],
    });
    const [lead, tpl] = bodies();
    expect(lead!.message.text).toBe('Các chương trình phúc lợi:');
    expect(tpl!.message.attachment).toEqual({
      type: 'template',
      payload: {
        template_type: 'generic',
        elements: [
          { title: 'Tết Sum vầy', subtitle: 'Quà Tết cho đoàn viên khó khăn', image_url: 'https://congdoan.vn/tet.png', buttons: [{ type: 'postback', title: 'Xem chi tiết', payload: 'b:tet' }] },
          { title: 'Mái ấm Công đoàn', buttons: [{ type: 'web_url', url: 'https://congdoan.vn', title: 'Mở trang' }] },
        ],
      },
    });
  });

  it('sends one card without a picture as a button template', async () => {
    await h.send({ kind: 'cards', cards: [{ title: 'Hồ sơ DK-2026-4F7K9Q', subtitle: 'Đang chờ duyệt', buttons: [{ label: 'Gặp cán bộ', key: 'cmd:human' }] }] });
    expect(bodies()[0]!.message.attachment.payload).toEqual({
      template_type: 'button',
      text: 'Hồ sơ DK-2026-4F7K9Q\nĐang chờ duyệt',
      buttons: [{ type: 'postback', title: 'Gặp cán bộ', payload: 'cmd:human' }],
    });
  });

  it('falls back to a numbered text for a card with more than 3 buttons or more than 10 cards', async () => {
    const buttons = Array.from({ length: 4 }, (_, i) => ({ label: `Nút ${i + 1}`, key: `b${i}` }));
    await h.send({ kind: 'cards', text: 'Chọn:', cards: [{ title: 'Một', buttons }] });
    expect(seenBubbles(h.graph.calls())).toEqual(['Chọn:\n1. Một']);
    h.graph.reset();
    await h.send({ kind: 'cards', cards: Array.from({ length: 11 }, (_, i) => ({ title: `Thẻ ${i + 1}` })) });
    expect(bodies()[0]!.message.text.split('\n')).toHaveLength(11);
  });

  it('cuts titles to Messenger\'s limits with an ellipsis', async () => {
    await h.send({ kind: 'cards', cards: [{ title: 'T'.repeat(100), subtitle: 'S'.repeat(100), imageUrl: 'https://x.vn/a.png', buttons: [{ label: 'Một nút có nhãn rất dài', key: 'k' }] }] });
    const el = bodies()[0]!.message.attachment.payload.elements[0];
    expect([...el.title]).toHaveLength(80);
    expect(el.title.endsWith('…')).toBe(true);
    expect([...el.subtitle]).toHaveLength(80);
    expect(el.buttons[0].title).toBe('Một nút có nhãn rất…');
  });

  it('sends a picture as an attachment, its caption as the next bubble', async () => {
    await h.send({ kind: 'media', mediaType: 'image', url: 'https://example.org/the.png', caption: 'Thẻ đoàn viên' });
    expect(bodies().map((b) => b.message)).toEqual([
      { attachment: { type: 'image', payload: { url: 'https://example.org/the.png', is_reusable: true } }, metadata: expect.any(String) },
      { text: 'Thẻ đoàn viên', metadata: expect.any(String) },
    ]);
    h.graph.reset();
    await h.send({ kind: 'media', mediaType: 'file', url: 'https://example.org/mau-don.pdf', name: 'Mẫu đơn' });
    expect(bodies()[0]!.message.attachment.type).toBe('file');
  });
});

describe('retries of a message of several bubbles', () => {
  const long: OutboundMessage = { kind: 'text', text: Array.from({ length: 3 }, (_, i) => `${String(i + 1).repeat(1500)}.`).join(' ') };

  it('resumes after the bubbles already delivered instead of repeating them', async () => {
    const req = { outboxId: 'resume-1', ...lastInbound(1) };
    await h.send(long, req); // learn what a full send looks like
    const full = seenBubbles(h.graph.calls());
    expect(full).toHaveLength(3);
    h.graph.reset();

    h.graph.failNext('server_error');
    const first = await h.send(long, { outboxId: 'resume-2', ...lastInbound(1) });
    expect(first).toMatchObject({ ok: false, retry: true });
    h.graph.reset();
    // first call failed: nothing went out, the retry sends all three
    expect(await h.send(long, { outboxId: 'resume-2', attempt: 2, ...lastInbound(1) })).toMatchObject({ ok: true });
    expect(seenBubbles(h.graph.calls())).toEqual(full);
  });

  it('does not resend the first bubble when the second failed', async () => {
    h.graph.script('ok', 'rate_limited');
    const failed = await h.send(long, { outboxId: 'resume-3', ...lastInbound(1) });
    expect(failed).toMatchObject({ ok: false, retry: true });
    expect(seenBubbles(h.graph.calls())).toHaveLength(2); // the 1st delivered, the 2nd refused
    const delivered = (sendCalls(h.graph.calls())[0]!.body as any).message.text;
    h.graph.reset();

    expect(await h.send(long, { outboxId: 'resume-3', attempt: 2, ...lastInbound(1) })).toMatchObject({ ok: true });
    const retried = seenBubbles(h.graph.calls());
    expect(retried).toHaveLength(2);
    expect(retried).not.toContain(delivered);
  });

  it('sends one typing indicator per message when asked to, never in the way', async () => {
    const typing = await startHarness({ MESSENGER_TYPING_INDICATOR: 'true' });
    try {
      typing.graph.failNext('server_error'); // a failed typing call does not fail the message
      expect(await typing.send(long)).toMatchObject({ ok: true });
      const calls = sendCalls(typing.graph.calls()).map((c) => c.body as Record<string, any>);
      expect(calls.map((b) => b.sender_action ?? 'message')).toEqual(['typing_on', 'message', 'message', 'message']);
      expect(calls[0]).toEqual({ recipient: { id: WORKER }, sender_action: 'typing_on' });
    } finally {
      await typing.close();
    }
  });
});
