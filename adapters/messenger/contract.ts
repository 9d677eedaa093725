import { createHmac } from 'node:crypto';
import type { ChannelContract, ContractHarness, WebhookRequest } from '../../src/channels/contract.ts';
import type { InboundEvent } from '../../src/core/model.ts';
import { loadMessengerConfig } from './config.ts';
import { createMessengerAdapter } from './index.ts';
import { startFakeGraph } from './testing/fake-graph.ts';
import { offeredChoices, seenBubbles } from './testing/seen.ts';
import {
  fixture,
  metaJson,
  signedPost,
  TEST_APP_SECRET,
  TEST_PAGE_ID,
  TEST_PAGE_TOKEN,
  TEST_VERIFY_TOKEN,
  verifyGet,
  workerMessage,
} from './testing/webhook.ts';

const PSID = '1254459154682919';
const PSID2 = '1254477777772919';
const RATE_LIMIT_BACKOFF_MS = 60_000;

const common = { channel: 'messenger' as const, accountId: TEST_PAGE_ID, platformUserId: PSID, conversationExternalId: PSID };
const key = (mid: string) => `fb:${TEST_PAGE_ID}:${mid}`;

/**
 * What each documented sample (fixtures/, sources in fixtures/SOURCES.md) must become. Every
 * fixture file has an entry: the adapter test checks that none is left out.
 */
export const FIXTURE_EVENTS: Record<string, Array<Partial<InboundEvent>>> = {
  text: [{ ...common, kind: 'text', text: 'Tôi muốn đăng ký gia nhập công đoàn', dedupeKey: key('mid.1457764197618:41d102a3e1ae206a38'), occurredAt: 1458692752478 }],
  'reply-to': [{ ...common, kind: 'text', text: 'cty em chưa có công đoàn', dedupeKey: key('m_1457764197618:41d102a3e1ae206a38') }],
  'quick-reply': [{ ...common, kind: 'choice', choiceKey: 'agree', text: 'Đồng ý', occurredAt: 1502905976377 }],
  'phone-quick-reply': [{ ...common, kind: 'contact', contact: { phone: '+84912345678' }, dedupeKey: key('m_phone_1502905976377') }],
  'attachment-image': [{ ...common, kind: 'media', attachments: [{ type: 'image', url: 'https://scontent.xx.fbcdn.net/v/t1.15752-9/the-contract.jpg' }] }],
  'attachment-file': [
    {
      ...common,
      kind: 'media',
      attachments: [
        { type: 'file', url: 'https://cdn.fbsbx.com/v/t59.2708-21/hop-dong-lao-dong.pdf' },
        { type: 'audio', url: 'https://cdn.fbsbx.com/v/t59.3654-21/voice.mp4' },
      ],
    },
  ],
  'attachment-location': [{ ...common, kind: 'location', location: { lat: 21.0285, lng: 105.8542 } }],
  sticker: [{ ...common, kind: 'media', attachments: [{ type: 'sticker', url: 'https://scontent.xx.fbcdn.net/v/t39.1997-6/thumbs-up.png' }] }],
  // Get Started opened from an m.me link: the link's ref comes along as the choice key.
  'postback-get-started': [{ ...common, kind: 'start', choiceKey: 'flow:registration', dedupeKey: key('m_MESSAGE-ID-GET-STARTED'), occurredAt: 1527459824000 }],
  'postback-menu': [{ ...common, kind: 'choice', choiceKey: 'flow:registration', text: 'Đăng ký gia nhập Công đoàn', occurredAt: 1527459824123 }],
  referral: [{ ...common, kind: 'start', choiceKey: 'cmd:human' }],
  echo: [{ ...common, kind: 'echo', text: 'Xin chào! Tôi là Trợ lý Công đoàn.', dedupeKey: key('mid.1457764197618:41d102a3e1ae206a39') }],
  delivery: [{ ...common, kind: 'delivery', platformMessageId: 'mid.1458668856218:ed81099e15d3f4f233', occurredAt: 1458668856253 }],
  read: [{ ...common, kind: 'read', occurredAt: 1458668856463 }],
  reaction: [],
  standby: [],
  batched: [
    { ...common, kind: 'text', text: 'xin chào', dedupeKey: key('m_batch_1') },
    { ...common, platformUserId: PSID2, conversationExternalId: PSID2, kind: 'text', text: 'tra cứu hồ sơ', dedupeKey: key('m_batch_2') },
    { ...common, platformUserId: PSID2, conversationExternalId: PSID2, kind: 'read' },
  ],
};

