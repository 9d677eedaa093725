import type { SendRequest } from '../../src/channels/types.ts';
import type { ZaloConfig } from './config.ts';
import type { Recipient } from './outbound.ts';

export type WindowPolicy = ZaloConfig['window'];

export type WindowDecision =
  | { open: false; reason: string }
  /** the recipient of the n-th Zalo message of this send (0-based) */
  | { open: true; recipient(n: number): Recipient };

/**
 * Zalo's messaging windows (platforms.md §1.7), decided before calling instead of discovered from
 * errors: a reply by `recipient.message_id` within 48 h and 8 messages of the worker's last
 * message is free; past that a consultation message still goes (counted as proactive) up to 7
 * days; after 7 days Zalo refuses with -230, so we do not try. `sentSinceInbound` counts outbox
 * rows, and a long text is several Zalo messages, hence `n`.
 */
export function decideWindow(req: Pick<SendRequest, 'externalId' | 'replyTo' | 'window'>, policy: WindowPolicy, now: number): WindowDecision {
  const last = req.window?.lastInboundAt ?? null;
  if (last !== null && now - last > policy.csWindowMs) {
    const days = Math.floor((now - last) / 86_400_000);
    return {
      open: false,
      reason: `Zalo: the worker last wrote ${days} days ago; the OA may only send consultation messages within ${Math.round(policy.csWindowMs / 86_400_000)} days of the worker's last message (Zalo -230). Reach them by phone, ZNS or another channel; the window opens again when they write.`,
    };
  }
  const replyId = policy.replyByMessageId ? req.replyTo?.platformMessageId : undefined;
  const byUser: Recipient = { user_id: req.externalId };
  if (!replyId) return { open: true, recipient: () => byUser };
  const byReply: Recipient = { message_id: replyId };
  // No bookkeeping given (an officer tool, a test): the platform knows better than a guess.
  if (!req.window) return { open: true, recipient: () => byReply };
  const inReplyWindow = last !== null && now - last <= policy.replyWindowMs;
  const freeLeft = inReplyWindow ? policy.freeReplies - req.window.sentSinceInbound : 0;
  return { open: true, recipient: (n) => (n < freeLeft ? byReply : byUser) };
}
