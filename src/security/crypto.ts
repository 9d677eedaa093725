import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Personal data at rest (CCCD, phone, date of birth) is sealed with AES-256-GCM; lookups use a
 * keyed hash (HMAC-SHA256) so equality can be tested without decrypting and a stolen table
 * cannot be reversed by hashing all 10^12 CCCD numbers. Both keys, and the token-signing key,
 * are derived from one master secret with HKDF so an operator manages a single value.
 */
export interface Keyring {
  seal(plain: string): string;
  open(sealed: string): string;
  lookupHash(kind: string, normalized: string): string;
  sign(payload: string): string;
  verify(payload: string, signature: string): boolean;
}

const VERSION = 'v1';

export function createKeyring(masterSecret: string): Keyring {
  if (masterSecret.length < 32) throw new Error('APP_SECRET must be at least 32 characters');
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', masterSecret, 'union-assistant', info, 32));
  const encKey = derive('pii-encryption');
  const hashKey = derive('pii-lookup-hash');
  const signKey = derive('token-signing');

  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
    },
    open(sealed) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('unknown ciphertext format');
      const decipher = createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
    lookupHash(kind, normalized) {
      // The kind is part of the input so a phone and a CCCD with the same digits never collide.
      return createHmac('sha256', hashKey).update(`${kind}:${normalized}`).digest('hex');
    },
    sign(payload) {
      return createHmac('sha256', signKey).update(payload).digest('base64url');
    },
    verify(payload, signature) {
      const expected = Buffer.from(this.sign(payload));
      const given = Buffer.from(signature);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
  };
}
