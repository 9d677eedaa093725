import { describe, expect, it } from 'vitest';
import { ChannelCapabilities } from '../../src/channels/types.ts';
import { ConfigError } from '../../src/config.ts';
import { messengerCapabilities } from './capabilities.ts';
import { loadMessengerConfig } from './config.ts';

const REQUIRED = {
  MESSENGER_PAGE_ID: '682498171943165',
  MESSENGER_PAGE_ACCESS_TOKEN: 'EAAtestPageAccessToken0123456789',
  MESSENGER_APP_SECRET: 'test-app-secret-0123456789abcdef',
  MESSENGER_VERIFY_TOKEN: 'test-verify-token',
};

describe('loadMessengerConfig', () => {
  it('is off (null) when no Messenger credential is set, whatever else is', () => {
    expect(loadMessengerConfig({})).toBeNull();
    expect(loadMessengerConfig({ MESSENGER_GRAPH_VERSION: 'v25.0', MESSENGER_PAGE_ID: '' })).toBeNull();
  });

  it('applies the defaults', () => {
    expect(loadMessengerConfig(REQUIRED)).toMatchObject({
      MESSENGER_GRAPH_BASE: 'https://graph.facebook.com',
      MESSENGER_GRAPH_VERSION: 'v25.0',
      MESSENGER_WINDOW_HOURS: 24,
      MESSENGER_HUMAN_AGENT_WINDOW_HOURS: 168,
      MESSENGER_HUMAN_AGENT_TAG: true,
      MESSENGER_RATE_PAGE_PER_SECOND: 250,
      MESSENGER_RATE_LIMIT_BACKOFF_MS: 60_000,
      MESSENGER_TYPING_INDICATOR: false,
    });
  });

  it('names the missing variable when half-configured', () => {
    const { MESSENGER_APP_SECRET: _, ...half } = REQUIRED;
    expect(() => loadMessengerConfig(half)).toThrow(ConfigError);
    expect(() => loadMessengerConfig(half)).toThrow(/MESSENGER_APP_SECRET: required when the Messenger channel is configured/);
    const { MESSENGER_PAGE_ID: __, ...noPage } = REQUIRED;
    expect(() => loadMessengerConfig(noPage)).toThrow(/MESSENGER_PAGE_ID/);
  });

  it('names the invalid variable', () => {
    expect(() => loadMessengerConfig({ ...REQUIRED, MESSENGER_GRAPH_VERSION: '21' })).toThrow(/MESSENGER_GRAPH_VERSION: must look like v25.0/);
    expect(() => loadMessengerConfig({ ...REQUIRED, MESSENGER_PAGE_ID: 'union-page' })).toThrow(/MESSENGER_PAGE_ID: must be the numeric id/);
    expect(() => loadMessengerConfig({ ...REQUIRED, MESSENGER_WINDOW_HOURS: '0' })).toThrow(/MESSENGER_WINDOW_HOURS/);
  });

  it('declares capabilities the app accepts, with the configured rate limits', () => {
    const caps = messengerCapabilities(loadMessengerConfig({ ...REQUIRED, MESSENGER_RATE_PAGE_PER_SECOND: '100', MESSENGER_RATE_RECIPIENT_PER_MINUTE: '12' })!);
    expect(ChannelCapabilities.parse(caps)).toEqual(caps);
    expect(caps).toMatchObject({
      maxTextLength: 2000,
      choices: { native: true, maxCount: 13, maxLabelLength: 20, maxKeyBytes: 1000 },
      requestContact: true,
      cards: { native: true, maxCount: 10, maxButtons: 3 },
      media: true,
      rateLimits: { perAccount: { count: 100, perMs: 1000 }, perRecipient: { count: 12, perMs: 60_000 } },
    });
  });
});
