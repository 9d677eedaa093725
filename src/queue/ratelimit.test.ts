import { afterAll, describe, expect, it } from 'vitest';
import { MemoryRateLimiter, RedisRateLimiter, type RateLimiter } from './ratelimit.ts';
import { freshRedisPrefix, servicesAvailable } from '../../test/env.ts';

describe('MemoryRateLimiter (sliding log)', () => {
  it('allows count in any window of perMs, never more', async () => {
    let now = 1_000_000;
    const rl = new MemoryRateLimiter(() => now);
    const rate = { count: 3, perMs: 1000 };
    expect(await rl.take([{ key: 'a', rate }])).toBe(0);
    now += 100;
    expect(await rl.take([{ key: 'a', rate }])).toBe(0);
    now += 100;
    expect(await rl.take([{ key: 'a', rate }])).toBe(0);
    // the 4th must wait until the 1st leaves the window (t0 + 1000)
    expect(await rl.take([{ key: 'a', rate }])).toBe(800);
    now += 800;
    expect(await rl.take([{ key: 'a', rate }])).toBe(0);
    expect(await rl.take([{ key: 'a', rate }])).toBe(100);
    expect(await rl.take([{ key: 'other', rate }])).toBe(0);
  });

  it('1 per second per chat: the second message waits a second', async () => {
    let now = 0;
    const rl = new MemoryRateLimiter(() => now);
    expect(await rl.take([{ key: 'chat', rate: { count: 1, perMs: 1000 } }])).toBe(0);
    expect(await rl.take([{ key: 'chat', rate: { count: 1, perMs: 1000 } }])).toBe(1000);
    now = 1000;
    expect(await rl.take([{ key: 'chat', rate: { count: 1, perMs: 1000 } }])).toBe(0);
  });

  it('takes the chat and the bot slot together or neither', async () => {
    const now = 0;
    const rl = new MemoryRateLimiter(() => now);
    const bot = { key: 'bot', rate: { count: 2, perMs: 1000 } };
    expect(await rl.take([{ key: 'chat-a', rate: { count: 5, perMs: 1000 } }, bot])).toBe(0);
    expect(await rl.take([{ key: 'chat-b', rate: { count: 5, perMs: 1000 } }, bot])).toBe(0);
    // the bot is full: chat-a must not lose a slot to the refusal
    expect(await rl.take([{ key: 'chat-a', rate: { count: 5, perMs: 1000 } }, bot])).toBeGreaterThan(0);
    expect(await rl.take([{ key: 'chat-a', rate: { count: 2, perMs: 1000 } }])).toBe(0);
  });

  it('honours a block (retry_after)', async () => {
    let now = 0;
    const rl = new MemoryRateLimiter(() => now);
    await rl.block('k', 5000);
    expect(await rl.take([{ key: 'k', rate: { count: 100, perMs: 1000 } }])).toBe(5000);
    now = 5000;
    expect(await rl.take([{ key: 'k', rate: { count: 100, perMs: 1000 } }])).toBe(0);
  });
});

const available = await servicesAvailable();

describe.skipIf(!available)('RedisRateLimiter', () => {
  const redis = freshRedisPrefix('rl');
  const limiters: RateLimiter[] = [];
  afterAll(async () => {
    for (const l of limiters) await l.close();
    await redis.cleanup();
  });

  it('shares one bucket between two processes worth of limiters', async () => {
    const a = new RedisRateLimiter(redis.env.REDIS_URL!, redis.prefix);
    const b = new RedisRateLimiter(redis.env.REDIS_URL!, redis.prefix);
    limiters.push(a, b);
    const rate = { count: 5, perMs: 1000 };
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).take([{ key: 'bot', rate }])));
    expect(results.filter((w) => w === 0)).toHaveLength(5);
    expect(results.filter((w) => w > 0).every((w) => w > 0 && w <= 1000)).toBe(true);
    await a.block('chat', 300);
    expect(await b.take([{ key: 'chat', rate }])).toBeGreaterThan(200);
  });
});
