import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Keyring } from '../security/crypto.ts';

/**
 * Envelope encryption of evidence bytes: each blob gets its own random AES-256-GCM key, and only
 * that key is sealed by the keyring (whose seal() takes text). A file never passes through a
 * base64 string of 13 MB, and rotating APP_SECRET re-seals 44-byte keys, not the files.
 */
export function sealBytes(keyring: Keyring, plain: Buffer): { data: Buffer; keyEnc: string } {
  const key = randomBytes(32);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { data: Buffer.concat([iv, cipher.getAuthTag(), body]), keyEnc: keyring.seal(key.toString('base64')) };
}

/** The plain bytes; throws when the data or its key was tampered with (GCM tag). */
export function openBytes(keyring: Keyring, data: Uint8Array, keyEnc: string): Buffer {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const key = Buffer.from(keyring.open(keyEnc), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12));
  decipher.setAuthTag(buf.subarray(12, 28));
  return Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]);
}
