import { createHash, timingSafeEqual } from 'node:crypto';

export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

export type SecretCheck = 'ok' | 'missing' | 'wrong';

/**
 * Telegram does not sign the body; it sends back the secret_token given to setWebhook in a
 * header. Hashing both sides first makes the comparison constant-time whatever the lengths.
 */
export function checkSecret(header: string | string[] | undefined, secret: string): SecretCheck {
  if (typeof header !== 'string' || header.length === 0) return 'missing';
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(header), digest(secret)) ? 'ok' : 'wrong';
}
