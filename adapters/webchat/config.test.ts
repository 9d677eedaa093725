import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.ts';
import { loadWebchatConfig } from './config.ts';

describe('WEBCHAT_RESUME_DAYS', () => {
  it('defaults to 30 days, 0 turns "remember this device" off', () => {
    expect(loadWebchatConfig({})).toEqual({ resumeDays: 30 });
    expect(loadWebchatConfig({ WEBCHAT_RESUME_DAYS: '' })).toEqual({ resumeDays: 30 });
    expect(loadWebchatConfig({ WEBCHAT_RESUME_DAYS: '0' })).toEqual({ resumeDays: 0 });
    expect(loadWebchatConfig({ WEBCHAT_RESUME_DAYS: '7' })).toEqual({ resumeDays: 7 });
  });

  it('a bad value stops start-up with a message naming the variable', () => {
    for (const bad of ['-1', 'abc', '1.5', '400']) {
      expect(() => loadWebchatConfig({ WEBCHAT_RESUME_DAYS: bad })).toThrow(ConfigError);
      expect(() => loadWebchatConfig({ WEBCHAT_RESUME_DAYS: bad })).toThrow(/WEBCHAT_RESUME_DAYS/);
    }
  });
});