function rejectedRequests(): ContractHarness['rejected'] {
  const text = fixture('text');
  const unsigned = signedPost(text);
  const { 'x-hub-signature-256': _dropped, ...noSignature } = unsigned.headers;
  const raw = metaJson(text);
  const sha1 = `sha1=${createHmac('sha1', TEST_APP_SECRET).update(raw).digest('hex')}`;
  const reserialized: WebhookRequest = { ...signedPost(JSON.stringify(text)), body: raw };
  return [
    { name: 'forged signature (another app secret)', request: signedPost(text, 'not-the-app-secret-0000000000') },
    { name: 'missing X-Hub-Signature-256 header', request: { ...unsigned, headers: noSignature } },
    { name: 'only the legacy SHA-1 signature', request: { ...unsigned, headers: { ...noSignature, 'x-hub-signature': sha1 } } },
    { name: 'signature of a re-serialized body, not of the bytes sent', request: reserialized },
    { name: 'malformed JSON', request: signedPost('{"object":"page","entry":[{"id":') },
    { name: 'object is not page', request: signedPost({ ...(text as object), object: 'instagram' }) },
    { name: 'entry is not a list', request: signedPost({ object: 'page', entry: { id: TEST_PAGE_ID } }) },
    { name: 'verification with a wrong verify token', request: verifyGet({ 'hub.mode': 'subscribe', 'hub.verify_token': 'guess', 'hub.challenge': '1158201444' }) },
    { name: 'verification of another mode', request: verifyGet({ 'hub.mode': 'unsubscribe', 'hub.verify_token': TEST_VERIFY_TOKEN, 'hub.challenge': '1158201444' }) },
  ];
}

/** Messenger against a local fake of the Graph API (testing/fake-graph.ts). */
export const messengerContract: ChannelContract = {
  channel: 'messenger',
  async start(deps) {
    const graph = await startFakeGraph({ accessToken: TEST_PAGE_TOKEN, pageId: TEST_PAGE_ID });
    const config = loadMessengerConfig({
      MESSENGER_PAGE_ID: TEST_PAGE_ID,
      MESSENGER_PAGE_ACCESS_TOKEN: TEST_PAGE_TOKEN,
      MESSENGER_APP_SECRET: TEST_APP_SECRET,
      MESSENGER_VERIFY_TOKEN: TEST_VERIFY_TOKEN,
      MESSENGER_GRAPH_BASE: graph.url,
      MESSENGER_RATE_LIMIT_BACKOFF_MS: String(RATE_LIMIT_BACKOFF_MS),
    })!;
    const adapter = createMessengerAdapter({ config, sink: deps.sink, log: deps.log, now: deps.now });
    return {
      adapter,
      inbound: Object.entries(FIXTURE_EVENTS).map(([name, events]) => ({ name, request: signedPost(fixture(name)), events })),
      rejected: rejectedRequests(),
      userMessage: (userId, input, seq) => signedPost(workerMessage(userId, input, `m_contract_${userId}_${seq}`, deps.now())),
      externalIdOf: (userId) => userId,
      calls: () => graph.calls(),
      reset: () => graph.reset(),
      failNext: (failure, times) => graph.failNext(failure, times),
      expected: {
        rate_limited: { retry: true, minRetryAfterMs: RATE_LIMIT_BACKOFF_MS },
        server_error: { retry: true },
        token_expired: { retry: false },
        window_closed: { retry: false },
        blocked: { retry: false },
        bad_request: { retry: false },
      },
      seen: seenBubbles,
      offered: offeredChoices,
      async stop() {
        await adapter.close?.();
        await graph.close();
      },
    };
  },
};
