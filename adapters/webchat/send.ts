import type { ChannelCapabilities, SendRequest, SendResult } from '../../src/channels/types.ts';
import { degrade } from '../../src/channels/render.ts';
import { openEvent } from '../../src/pipeline/seal.ts';
import type { Notifier } from '../../src/queue/notifier.ts';
import type { Keyring } from '../../src/security/crypto.ts';
import { activityId, monotonicNow, topics } from './ids.ts';
import { echoFromEvent } from './inbound.ts';
import { toActivity } from './outbound.ts';
import type { ActivityStore } from './store.ts';

export interface SenderDeps {
  store: ActivityStore;
  notifier: Notifier;
  /** opens the sealed inbox body when an echo must be rebuilt */
  keyring: Keyring;
  capabilities: ChannelCapabilities;
}

/**
 * "Sending" on web chat is appending to the conversation's transcript and waking its streams.
 * Keys derived from the outbox id make a re-sent row (after a crash between the insert and the
 * outbox update) a no-op instead of a duplicate bubble.
 */
export function createSender(deps: SenderDeps): (req: SendRequest) => Promise<SendResult> {
  return async (req) => {
    const parts = degrade(req.message, deps.capabilities);
    const replyToId = req.replyTo ? await ensureEcho(deps, req.conversationId, req.externalId, req.replyTo.dedupeKey) : undefined;
    let last: bigint | undefined;
    for (const [i, part] of parts.entries()) {
      const key = parts.length === 1 ? `out:${req.outboxId}` : `out:${req.outboxId}:${i}`;
      const activity = toActivity(part, {
        externalId: req.externalId,
        locale: req.locale,
        timestamp: new Date(monotonicNow()).toISOString(),
        ...(replyToId ? { replyToId } : {}),
      });
      last = (await deps.store.append(req.conversationId, key, activity)).seq;
    }
    deps.notifier.publish(topics.conversation(req.conversationId), String(last ?? ''));
    return { ok: true, ...(last !== undefined ? { platformMessageId: activityId(req.externalId, last) } : {}) };
  };
}

/**
 * The id of the user's echo this reply answers. On the first post of a conversation the post
 * handler can only write the echo after the pipeline created the conversation row, so in theory
 * a very fast turn could answer first; the echo is then written here, from the stored inbound
 * event, so the user's message still comes before the answer. Web Chat also holds a reply whose
 * replyToId it has not seen, so an id is only given when the echo really exists.
 */
async function ensureEcho(deps: SenderDeps, conversationUuid: string, externalId: string, dedupeKey: string): Promise<string | undefined> {
  const key = `in:${dedupeKey}`;
  let seq = await deps.store.seqOf(key);
  if (seq === undefined) {
    const stored = await deps.store.inboxEvent(dedupeKey);
    if (stored?.channel !== 'webchat') return undefined;
    seq = (await deps.store.append(conversationUuid, key, echoFromEvent(openEvent(deps.keyring, stored)))).seq;
  }
  return activityId(externalId, seq);
}
