import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-hub-signature-256';

/** `sha256=<hex>` over the exact bytes, as Meta computes it (and as the fake platform does in tests). */
export function signBody(raw: Buffer | string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`;
}

/**
 * Meta signs the body as transmitted (escaped-unicode JSON), so the check runs on the raw bytes,
 * never on re-serialized JSON (platforms.md 2.2). Only the SHA-256 header is accepted: the legacy
 * `X-Hub-Signature` (SHA-1) is sent alongside but would be the weaker of the two to trust.
 */
export function verifySignature(raw: Buffer, header: string | undefined, appSecret: string): boolean {
  if (!header?.startsWith('sha256=')) return false;
  const expected = Buffer.from(signBody(raw, appSecret));
  const got = Buffer.from(header.trim().toLowerCase());
  return got.length === expected.length && timingSafeEqual(got, expected);
}
