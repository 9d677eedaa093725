import { randomBytes } from 'node:crypto';

/** Direct Line conversation ids travel in URLs and activity ids: url-safe, no `|`. */
export function newConversationId(): string {
  return randomBytes(16).toString('base64url');
}

/** The `dl_` prefix is what directlinejs reserves for ids bound inside a token. */
export function newUserId(): string {
  return `dl_${randomBytes(12).toString('base64url')}`;
}

/** Azure's shape `<conversation>|<seq>`; zero-padded so ids sort like the watermark. */
export function activityId(conversationId: string, seq: bigint): string {
  return `${conversationId}|${seq.toString().padStart(10, '0')}`;
}

/**
 * The watermark is the last seq a client has seen. It comes from the client, so anything that is
 * not a plain number means "from the start" rather than an error: a stale or odd value must not
 * cost the user the conversation history.
 */
export function parseWatermark(raw: unknown): bigint {
  return typeof raw === 'string' && /^\d{1,19}$/.test(raw) ? BigInt(raw) : 0n;
}

/** Notifier topics. A conversation row only exists after the first post, so a stream opened
 *  before that listens on the "open" topic to learn the row's id. */
export const topics = {
  conversation: (conversationUuid: string) => `webchat:${conversationUuid}`,
  opened: (site: string, externalId: string) => `webchat:open:${site}:${externalId}`,
};

let last = 0;
/**
 * Web Chat orders activities by timestamp; two parts of one message written in the same
 * millisecond would tie, so timestamps from this process strictly increase.
 */
export function monotonicNow(): number {
  last = Math.max(Date.now(), last + 1);
  return last;
}
