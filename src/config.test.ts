import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('starts with no configuration at all (embedded default)', () => {
    const c = loadConfig({ DATA_DIR: 'memory://' });
    expect(c.PORT).toBe(3000);
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.REDIS_URL).toBeUndefined();
    expect(c.appSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('names the bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must be a postgresql:\/\/ URL/);
    expect(() => loadConfig({ REDIS_URL: 'http://x' })).toThrow(/REDIS_URL/);
    expect(() => loadConfig({ APP_SECRET: 'short' })).toThrow(/APP_SECRET: must be at least 32 characters/);
    expect(() => loadConfig({ DATABASE_SCHEMA: 'Robert"); DROP' })).toThrow(/DATABASE_SCHEMA/);
  });

  it('requires a real secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: 'memory://' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: 'memory://' })).toThrow(/APP_SECRET: required in production/);
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ DATA_DIR: 'memory://', DATABASE_URL: '', PORT: '' }).PORT).toBe(3000);
  });
});
