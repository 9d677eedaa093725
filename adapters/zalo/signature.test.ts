import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseJsonKeepingIds } from './json.ts';
import { verifyZaloSignature, zaloMac } from './signature.ts';
import { fixture, signed, TEST_APP_ID, TEST_OA_SECRET } from './testing/sign.ts';

// The §1.4.3 envelope with a Vietnamese text, and its MAC computed outside Node:
//   printf '%s' "<app_id><body><timestamp><secret>" | sha256sum
const BODY =
  '{"app_id":"3482178216594085616","event_name":"user_send_text","timestamp":"1677721200000","sender":{"id":"2468458835296197922"},"recipient":{"id":"579745863508352884"},"message":{"msg_id":"m1","text":"Xin chào"}}';
const KNOWN_MAC = '1757fa6496c1889b9a52fbd256659231257a242c125d340cec8c83e575bb76f9';

describe('X-ZEvent-Signature', () => {
  it('is sha256(app_id + raw body + timestamp + OA secret), hex (known answer)', () => {
    expect(zaloMac(TEST_APP_ID, Buffer.from(BODY, 'utf8'), '1677721200000', TEST_OA_SECRET)).toBe(KNOWN_MAC);
  });

  it('accepts the header with or without mac=, in any case', () => {
    const raw = Buffer.from(BODY, 'utf8');
    for (const h of [`mac=${KNOWN_MAC}`, KNOWN_MAC, `MAC=${KNOWN_MAC.toUpperCase()}`, ` mac=${KNOWN_MAC} `]) {
      expect(verifyZaloSignature(h, TEST_APP_ID, raw, '1677721200000', TEST_OA_SECRET)).toBe(true);
    }
  });

  it('refuses a changed byte, another timestamp, another secret, HMAC, or nothing', () => {
    const raw = Buffer.from(BODY, 'utf8');
    const ok = `mac=${KNOWN_MAC}`;
    expect(verifyZaloSignature(ok, TEST_APP_ID, Buffer.from(BODY.replace('chào', 'chao')), '1677721200000', TEST_OA_SECRET)).toBe(false);
    expect(verifyZaloSignature(ok, TEST_APP_ID, raw, '1677721200001', TEST_OA_SECRET)).toBe(false);
    expect(verifyZaloSignature(ok, TEST_APP_ID, raw, '1677721200000', 'the-app-secret-not-the-oa-one')).toBe(false);
    const hmac = createHmac('sha256', TEST_OA_SECRET).update(TEST_APP_ID + BODY + '1677721200000').digest('hex');
    expect(verifyZaloSignature(`mac=${hmac}`, TEST_APP_ID, raw, '1677721200000', TEST_OA_SECRET)).toBe(false);
    expect(verifyZaloSignature(undefined, TEST_APP_ID, raw, '1677721200000', TEST_OA_SECRET)).toBe(false);
    expect(verifyZaloSignature('mac=abc', TEST_APP_ID, raw, '1677721200000', TEST_OA_SECRET)).toBe(false);
  });

  it('covers the bytes as sent: a pretty-printed documented sample verifies only unchanged', () => {
    const raw = fixture('user_send_image');
    const req = signed(raw);
    const expected = createHash('sha256').update(`${TEST_APP_ID}${raw}1677721260000${TEST_OA_SECRET}`, 'utf8').digest('hex');
    expect(req.headers['x-zevent-signature']).toBe(`mac=${expected}`);
    const reserialized = JSON.stringify(JSON.parse(raw));
    expect(verifyZaloSignature(req.headers['x-zevent-signature'], TEST_APP_ID, Buffer.from(reserialized), '1677721260000', TEST_OA_SECRET)).toBe(false);
  });
});

describe('parseJsonKeepingIds', () => {
  it('keeps 19-digit bare ids exact and leaves strings and small numbers alone', () => {
    const v = parseJsonKeepingIds('{"a":2468458835296197922,"b":-9007199254740993,"c":"x 1234567890123456789 y","d":42,"e":1.5e3,"f":[579745863508352884]}') as any;
    expect(v).toEqual({ a: '2468458835296197922', b: '-9007199254740993', c: 'x 1234567890123456789 y', d: 42, e: 1500, f: ['579745863508352884'] });
    expect(parseJsonKeepingIds('{"t":"a\\"b:1234567890123456789"}')).toEqual({ t: 'a"b:1234567890123456789' });
  });

  it('throws on malformed JSON like JSON.parse', () => {
    expect(() => parseJsonKeepingIds('{"a":')).toThrow(SyntaxError);
  });
});
