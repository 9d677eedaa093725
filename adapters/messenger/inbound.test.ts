import { describe, expect, it } from 'vitest';
import { FIXTURE_EVENTS } from './contract.ts';
import { Envelope, toInboundEvents } from './inbound.ts';
import { fixture, fixtureNames, pageEnvelope, TEST_PAGE_ID } from './testing/webhook.ts';

const NOW = Date.UTC(2026, 10, 22);
const parse = (body: unknown) => toInboundEvents(Envelope.parse(body), NOW);
const PSID = '1254459154682919';
const from = (item: Record<string, unknown>) => pageEnvelope([{ sender: { id: PSID }, recipient: { id: TEST_PAGE_ID }, timestamp: 1700000000000, ...item }]);

describe('documented samples -> InboundEvent', () => {
  it('has an expectation for every fixture file', () => {
    expect(Object.keys(FIXTURE_EVENTS).sort()).toEqual(fixtureNames());
  });

  it.each(Object.entries(FIXTURE_EVENTS))('%s', (name, expected) => {
    const { events } = parse(fixture(name));
    expect(events).toHaveLength(expected.length);
    events.forEach((e, i) => expect(e).toMatchObject(expected[i]!));
    for (const e of events) {
      expect(e.dedupeKey).toMatch(new RegExp(`^fb:${TEST_PAGE_ID}:`));
      expect(e.accountId).toBe(TEST_PAGE_ID);
    }
  });

  it('addresses an echo to the worker it was sent to, not to the Page', () => {
    const [echo] = parse(fixture('echo')).events;
    expect(echo).toMatchObject({ kind: 'echo', platformUserId: PSID, conversationExternalId: PSID });
  });

  it('reports what it did not record', () => {
    expect(parse(fixture('reaction')).skipped).toEqual([{ pageId: TEST_PAGE_ID, reason: 'event kind not recorded' }]);
    // standby items belong to the thread's owner (Page Inbox): not even looked at
    expect(parse(fixture('standby'))).toEqual({ events: [], skipped: [] });
  });
});

describe('dedupe keys', () => {
  it('uses postback.mid when Meta sends one, else a hash of sender, time and payload', () => {
    const withMid = parse(from({ postback: { mid: 'm_pb_1', title: 'Tra cứu hồ sơ', payload: 'flow:registration-status' } })).events[0]!;
    expect(withMid.dedupeKey).toBe(`fb:${TEST_PAGE_ID}:m_pb_1`);
    const a = parse(from({ postback: { title: 'Tra cứu hồ sơ', payload: 'flow:registration-status' } })).events[0]!;
    const again = parse(from({ postback: { title: 'Tra cứu hồ sơ', payload: 'flow:registration-status' } })).events[0]!;
    const other = parse(from({ postback: { title: 'Gặp cán bộ', payload: 'cmd:human' } })).events[0]!;
    expect(a.dedupeKey).toMatch(new RegExp(`^fb:${TEST_PAGE_ID}:pb:[0-9a-f]{32}$`));
    expect(again.dedupeKey).toBe(a.dedupeKey);
    expect(other.dedupeKey).not.toBe(a.dedupeKey);
  });

  it('keys receipts by watermark, so a retried receipt is a duplicate and a new one is not', () => {
    const read = (watermark: number) => parse(from({ read: { watermark } })).events[0]!.dedupeKey;
    expect(read(1)).toBe(read(1));
    expect(read(1)).not.toBe(read(2));
  });
});

describe('normalization details', () => {
  it('treats a bare Get Started postback as start without a key', () => {
    expect(parse(from({ postback: { title: 'Get Started', payload: 'GET_STARTED' } })).events[0]).toMatchObject({ kind: 'start' });
    expect(parse(from({ postback: { title: 'Get Started', payload: 'GET_STARTED' } })).events[0]).not.toHaveProperty('choiceKey');
  });

  it('reads second timestamps as seconds and string ids as strings', () => {
    const [e] = parse(from({ timestamp: '1527459824', message: { mid: 'm_1', text: 'chào' } })).events;
    expect(e!.occurredAt).toBe(1527459824000);
  });

  it('tells a shared phone number from a choice key', () => {
    const qr = (payload: string | number) => parse(from({ message: { mid: `m_${payload}`, text: 'x', quick_reply: { payload } } })).events[0];
    expect(qr('+84912345678')).toMatchObject({ kind: 'contact', contact: { phone: '+84912345678' } });
    expect(qr(84912345678)).toMatchObject({ kind: 'contact', contact: { phone: '84912345678' } });
    expect(qr('unit:4f1c2a9e')).toMatchObject({ kind: 'choice', choiceKey: 'unit:4f1c2a9e' });
    expect(qr('2')).toMatchObject({ kind: 'choice', choiceKey: '2' });
  });

  it('keeps the text typed with an attachment and turns a shared link into a link', () => {
    const [e] = parse(
      from({ message: { mid: 'm_l', text: 'xem giúp em', attachments: [{ type: 'fallback', title: 'Luật Công đoàn 2024', url: 'https://thuvienphapluat.vn/luat-cong-doan', payload: null }] } }),
    ).events;
    expect(e).toMatchObject({ kind: 'media', text: 'xem giúp em', attachments: [{ type: 'link', url: 'https://thuvienphapluat.vn/luat-cong-doan', name: 'Luật Công đoàn 2024' }] });
  });

  it('skips one malformed item and keeps the rest of the batch', () => {
    const body = pageEnvelope([
      { sender: {}, recipient: { id: TEST_PAGE_ID }, timestamp: 1, message: { mid: 'm_a', text: 'a' } },
      { sender: { id: PSID }, recipient: { id: TEST_PAGE_ID }, timestamp: 2, message: { text: 'no mid' } },
      { sender: { id: PSID }, recipient: { id: TEST_PAGE_ID }, timestamp: 3, message: { mid: 'm_c', text: 'c' } },
    ]);
    const { events, skipped } = parse(body);
    expect(events.map((e) => e.text)).toEqual(['c']);
    expect(skipped).toHaveLength(2);
  });

  it('does not guess what another app\'s postback meant', () => {
    expect(parse(from({ postback: { mid: 'm_x', title: 'Đặt hàng' } })).events).toEqual([]);
  });
});
