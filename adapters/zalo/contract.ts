import { createHash } from 'node:crypto';
import type { ChannelContract, ContractHarness, PlatformCall, WebhookRequest } from '../../src/channels/contract.ts';
import type { InboundEvent } from '../../src/core/model.ts';
import { CS_PATH } from './client.ts';
import { loadZaloConfig } from './config.ts';
import { createZaloAdapter } from './index.ts';
import { startFakeZalo } from './testing/fake-zalo.ts';
import { fixture, signed, TEST_APP_ID, TEST_APP_SECRET, TEST_OA_ID, TEST_OA_SECRET, TEST_USER_ID, withTimestamp } from './testing/sign.ts';

const U = TEST_USER_ID;
const OA = TEST_OA_ID;
const key = (id: string) => `zalo:${OA}:${id}`;
const fromUser = { channel: 'zalo' as const, accountId: OA, platformUserId: U, conversationExternalId: U };

/** Documented samples (fixtures/README.md) and the events each must yield. */
const SAMPLES: Array<{ name: string; events: Array<Partial<InboundEvent>> }> = [
  { name: 'user_send_text', events: [{ ...fromUser, kind: 'text', text: 'Xin chào', dedupeKey: key('5f1c0a3e9b2d4c7a8e6f1b2c3d4e5f60'), platformMessageId: '5f1c0a3e9b2d4c7a8e6f1b2c3d4e5f60' }] },
  {
    name: 'user_send_image',
    events: [{ ...fromUser, kind: 'media', text: 'Bảng lương tháng 5', attachments: [{ type: 'image', url: 'https://photo-stal-zl.zadn.vn/jpg/zalo-image-bang-luong.jpg' }] }],
  },
  {
    name: 'user_send_file',
    events: [{ ...fromUser, kind: 'media', attachments: [{ type: 'file', url: 'https://f1.zadn.vn/files/hop-dong-lao-dong.pdf', name: 'hop-dong-lao-dong.pdf', size: 102400 }] }],
  },
  { name: 'user_send_sticker', events: [{ ...fromUser, kind: 'media', attachments: [{ type: 'sticker', url: 'https://zalo-api.zadn.vn/api/emoticon/sticker/webpc?eid=46991' }] }] },
  { name: 'user_send_location', events: [{ ...fromUser, kind: 'location', location: { lat: 10.762622, lng: 106.660172 } }] },
  { name: 'user_send_link', events: [{ ...fromUser, kind: 'media', attachments: [{ type: 'link', url: 'https://congdoan.vn/tin-tuc/luat-cong-doan-2024' }] }] },
  { name: 'follow', events: [{ ...fromUser, kind: 'start' }] },
  { name: 'unfollow', events: [{ ...fromUser, kind: 'unfollow' }] },
  { name: 'user_submit_info', events: [{ ...fromUser, kind: 'contact', contact: { phone: '+84901234567' } }] },
  { name: 'oa_send_text', events: [{ ...fromUser, kind: 'echo', dedupeKey: key('bf7c6a9e5b8d0c3a4e2f71829304a5b6'), text: 'Chào bạn, Công đoàn có thể giúp gì cho bạn?' }] },
  { name: 'user_received_message', events: [{ ...fromUser, kind: 'delivery', platformMessageId: 'bf7c6a9e5b8d0c3a4e2f71829304a5b6' }] },
  {
    name: 'user_seen_message',
    events: [
      { ...fromUser, kind: 'read', platformMessageId: 'bf7c6a9e5b8d0c3a4e2f71829304a5b6' },
      { ...fromUser, kind: 'read', platformMessageId: 'c08d7bafc69e1d4b5f3a829304a5b6c7' },
    ],
  },
  { name: 'user_reacted_message', events: [] },
];

/**
 * What send() returns after each failure the fake produces. On token_expired (-216) the adapter
 * refreshes the token with the fake's token endpoint and resends once, so that send succeeds.
 */
export const EXPECTED: ContractHarness['expected'] = {
  token_expired: { ok: true },
  rate_limited: { retry: true, minRetryAfterMs: 1000 },
  server_error: { retry: true },
  window_closed: { retry: false },
  blocked: { retry: false },
  bad_request: { retry: false },
};

