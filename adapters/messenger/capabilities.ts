import type { ChannelCapabilities } from '../../src/channels/types.ts';
import type { MessengerConfig } from './config.ts';

/** Send API limits (platforms.md 2.6, Meta reference pages of 2026-04). */
export const LIMITS = {
  text: 2000,
  quickReplies: 13,
  quickReplyTitle: 20,
  payload: 1000,
  buttonTitle: 20,
  buttonTemplateText: 640,
  genericElements: 10,
  elementTitle: 80,
  elementSubtitle: 80,
  buttonsPerElement: 3,
} as const;

/**
 * Quick replies carry the choices; a card is a generic template (or a button template when it
 * is a single card without a picture). Rate limits are the delivery queue's buckets.
 */
export function messengerCapabilities(config: Pick<MessengerConfig, 'MESSENGER_RATE_PAGE_PER_SECOND' | 'MESSENGER_RATE_RECIPIENT_PER_MINUTE'>): ChannelCapabilities {
  return {
    maxTextLength: LIMITS.text,
    choices: { native: true, maxCount: LIMITS.quickReplies, maxLabelLength: LIMITS.quickReplyTitle, maxKeyBytes: LIMITS.payload },
    requestContact: true,
    cards: { native: true, maxCount: LIMITS.genericElements, maxButtons: LIMITS.buttonsPerElement },
    media: true,
    rateLimits: {
      perAccount: { count: config.MESSENGER_RATE_PAGE_PER_SECOND, perMs: 1_000 },
      perRecipient: { count: config.MESSENGER_RATE_RECIPIENT_PER_MINUTE, perMs: 60_000 },
    },
  };
}
