import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WebhookRequest } from '../../../src/channels/contract.ts';
import { WEBHOOK_PATH } from '../routes.ts';
import { signBody } from '../signature.ts';

export const TEST_PAGE_ID = '682498171943165';
export const TEST_APP_SECRET = 'test-app-secret-0123456789abcdef';
export const TEST_VERIFY_TOKEN = 'test-verify-token';
export const TEST_PAGE_TOKEN = 'EAAtestPageAccessToken0123456789';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/**
 * JSON as Meta transmits it: compact, non-ASCII as lower-case \uXXXX, slashes escaped. Signing
 * this exact form proves the adapter checks the raw bytes and not a re-serialization.
 */
export function metaJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function fixture(name: string): unknown {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8'));
}

export function fixtureNames(): string[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** A POST to the webhook, signed with the secret given (the test app's by default). */
export function signedPost(body: unknown, secret = TEST_APP_SECRET): WebhookRequest {
  const raw = typeof body === 'string' ? body : metaJson(body);
  return {
    method: 'POST',
    url: WEBHOOK_PATH,
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(raw, secret) },
    body: raw,
  };
}

export function verifyGet(params: Record<string, string>): WebhookRequest {
  return { method: 'GET', url: `${WEBHOOK_PATH}?${new URLSearchParams(params).toString()}`, headers: {} };
}

/** One messaging item from a worker, wrapped in the page envelope. */
export function pageEnvelope(items: unknown[], pageId = TEST_PAGE_ID, time = Date.now()) {
  return { object: 'page', entry: [{ id: pageId, time, messaging: items }] };
}

/** What Messenger sends when a worker types, taps a quick reply or shares their number. */
export function workerMessage(psid: string, input: { text?: string; choiceKey?: string; phone?: string }, mid: string, timestamp: number, pageId = TEST_PAGE_ID) {
  const message = input.phone
    ? { mid, text: input.phone, quick_reply: { payload: input.phone } }
    : input.choiceKey !== undefined
      ? { mid, text: input.text ?? input.choiceKey, quick_reply: { payload: input.choiceKey } }
      : { mid, text: input.text ?? '' };
  return pageEnvelope([{ sender: { id: psid }, recipient: { id: pageId }, timestamp, message }], pageId, timestamp);
}

/** A worker sending photos or files: Messenger gives only each attachment's type and CDN link. */
export function workerAttachments(psid: string, attachments: Array<{ type: 'image' | 'file' | 'video' | 'audio'; url: string }>, mid: string, timestamp: number, pageId = TEST_PAGE_ID) {
  const message = { mid, attachments: attachments.map((a) => ({ type: a.type, payload: { url: a.url } })) };
  return pageEnvelope([{ sender: { id: psid }, recipient: { id: pageId }, timestamp, message }], pageId, timestamp);
}
