import { describe, expect, it } from 'vitest';
import { ChannelCapabilities } from '../../src/channels/types.ts';
import { telegramCapabilities } from './capabilities.ts';

describe('telegramCapabilities', () => {
  it('is valid capability data with the Bot API limits', () => {
    const caps = ChannelCapabilities.parse(telegramCapabilities({ perSecond: 30, chatIntervalMs: 1000, chatBurst: 3 }));
    expect(caps).toMatchObject({ maxTextLength: 4096, requestContact: true, choices: { native: true, maxKeyBytes: 64, maxLabelLength: 64 } });
  });

  it('rate limits: ~30 messages/s for the bot; one a second per chat on average, after a short burst', () => {
    expect(telegramCapabilities({ perSecond: 30, chatIntervalMs: 1000, chatBurst: 3 }).rateLimits).toEqual({
      perAccount: { count: 30, perMs: 1000 },
      perRecipient: { count: 3, perMs: 3000 },
    });
    expect(telegramCapabilities({ perSecond: 100, chatIntervalMs: 2000, chatBurst: 1 }).rateLimits).toEqual({
      perAccount: { count: 100, perMs: 1000 },
      perRecipient: { count: 1, perMs: 2000 },
    });
  });
});
