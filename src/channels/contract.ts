/**
 * The contract every channel adapter passes (test/contract.test.ts runs it for each adapter
 * listed in adapters/contracts.ts). An adapter's folder provides a `contract.ts` exporting a
 * ChannelContract: real payload samples from the platform's documentation, signed the way the
 * platform signs them, and a fake platform (local HTTP server or undici MockAgent, never the
 * internet) that records what the adapter sends and can be told to fail.
 */
import type { ChannelAdapter, InboundSink } from './types.ts';
import type { ChannelId, InboundEvent, OutboundMessage } from '../core/model.ts';
import type { Sql } from '../db/client.ts';
import type { Keyring } from '../security/crypto.ts';
import type { Logger } from '../logger.ts';
import type { Notifier } from '../queue/notifier.ts';

/** An HTTP request as the platform would send it to our webhook (raw body: signatures cover bytes). */
export interface WebhookRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** What the fake platform recorded of one API call the adapter made. */
export interface PlatformCall {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

/** Failures the fake platform can be told to answer with, as that platform really answers them. */
export type PlatformFailure =
  | 'rate_limited' // 429 / Messenger 613 / Telegram retry_after
  | 'server_error' // 5xx
  | 'token_expired' // Zalo -216 / Messenger 190
  | 'window_closed' // Zalo -230 / Messenger 10+2018278 / n.a. on Telegram
  | 'blocked' // the worker blocked or left: Telegram 403 / Messenger 551
  | 'bad_request'; // permanent 400

export interface ContractDeps {
  sql: Sql;
  sink: InboundSink;
  keyring: Keyring;
  notifier: Notifier;
  log: Logger;
  /** a clock the adapter must use for timestamps and windows (tests move it) */
  now(): number;
}

export interface ContractHarness {
  adapter: ChannelAdapter;
  /** signed requests built from documented payload samples, with the normalized events each must yield
   *  (toMatchObject); an empty list means "accepted and ignored" (e.g. a delivery receipt we do not record) */
  inbound: Array<{ name: string; request: WebhookRequest; events: Array<Partial<InboundEvent>> }>;
  /** requests that must get a 4xx and reach the sink never: forged signature, stale timestamp,
   *  malformed body, unknown account, ... (the suite adds a 1 MB body itself) */
  rejected: Array<{ name: string; request: WebhookRequest }>;
  /** a signed webhook request of a worker typing text / tapping a choice / sharing a phone */
  userMessage(userId: string, input: { text?: string; choiceKey?: string; phone?: string }, seq: number): WebhookRequest;
  /** the recipient address (Conversation.externalId) a userMessage from userId creates */
  externalIdOf(userId: string): string;
  /** everything the fake platform received since the last reset */
  calls(): PlatformCall[];
  reset(): void;
  /** the next send call(s) answer with this failure */
  failNext(failure: PlatformFailure, times?: number): void;
  /** what send() must return after each failure this platform can produce: a classified failure,
   *  or `{ ok: true }` where the adapter recovers by itself (Zalo -216: refresh the token, retry once) */
  expected: Partial<Record<PlatformFailure, { ok: true } | { retry: boolean; minRetryAfterMs?: number }>>;
  /** what the worker sees from the recorded calls: one string per bubble, buttons rendered as "[label]" */
  seen(calls: PlatformCall[]): string[];
  /** the choice keys a recorded call offers (to tap them like a worker would) */
  offered(call: PlatformCall): Array<{ key: string; label: string }>;
  stop(): Promise<void>;
}

export interface ChannelContract {
  channel: ChannelId;
  start(deps: ContractDeps): Promise<ContractHarness>;
}

/** Sample outbound messages the suite sends through every adapter. */
export const CONTRACT_MESSAGES: Array<{ name: string; message: OutboundMessage }> = [
  { name: 'short text', message: { kind: 'text', text: 'Xin chào! Tôi là Trợ lý Công đoàn.' } },
  {
    name: 'long text',
    message: {
      kind: 'text',
      text: Array.from({ length: 60 }, (_, i) => `Câu số ${i + 1} nói về quyền lợi của đoàn viên công đoàn theo Luật Công đoàn 2024.`).join(' '),
    },
  },
  {
    name: 'two choices',
    message: { kind: 'choices', text: 'Bạn có đồng ý không?', choices: [{ key: 'yes', label: 'Đồng ý' }, { key: 'no', label: 'Không đồng ý' }] },
  },
  {
    name: 'fifteen long choices',
    message: {
      kind: 'choices',
      text: 'Chọn công đoàn cơ sở của bạn:',
      choices: Array.from({ length: 15 }, (_, i) => ({
        key: `unit:${'x'.repeat(40)}-${i}`,
        label: `Công đoàn cơ sở Công ty TNHH May Sông Hồng Việt số ${i + 1}`,
      })),
    },
  },
  {
    name: 'cards',
    message: {
      kind: 'cards',
      text: 'Các chương trình phúc lợi:',
      cards: [
        { title: 'Tết Sum vầy', subtitle: 'Quà Tết cho đoàn viên khó khăn', buttons: [{ label: 'Xem chi tiết', key: 'b:tet' }] },
        { title: 'Mái ấm Công đoàn', subtitle: 'Hỗ trợ nhà ở', buttons: [{ label: 'Mở trang', url: 'https://congdoan.vn' }] },
      ],
    },
  },
  { name: 'image', message: { kind: 'media', mediaType: 'image', url: 'https://example.org/the.png', caption: 'Thẻ đoàn viên' } },
  { name: 'request contact', message: { kind: 'request_contact', text: 'Số điện thoại của bạn?', buttonLabel: 'Chia sẻ số điện thoại' } },
];
