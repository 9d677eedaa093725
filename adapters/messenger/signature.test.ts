import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signBody, verifySignature } from './signature.ts';

const SECRET = 'test-app-secret-0123456789abcdef';
// Meta signs escaped-unicode JSON: these are the bytes on the wire for {"text":"Công đoàn"}.
const RAW = Buffer.from('{"text":"C\\u00f4ng \\u0111o\\u00e0n"}');

describe('X-Hub-Signature-256', () => {
  it('accepts HMAC-SHA256 of the raw bytes with the app secret', () => {
    const header = `sha256=${createHmac('sha256', SECRET).update(RAW).digest('hex')}`;
    expect(signBody(RAW, SECRET)).toBe(header);
    expect(verifySignature(RAW, header, SECRET)).toBe(true);
    expect(verifySignature(RAW, header.toUpperCase().replace('SHA256=', 'sha256='), SECRET)).toBe(true);
  });

  it('rejects the same JSON re-serialized (the signature covers bytes, not meaning)', () => {
    const reserialized = Buffer.from(JSON.stringify(JSON.parse(RAW.toString())));
    expect(reserialized.equals(RAW)).toBe(false);
    expect(verifySignature(reserialized, signBody(RAW, SECRET), SECRET)).toBe(false);
  });

  it.each([
    ['missing header', undefined],
    ['empty header', ''],
    ['legacy sha1 scheme', `sha1=${createHmac('sha1', SECRET).update(RAW).digest('hex')}`],
    ['another secret', signBody(RAW, 'another-secret-000000000000')],
    ['truncated digest', signBody(RAW, SECRET).slice(0, -2)],
    ['not hex', `sha256=${'z'.repeat(64)}`],
  ])('rejects %s', (_name, header) => {
    expect(verifySignature(RAW, header, SECRET)).toBe(false);
  });
});
