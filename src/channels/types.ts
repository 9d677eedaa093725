import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ChannelId, InboundEvent, OutboundMessage } from '../core/model.ts';

/**
 * What a channel can show, declared as data (like Botpress integrations) and checked at start-up.
 * The renderer degrades every OutboundMessage to fit: a flow never asks which channel it is on.
 */
export const ChannelCapabilities = z.object({
  /** longest text bubble; longer texts are split at sentence boundaries */
  maxTextLength: z.number().int().positive(),
  choices: z.object({
    /** tappable quick replies / buttons exist at all */
    native: z.boolean(),
    maxCount: z.number().int().nonnegative(),
    maxLabelLength: z.number().int().positive(),
    /** payload size limit (Telegram callback_data: 64 bytes) */
    maxKeyBytes: z.number().int().positive(),
  }),
  /** a "share my phone number" button */
  requestContact: z.boolean(),
  cards: z.object({ native: z.boolean(), maxCount: z.number().int().nonnegative(), maxButtons: z.number().int().nonnegative() }),
  media: z.boolean(),
  /** outbound limits the delivery queue keeps (token buckets shared by every process) */
  rateLimits: z
    .object({
      /** whole bot / Page / OA, e.g. Telegram ~30 messages/s */
      perAccount: z.object({ count: z.number().int().positive(), perMs: z.number().int().positive() }).optional(),
      /** one chat, e.g. Telegram ~1 message/s per chat */
      perRecipient: z.object({ count: z.number().int().positive(), perMs: z.number().int().positive() }).optional(),
    })
    .optional(),
});
export type ChannelCapabilities = z.infer<typeof ChannelCapabilities>;

export interface SendRequest {
  outboxId: string;
  conversationId: string;
  /** the platform address of the chat (Conversation.externalId) */
  externalId: string;
  accountId: string;
  locale: string;
  message: OutboundMessage;
  attempt: number;
  /** the inbound message this answers, if any: Zalo replies by its msg_id (free reply window),
   *  web chat sets replyToId so a client can match an answer to its question */
  replyTo?: { dedupeKey: string; platformMessageId?: string };
  /** messaging-window bookkeeping (Zalo 48 h / 8 free replies, Messenger 24 h / 7 days) */
  window?: {
    /** the worker's last own message (ms epoch), null if they never wrote */
    lastInboundAt: number | null;
    /** messages already sent to the worker since that message */
    sentSinceInbound: number;
  };
  /** who wrote it (default bot): officer replies may use extended windows (Messenger HUMAN_AGENT) */
  origin?: 'bot' | 'officer';
  /** a system notice's Messenger message tag: it may go outside the 24 h window (src/broadcasts/notify.ts) */
  tag?: 'ACCOUNT_UPDATE' | 'CONFIRMED_EVENT_UPDATE';
}

export type SendResult =
  | { ok: true; platformMessageId?: string }
  | {
      ok: false;
      /** retry later (rate limit, 5xx, network) or never (blocked, window closed, bad request) */
      retry: boolean;
      retryAfterMs?: number;
      /** readable by an officer in the dead-letter list */
      reason: string;
    };

/** What the HTTP layer gives an adapter to hand inbound events to the pipeline. */
export interface InboundSink {
  accept(event: InboundEvent): Promise<{ status: 'accepted' | 'duplicate'; conversationId: string; inboxId: string }>;
}

export interface ChannelAdapter {
  readonly channel: ChannelId;
  readonly capabilities: ChannelCapabilities;
  /** mounts the adapter's webhook (or Direct Line) routes */
  routes?(app: FastifyInstance): void | Promise<void>;
  /** sends one already-degraded message; must be safe to call again for the same outboxId */
  send(req: SendRequest): Promise<SendResult>;
  /** downloads an inbound attachment by the ref the adapter put in InboundAttachment.url, never
   *  reading past maxBytes (platforms misdeclare sizes): too_big, gone (expired/unknown), or error */
  fetchMedia?(
    ref: string,
    opts: { maxBytes: number; signal?: AbortSignal },
  ): Promise<{ ok: true; bytes: Buffer; mime?: string } | { ok: false; reason: 'too_big' | 'gone' | 'error'; retry: boolean; detail?: string }>;
  close?(): Promise<void>;
}

/** An operator command of a channel (set webhook, set profile...), wired into `npm run cli`. */
export interface AdapterCommand {
  name: string;
  description: string;
  options?: Array<{ flags: string; description: string; default?: string }>;
  run(env: Record<string, string>, opts: Record<string, unknown>): Promise<void>;
}
