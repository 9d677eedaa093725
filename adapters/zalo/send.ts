import type { ChannelCapabilities, SendRequest, SendResult } from '../../src/channels/types.ts';
import type { Logger } from '../../src/logger.ts';
import type { ZaloClient } from './client.ts';
import type { ZaloConfig } from './config.ts';
import { classify, type Verdict } from './errors.ts';
import { toZaloMessages, type Recipient, type ZaloMessage } from './outbound.ts';
import type { PartialSends } from './progress.ts';
import type { ZaloTokenStore } from './tokens.ts';
import { decideWindow } from './window.ts';

export interface SenderDeps {
  client: ZaloClient;
  tokens: ZaloTokenStore;
  partial: PartialSends;
  config: ZaloConfig;
  capabilities: ChannelCapabilities;
  now: () => number;
  log: Logger;
}

type One = { ok: true; messageId?: string } | { ok: false; result: Extract<SendResult, { ok: false }> };

/**
 * Sends one outbox message as consultation messages, strictly in order. Never throws for a
 * platform error: the outbox gets `{ ok: false, retry, reason }` and keeps order and backoff.
 */
export function createSender(deps: SenderDeps): (req: SendRequest) => Promise<SendResult> {
  return async (req) => {
    const window = decideWindow(req, deps.config.window, deps.now());
    if (!window.open) {
      // A split message whose first parts went out before the window closed: drop its progress too.
      if (req.attempt > 1) await deps.partial.clear(req.outboxId);
      return { ok: false, retry: false, reason: window.reason };
    }

    const messages = toZaloMessages(req.message, {
      capabilities: deps.capabilities,
      ...(deps.config.requestInfoImageUrl ? { requestInfoImageUrl: deps.config.requestInfoImageUrl } : {}),
    });
    const resumed = req.attempt > 1 ? await deps.partial.sentCount(req.outboxId) : { sent: 0 };
    let lastId = resumed.lastMessageId;
    for (let i = resumed.sent; i < messages.length; i++) {
      const one = await sendOne(deps, window.recipient(i), messages[i]!);
      if (!one.ok) {
        deps.log.debug({ outboxId: req.outboxId, part: i, parts: messages.length, retry: one.result.retry }, 'zalo send failed');
        if (one.result.retry && i > resumed.sent) await deps.partial.record(req.outboxId, i, lastId);
        else if (!one.result.retry && resumed.sent > 0) await deps.partial.clear(req.outboxId);
        return one.result;
      }
      lastId = one.messageId ?? lastId;
    }
    if (resumed.sent > 0) await deps.partial.clear(req.outboxId);
    return { ok: true, ...(lastId ? { platformMessageId: lastId } : {}) };
  };
}

/** One call; on an expired token (-216) refresh once and call again (platforms.md §1.9). */
async function sendOne(deps: SenderDeps, recipient: Recipient, message: ZaloMessage): Promise<One> {
  const token = await deps.tokens.accessToken();
  if (!token.ok) return { ok: false, result: { ok: false, retry: true, retryAfterMs: token.retryAfterMs, reason: token.reason } };
  const body = { recipient, message };
  const first = await deps.client.sendCs(token.token.token, body);
  if (first.ok) return { ok: true, ...(first.messageId ? { messageId: first.messageId } : {}) };

  const verdict = classify(first.failure, deps.config.rate.backoffMs);
  if (verdict.action !== 'refresh') return { ok: false, result: toResult(verdict) };

  const fresh = await deps.tokens.refresh(token.token.version);
  if (!fresh.ok) return { ok: false, result: { ok: false, retry: true, retryAfterMs: fresh.retryAfterMs, reason: fresh.reason } };
  const second = await deps.client.sendCs(fresh.token.token, body);
  if (second.ok) return { ok: true, ...(second.messageId ? { messageId: second.messageId } : {}) };
  const again = classify(second.failure, deps.config.rate.backoffMs);
  if (again.action === 'refresh') {
    return { ok: false, result: { ok: false, retry: true, reason: `${again.reason}, even with a freshly refreshed token` } };
  }
  return { ok: false, result: toResult(again) };
}

function toResult(v: Exclude<Verdict, { action: 'refresh' }>): Extract<SendResult, { ok: false }> {
  if (v.action === 'permanent') return { ok: false, retry: false, reason: v.reason };
  return { ok: false, retry: true, reason: v.reason, ...(v.retryAfterMs !== undefined ? { retryAfterMs: v.retryAfterMs } : {}) };
}
