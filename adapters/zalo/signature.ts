import { createHash, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-zevent-signature';

/**
 * Zalo's webhook MAC (platforms.md §1.4.2): plain SHA-256 (not HMAC) of app_id + raw body +
 * timestamp + OA secret key, hex, sent as `mac=<hex>`. Hashed over the request bytes as they
 * arrived: re-serialized JSON would change key order, spacing and escapes.
 */
export function zaloMac(appId: string, rawBody: Buffer, timestamp: string, oaSecretKey: string): string {
  return createHash('sha256').update(appId, 'utf8').update(rawBody).update(timestamp, 'utf8').update(oaSecretKey, 'utf8').digest('hex');
}

/** Timing-safe; the `mac=` prefix is optional and the hex case is ignored. */
export function verifyZaloSignature(header: string | undefined, appId: string, rawBody: Buffer, timestamp: string, oaSecretKey: string): boolean {
  if (!header) return false;
  const got = Buffer.from(header.trim().replace(/^mac=/i, '').toLowerCase(), 'utf8');
  const expected = Buffer.from(zaloMac(appId, rawBody, timestamp, oaSecretKey), 'utf8');
  return got.length === expected.length && timingSafeEqual(got, expected);
}
