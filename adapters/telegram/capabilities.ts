import type { ChannelCapabilities } from '../../src/channels/types.ts';

/** Bot API limits the renderer and the sender both rely on (core.telegram.org/bots/api). */
export const TELEGRAM_LIMITS = {
  /** sendMessage text, characters after entity parsing (we send plain text, so characters) */
  text: 4096,
  /** sendPhoto / sendDocument caption */
  caption: 1024,
  /** callback_data, bytes not characters: longer is 400 BUTTON_DATA_INVALID */
  callbackData: 64,
} as const;

export interface TelegramRates {
  perSecond: number;
  /** average gap between two messages to one chat */
  chatIntervalMs: number;
  /** messages one chat may get at once before that gap applies */
  chatBurst: number;
}

/**
 * Choices are an inline keyboard, one button a row (Vietnamese labels are long). A key longer
 * than callback_data allows makes the renderer fall back to a numbered menu, which the flow
 * engine understands too. Cards are one message each, so a long carousel would burst past the
 * one-message-a-second chat limit: more than five become a list.
 */
export function telegramCapabilities(rates: TelegramRates): ChannelCapabilities {
  return {
    maxTextLength: TELEGRAM_LIMITS.text,
    choices: { native: true, maxCount: 20, maxLabelLength: 64, maxKeyBytes: TELEGRAM_LIMITS.callbackData },
    requestContact: true,
    cards: { native: true, maxCount: 5, maxButtons: 6 },
    media: true,
    rateLimits: {
      perAccount: { count: rates.perSecond, perMs: 1000 },
      // GCRA: a burst of `count`, then one every perMs/count = chatIntervalMs
      perRecipient: { count: rates.chatBurst, perMs: rates.chatBurst * rates.chatIntervalMs },
    },
  };
}