/** Zalo sends the shared phone as 84xxxxxxxxx. */
function zaloPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.startsWith('0') ? `84${digits.slice(1)}` : digits;
}

/** What a worker sees of one consultation message (one bubble). */
function bubble(call: PlatformCall): string | undefined {
  if (call.path !== CS_PATH) return undefined;
  const message = (call.body as { message?: { text?: string; attachment?: { payload?: { template_type?: string; elements?: any[] } } } }).message;
  const payload = message?.attachment?.payload;
  const element = payload?.elements?.[0];
  if (payload?.template_type === 'media') return [message?.text, element?.url].filter(Boolean).join('\n');
  if (payload?.template_type === 'request_user_info') return `${element?.subtitle ?? ''}\n[${element?.title ?? ''}]`;
  return message?.text;
}

export const zaloContract: ChannelContract = {
  channel: 'zalo',
  async start(deps): Promise<ContractHarness> {
    const fake = await startFakeZalo({ appId: TEST_APP_ID, appSecret: TEST_APP_SECRET });
    const config = loadZaloConfig({
      ZALO_OA_ID: OA,
      ZALO_APP_ID: TEST_APP_ID,
      ZALO_OA_SECRET_KEY: TEST_OA_SECRET,
      ZALO_APP_SECRET: TEST_APP_SECRET,
      ZALO_ACCESS_TOKEN: fake.tokens.access,
      ZALO_REFRESH_TOKEN: fake.tokens.refresh,
      ZALO_API_BASE: fake.url,
      ZALO_OAUTH_BASE: fake.url,
    })!;
    const adapter = createZaloAdapter({ config, sql: deps.sql, sink: deps.sink, keyring: deps.keyring, log: deps.log, now: deps.now, tokenPollMs: 20 });
    const at = (raw: string) => withTimestamp(raw, deps.now());

    const inbound = SAMPLES.map((s) => ({ name: s.name, request: signed(at(fixture(s.name))), events: s.events }));
    const text = () => at(fixture('user_send_text'));
    const stale = withTimestamp(fixture('user_send_text'), deps.now() - config.webhookMaxAgeMs - 60_000);
    const forged = signed(text());
    forged.headers['x-zevent-signature'] = `mac=${'0'.repeat(64)}`;
    const missing = signed(text());
    delete missing.headers['x-zevent-signature'];
    const otherOa = text().replaceAll(OA, '1111111111111111111');

    return {
      adapter,
      inbound,
      rejected: [
        { name: 'forged mac', request: forged },
        { name: 'signed with another secret', request: signed(text(), 'not-the-oa-secret-key') },
        { name: 'stale timestamp', request: signed(stale) },
        { name: 'malformed JSON', request: { ...signed(text()), body: '{"app_id":"3482178216594085616","event_name":' } },
        { name: 'missing signature header', request: missing },
        { name: 'another OA', request: signed(otherOa) },
      ],
      userMessage(userId, input, seq): WebhookRequest {
        const ts = String(deps.now());
        const msgId = createHash('sha256').update(`${userId}:${seq}`).digest('hex').slice(0, 32);
        const base = { app_id: TEST_APP_ID, user_id_by_app: '3216904426693862293', timestamp: ts, sender: { id: userId }, recipient: { id: OA } };
        const body = input.phone
          ? { ...base, event_name: 'user_submit_info', info: { phone: zaloPhone(input.phone) } }
          : // No buttons on Zalo: a "tap" is the worker typing; the key stands in for what they type.
            { ...base, event_name: 'user_send_text', message: { msg_id: msgId, text: input.text ?? input.choiceKey ?? '' } };
        return signed(JSON.stringify(body));
      },
      externalIdOf: (userId) => userId,
      calls: () => [...fake.calls],
      reset: () => fake.reset(),
      failNext: (failure, times) => fake.failNext(failure, times),
      expected: EXPECTED,
      seen: (calls) => calls.map(bubble).filter((b): b is string => b !== undefined),
      offered: () => [],
      async stop() {
        await adapter.close?.();
        await fake.close();
      },
    };
  },
};
