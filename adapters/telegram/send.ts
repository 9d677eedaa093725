import type { ChannelCapabilities, SendRequest, SendResult } from '../../src/channels/types.ts';
import { degrade } from '../../src/channels/render.ts';
import type { OutboundMessage } from '../../src/core/model.ts';
import type { Logger } from '../../src/logger.ts';
import type { BotApiClient } from './client.ts';
import { cardsFit, toApiCalls, type ApiCall } from './outbound.ts';

export interface SenderDeps {
  api: BotApiClient;
  botId: string;
  capabilities: ChannelCapabilities;
  log: Logger;
}

/** Outbox rows whose later parts failed: how many calls already went out (bounded, in memory). */
const MAX_TRACKED = 10_000;

/**
 * One outbox row may take several Bot API calls (a long text, cards). The Bot API has no
 * idempotency key, so a retry of the same row resumes after the calls that already succeeded
 * instead of repeating them. The progress lives in this process: a row retried after a crash,
 * or by another process, may show a part twice (at-least-once, platforms.md 5.1).
 */
export function createSender(deps: SenderDeps): (req: SendRequest) => Promise<SendResult> {
  const progress = new Map<string, { done: number; lastId?: string }>();

  return async (req) => {
    if (req.accountId !== deps.botId) {
      return { ok: false, retry: false, reason: `conversation belongs to Telegram bot ${req.accountId}, this server runs bot ${deps.botId}` };
    }
    const calls = planCalls(req.message, req.externalId, deps.capabilities);
    const state = progress.get(req.outboxId) ?? { done: 0 };
    for (let i = state.done; i < calls.length; i++) {
      const call = calls[i]!;
      try {
        const sent = await invoke(deps.api, call);
        state.done = i + 1;
        state.lastId = String(sent.message_id);
      } catch (err) {
        const failure = deps.api.classify(err);
        if (failure.retry && state.done > 0) remember(progress, req.outboxId, state);
        else progress.delete(req.outboxId);
        deps.log.warn({ outboxId: req.outboxId, method: call.method, part: i, retry: failure.retry, reason: failure.reason }, 'telegram send failed');
        return failure;
      }
    }
    progress.delete(req.outboxId);
    return { ok: true, ...(state.lastId ? { platformMessageId: state.lastId } : {}) };
  };
}

/** The calls for one message: degraded to what Telegram shows, cards included (see cardsFit). */
export function planCalls(message: OutboundMessage, chatId: string, caps: ChannelCapabilities): ApiCall[] {
  const fitted = cardsFit(message, caps.cards.maxButtons) ? caps : { ...caps, cards: { ...caps.cards, native: false } };
  return degrade(message, fitted).flatMap((part) => toApiCalls(part, chatId));
}

function invoke(api: BotApiClient, call: ApiCall) {
  switch (call.method) {
    case 'sendMessage':
      return api.call('sendMessage', call.payload);
    case 'sendPhoto':
      return api.call('sendPhoto', call.payload);
    case 'sendDocument':
      return api.call('sendDocument', call.payload);
  }
}

function remember<V>(map: Map<string, V>, key: string, value: V) {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_TRACKED) map.delete(map.keys().next().value!);
}
