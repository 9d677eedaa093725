import { describe, expect, it } from 'vitest';
import { createKeyring } from './crypto.ts';

const secret = 'x'.repeat(40);

describe('keyring', () => {
  it('seals with a fresh IV and opens back', () => {
    const k = createKeyring(secret);
    const a = k.seal('001203012345');
    const b = k.seal('001203012345');
    expect(a).not.toEqual(b);
    expect(a).not.toContain('001203012345');
    expect(k.open(a)).toBe('001203012345');
  });

  it('rejects a tampered ciphertext and a different key', () => {
    const k = createKeyring(secret);
    const sealed = k.seal('+84912345678');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => k.open(parts.join('.'))).toThrow();
    expect(() => createKeyring('y'.repeat(40)).open(sealed)).toThrow();
  });

  it('hashes deterministically per kind and key', () => {
    const k = createKeyring(secret);
    expect(k.lookupHash('cccd', '001203012345')).toBe(k.lookupHash('cccd', '001203012345'));
    expect(k.lookupHash('cccd', '0912345678')).not.toBe(k.lookupHash('phone', '0912345678'));
    expect(createKeyring('z'.repeat(40)).lookupHash('cccd', '001203012345')).not.toBe(k.lookupHash('cccd', '001203012345'));
  });

  it('signs and verifies', () => {
    const k = createKeyring(secret);
    const sig = k.sign('conv-1|user-1');
    expect(k.verify('conv-1|user-1', sig)).toBe(true);
    expect(k.verify('conv-1|user-2', sig)).toBe(false);
    expect(() => createKeyring('short')).toThrow(/APP_SECRET/);
  });
});
