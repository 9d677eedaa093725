import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.ts';
import { zaloCapabilities } from './capabilities.ts';
import { loadZaloConfig } from './config.ts';
import { ChannelCapabilities } from '../../src/channels/types.ts';

const base = { ZALO_OA_ID: '579745863508352884', ZALO_APP_ID: '3482178216594085616', ZALO_OA_SECRET_KEY: 'oa-secret-key', ZALO_APP_SECRET: 'app-secret-key' };

describe('loadZaloConfig', () => {
  it('is null (channel off) without ZALO_OA_ID', () => {
    expect(loadZaloConfig({})).toBeNull();
    expect(loadZaloConfig({ ZALO_OA_ID: '', ZALO_APP_ID: '1' })).toBeNull();
  });

  it('names the missing or invalid variable when half-configured', () => {
    expect(() => loadZaloConfig({ ZALO_OA_ID: '1' })).toThrow(ConfigError);
    expect(() => loadZaloConfig({ ...base, ZALO_OA_SECRET_KEY: '' })).toThrow(/ZALO_OA_SECRET_KEY/);
    expect(() => loadZaloConfig({ ...base, ZALO_OA_ID: 'my-oa' })).toThrow(/ZALO_OA_ID/);
    expect(() => loadZaloConfig({ ...base, ZALO_ACCESS_TOKEN: 'a' })).toThrow(/ZALO_REFRESH_TOKEN/);
    expect(() => loadZaloConfig({ ...base, ZALO_CS_WINDOW_DAYS: 'seven' })).toThrow(/ZALO_CS_WINDOW_DAYS/);
  });

  it('has the documented defaults, each overridable', () => {
    const c = loadZaloConfig(base)!;
    expect(c).toMatchObject({
      apiBase: 'https://openapi.zalo.me',
      oauthBase: 'https://oauth.zaloapp.com',
      webhookMaxAgeMs: 600_000,
      window: { replyWindowMs: 48 * 3_600_000, freeReplies: 8, csWindowMs: 7 * 86_400_000, replyByMessageId: true },
      maxTextLength: 2000,
      rate: { perOaPerSecond: 20, perUserPerSecond: 5 },
    });
    expect(c.initialTokens).toBeUndefined();
    const d = loadZaloConfig({ ...base, ZALO_REPLY_WINDOW_HOURS: '24', ZALO_FREE_REPLIES: '5', ZALO_CS_WINDOW_DAYS: '3', ZALO_REPLY_BY_MESSAGE_ID: 'false', ZALO_API_BASE: 'http://127.0.0.1:9/' })!;
    expect(d.window).toEqual({ replyWindowMs: 24 * 3_600_000, freeReplies: 5, csWindowMs: 3 * 86_400_000, replyByMessageId: false });
    expect(d.apiBase).toBe('http://127.0.0.1:9');
  });

  it('declares capabilities as valid data: no native choices, text limit and rate limits from config', () => {
    const caps = zaloCapabilities(loadZaloConfig({ ...base, ZALO_MAX_TEXT_LENGTH: '1500', ZALO_RATE_PER_OA_PER_SECOND: '8' })!);
    expect(ChannelCapabilities.parse(caps)).toEqual(caps);
    expect(caps).toMatchObject({ maxTextLength: 1500, choices: { native: false }, requestContact: false, media: true, rateLimits: { perAccount: { count: 8, perMs: 1000 } } });
    expect(zaloCapabilities(loadZaloConfig({ ...base, ZALO_REQUEST_INFO_IMAGE_URL: 'https://congdoan.vn/banner.png' })!).requestContact).toBe(true);
  });
});
