import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { normalizePhone, toInboundEvents } from './inbound.ts';
import { parseJsonKeepingIds } from './json.ts';
import { fixture, TEST_APP_ID, TEST_OA_ID, TEST_USER_ID } from './testing/sign.ts';

const OA = TEST_OA_ID;
const U = TEST_USER_ID;
const parse = (name: string) => toInboundEvents(parseJsonKeepingIds(fixture(name)));
const events = (name: string) => {
  const r = parse(name);
  if (r.status !== 'events') throw new Error(`${name}: ${r.status}`);
  expect(r.oaId).toBe(OA);
  return r.events;
};
const worker = { channel: 'zalo', accountId: OA, platformUserId: U, conversationExternalId: U };

describe('Zalo events → InboundEvent (documented samples)', () => {
  it('user_send_text: text, msg_id dedupe key, body timestamp', () => {
    expect(events('user_send_text')).toEqual([
      {
        ...worker,
        kind: 'text',
        text: 'Xin chào',
        platformMessageId: '5f1c0a3e9b2d4c7a8e6f1b2c3d4e5f60',
        dedupeKey: `zalo:${OA}:5f1c0a3e9b2d4c7a8e6f1b2c3d4e5f60`,
        occurredAt: 1677721200000,
      },
    ]);
  });

  it('image with caption, file with name and size, sticker, link: media with attachments', () => {
    expect(events('user_send_image')[0]).toMatchObject({
      ...worker,
      kind: 'media',
      text: 'Bảng lương tháng 5',
      attachments: [{ type: 'image', url: 'https://photo-stal-zl.zadn.vn/jpg/zalo-image-bang-luong.jpg' }],
    });
    expect(events('user_send_file')[0]!.attachments).toEqual([
      { type: 'file', url: 'https://f1.zadn.vn/files/hop-dong-lao-dong.pdf', name: 'hop-dong-lao-dong.pdf', size: 102400 },
    ]);
    expect(events('user_send_sticker')[0]).toMatchObject({ kind: 'media', attachments: [{ type: 'sticker' }] });
    expect(events('user_send_link')[0]).toMatchObject({
      kind: 'media',
      text: 'https://congdoan.vn/tin-tuc/luat-cong-doan-2024',
      attachments: [{ type: 'link', url: 'https://congdoan.vn/tin-tuc/luat-cong-doan-2024' }],
    });
  });

  it('location from payload.coordinates (strings → numbers)', () => {
    expect(events('user_send_location')[0]).toMatchObject({ ...worker, kind: 'location', location: { lat: 10.762622, lng: 106.660172 } });
  });

  it('follow opens the conversation (start), unfollow is recorded; key hashed from app_id+event+user+timestamp', () => {
    const [follow] = events('follow');
    const hash = createHash('sha256').update(`${TEST_APP_ID}follow${U}1718000000000`).digest('hex');
    expect(follow).toEqual({ ...worker, kind: 'start', dedupeKey: `zalo:${OA}:${hash}`, occurredAt: 1718000000000 });
    expect(events('unfollow')[0]).toMatchObject({ ...worker, kind: 'unfollow' });
    expect(events('unfollow')[0]!.dedupeKey).not.toBe(follow!.dedupeKey);
  });

  it('user_submit_info: a contact with the phone in E.164, ready for the registration phone step', () => {
    const [e] = events('user_submit_info');
    expect(e).toMatchObject({ ...worker, kind: 'contact', contact: { phone: '+84901234567' } });
    expect(e!.dedupeKey).toMatch(new RegExp(`^zalo:${OA}:[0-9a-f]{64}$`));
    // the form submitted without a phone: still a contact, the step asks again
    const noPhone = toInboundEvents({ app_id: TEST_APP_ID, event_name: 'user_submit_info', timestamp: '1718000400000', sender: { id: U }, recipient: { id: OA }, info: { name: 'A' } });
    expect(noPhone).toMatchObject({ status: 'events', events: [{ kind: 'contact' }] });
    expect((noPhone as { events: object[] }).events[0]).not.toHaveProperty('contact');
  });

  it('oa_send_* is an echo of the OA to the worker (recipient.id), keyed by its msg_id', () => {
    expect(events('oa_send_text')).toEqual([
      {
        ...worker,
        kind: 'echo',
        text: 'Chào bạn, Công đoàn có thể giúp gì cho bạn?',
        platformMessageId: 'bf7c6a9e5b8d0c3a4e2f71829304a5b6',
        dedupeKey: `zalo:${OA}:bf7c6a9e5b8d0c3a4e2f71829304a5b6`,
        occurredAt: 1677721500000,
      },
    ]);
  });

  it('receipts: delivery and one read per msg_id, keys distinct from the echo of the same message', () => {
    const [delivery] = events('user_received_message');
    expect(delivery).toMatchObject({ ...worker, kind: 'delivery', platformMessageId: 'bf7c6a9e5b8d0c3a4e2f71829304a5b6' });
    const reads = events('user_seen_message');
    expect(reads.map((e) => [e.kind, e.platformMessageId])).toEqual([
      ['read', 'bf7c6a9e5b8d0c3a4e2f71829304a5b6'],
      ['read', 'c08d7bafc69e1d4b5f3a829304a5b6c7'],
    ]);
    const keys = new Set([events('oa_send_text')[0]!.dedupeKey, delivery!.dedupeKey, ...reads.map((e) => e.dedupeKey)]);
    expect(keys.size).toBe(4);
  });

  it('an unknown event is ignored, not an error', () => {
    expect(parse('user_reacted_message')).toEqual({ status: 'ignored', eventName: 'user_reacted_message' });
  });

  it('bare 19-digit numeric ids stay exact', () => {
    const raw = `{"app_id":${TEST_APP_ID},"event_name":"user_send_text","timestamp":1677721200000,"sender":{"id":${U}},"recipient":{"id":${OA}},"message":{"msg_id":"x1","text":"hi"}}`;
    expect(toInboundEvents(parseJsonKeepingIds(raw))).toMatchObject({ status: 'events', oaId: OA, events: [{ platformUserId: U, occurredAt: 1677721200000 }] });
  });

  it('a known event with a broken shape is invalid', () => {
    const bad = (b: object) => toInboundEvents({ app_id: TEST_APP_ID, timestamp: '1677721200000', ...b });
    expect(bad({ event_name: 'user_send_text', sender: { id: U }, recipient: { id: OA }, message: { text: 'no id' } }).status).toBe('invalid');
    expect(bad({ event_name: 'user_send_location', sender: { id: U }, recipient: { id: OA }, message: { msg_id: 'm', attachments: [] } }).status).toBe('invalid');
    expect(bad({ event_name: 'follow' }).status).toBe('invalid');
    expect(toInboundEvents({ event_name: 'user_send_text' }).status).toBe('invalid');
  });

  it('normalizes Zalo phones to E.164 and leaves others as given', () => {
    expect(normalizePhone('84901234567')).toBe('+84901234567');
    expect(normalizePhone('+84 90 123 4567')).toBe('+84901234567');
    expect(normalizePhone('0901234567')).toBe('0901234567');
  });
});
