import type { ChannelCapabilities, SendRequest, SendResult } from '../../src/channels/types.ts';
import type { Logger } from '../../src/logger.ts';
import type { GraphClient } from './client.ts';
import type { MessengerConfig } from './config.ts';
import { classifyFailure } from './errors.ts';
import { toSendMessages } from './outbound.ts';
import { decideWindow } from './window.ts';

export interface SenderDeps {
  client: GraphClient;
  config: MessengerConfig;
  capabilities: ChannelCapabilities;
  now: () => number;
  log: Logger;
  random?: () => number;
}

/** Outbox rows with parts left to send after a failure; only a hint, so a bounded map is enough. */
const PROGRESS_LIMIT = 10_000;

/**
 * One outbox row -> one or more Send API calls (a long text is several bubbles). The Send API has
 * no idempotency key, so a row that failed half-way remembers how many parts already went out and
 * a retry in this process resumes after them; after a restart a retry may repeat a bubble, which
 * is better than losing one.
 */
export function createSender(deps: SenderDeps): (req: SendRequest) => Promise<SendResult> {
  const progress = new Map<string, number>();
  const { config } = deps;

  return async (req) => {
    if (req.accountId !== config.MESSENGER_PAGE_ID) {
      return { ok: false, retry: false, reason: `conversation belongs to Facebook Page ${req.accountId}, but this server is set up for Page ${config.MESSENGER_PAGE_ID} (MESSENGER_PAGE_ID); not retried` };
    }
    const decision = decideWindow(req, deps.now(), {
      standardHours: config.MESSENGER_WINDOW_HOURS,
      humanAgentHours: config.MESSENGER_HUMAN_AGENT_WINDOW_HOURS,
      humanAgentTag: config.MESSENGER_HUMAN_AGENT_TAG,
    });
    if (!decision.ok) {
      deps.log.info({ outboxId: req.outboxId, origin: req.origin ?? 'bot' }, 'messenger message held back: window closed');
      return { ok: false, retry: false, reason: decision.reason };
    }

    const parts = toSendMessages(req.message, deps.capabilities);
    const recipient = { id: req.externalId };
    let next = progress.get(req.outboxId) ?? 0;
    if (config.MESSENGER_TYPING_INDICATOR && next === 0) {
      // Best effort: a lost typing bubble is not worth a retry or a failure.
      await deps.client.post('me/messages', { recipient, sender_action: 'typing_on' });
    }

    let lastId: string | undefined;
    for (; next < parts.length; next++) {
      const res = await deps.client.post('me/messages', {
        recipient,
        ...decision.delivery,
        // Echoed back in message_echoes: tells our own sends from an officer typing in Page Inbox.
        message: { ...parts[next], metadata: `outbox:${req.outboxId}` },
      });
      if (!res.ok) {
        remember(progress, req.outboxId, next);
        const failed = classifyFailure(res, { attempt: req.attempt, rateLimitBackoffMs: config.MESSENGER_RATE_LIMIT_BACKOFF_MS, random: deps.random });
        deps.log.warn({ outboxId: req.outboxId, part: next, parts: parts.length, retry: failed.retry, reason: failed.reason }, 'messenger send failed');
        return failed;
      }
      lastId = typeof res.body.message_id === 'string' ? res.body.message_id : lastId;
    }
    progress.delete(req.outboxId);
    deps.log.debug({ outboxId: req.outboxId, parts: parts.length, messagingType: decision.delivery.messaging_type }, 'messenger message sent');
    return { ok: true, ...(lastId ? { platformMessageId: lastId } : {}) };
  };
}

function remember(progress: Map<string, number>, outboxId: string, sent: number): void {
  if (sent === 0) return;
  progress.delete(outboxId);
  progress.set(outboxId, sent);
  if (progress.size > PROGRESS_LIMIT) progress.delete(progress.keys().next().value!);
}
