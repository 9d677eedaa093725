import { readFileSync } from 'node:fs';
import type { WebhookRequest } from '../../../src/channels/contract.ts';
import { WEBHOOK_PATH } from '../routes.ts';
import { zaloMac } from '../signature.ts';

export const TEST_APP_ID = '3482178216594085616';
export const TEST_OA_ID = '579745863508352884';
export const TEST_USER_ID = '2468458835296197922';
export const TEST_OA_SECRET = 'test-oa-secret-key-0123456789';
export const TEST_APP_SECRET = 'test-app-secret-9876543210';

/** A fixture's raw text, exactly as stored (the MAC covers these bytes, spacing included). */
export function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/${name}.json`, import.meta.url), 'utf8');
}

/** The same bytes with the body timestamp moved to `ms` (samples are years old; the webhook refuses stale events). */
export function withTimestamp(raw: string, ms: number): string {
  const out = raw.replace(/("timestamp"\s*:\s*)"?\d+"?/, `$1"${ms}"`);
  if (out === raw && !raw.includes(`"${ms}"`)) throw new Error('sample has no timestamp');
  return out;
}

/** Signs like Zalo: mac over app_id + body + timestamp + OA secret, both read from the body. */
export function signed(raw: string, secret = TEST_OA_SECRET, extraHeaders: Record<string, string> = {}): WebhookRequest {
  const body = JSON.parse(raw) as { app_id: string; timestamp: string };
  const mac = zaloMac(String(body.app_id), Buffer.from(raw, 'utf8'), String(body.timestamp), secret);
  return {
    method: 'POST',
    url: WEBHOOK_PATH,
    headers: { 'content-type': 'application/json', 'x-zevent-signature': `mac=${mac}`, ...extraHeaders },
    body: raw,
  };
}
