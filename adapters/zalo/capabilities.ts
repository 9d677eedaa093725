import type { ChannelCapabilities } from '../../src/channels/types.ts';
import type { ZaloConfig } from './config.ts';

/**
 * What a consultation message (/v3.0/oa/message/cs) can show. The official SDKs offer no button
 * or list template on v3 CS (platforms.md §1.5), so choices and cards degrade to numbered text,
 * which the flow engine understands ("1", "so 2", the label). Images go as a media template by
 * URL. The phone request is only a card (request_user_info) when an operator configured its
 * banner; otherwise the worker types the number.
 */
export function zaloCapabilities(config: Pick<ZaloConfig, 'maxTextLength' | 'rate' | 'requestInfoImageUrl'>): ChannelCapabilities {
  return {
    maxTextLength: config.maxTextLength,
    choices: { native: false, maxCount: 0, maxLabelLength: 1, maxKeyBytes: 1 },
    requestContact: Boolean(config.requestInfoImageUrl),
    cards: { native: false, maxCount: 0, maxButtons: 0 },
    media: true,
    // Zalo publishes no per-second limit (platforms.md §1.8): ours, conservative, configurable.
    rateLimits: {
      perAccount: { count: config.rate.perOaPerSecond, perMs: 1000 },
      perRecipient: { count: config.rate.perUserPerSecond, perMs: 1000 },
    },
  };
}
