import { Redis } from 'ioredis';

export interface Rate {
  count: number;
  perMs: number;
}

/**
 * Outbound rate limits (Telegram ~30 messages/s per bot and ~1/s per chat, Messenger per Page...).
 * A sliding log: at most `count` sends in ANY window of `perMs`, which is what the platforms
 * measure (a token bucket would let twice the rate through right after an idle period). With
 * Redis the logs are shared by every worker process.
 */
export interface RateLimiter {
  /** takes one slot; resolves 0 when granted, else the ms to wait (nothing is taken then) */
  take(key: string, rate: Rate): Promise<number>;
  /** nothing goes through `key` for `ms` (a platform's 429 retry_after) */
  block(key: string, ms: number): Promise<void>;
  close(): Promise<void>;
}

export class MemoryRateLimiter implements RateLimiter {
  private readonly logs = new Map<string, number[]>();
  private readonly blocks = new Map<string, number>();
  constructor(private readonly now: () => number = Date.now) {}

  async take(key: string, rate: Rate): Promise<number> {
    const now = this.now();
    const blockedUntil = this.blocks.get(key) ?? 0;
    if (blockedUntil > now) return blockedUntil - now;
    const log = (this.logs.get(key) ?? []).filter((t) => t > now - rate.perMs);
    if (log.length >= rate.count) {
      this.logs.set(key, log);
      return log[log.length - rate.count]! + rate.perMs - now;
    }
    log.push(now);
    this.logs.set(key, log);
    return 0;
  }

  async block(key: string, ms: number): Promise<void> {
    this.blocks.set(key, Math.max(this.blocks.get(key) ?? 0, this.now() + ms));
  }

  async close(): Promise<void> {}
}

// The same log in Redis (a sorted set of send times), atomically, on Redis's own clock.
const TAKE_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local blocked = tonumber(redis.call('GET', KEYS[2]) or '0')
if blocked > now then return blocked - now end
local count = tonumber(ARGV[1])
local per = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - per)
local n = redis.call('ZCARD', KEYS[1])
if n >= count then
  local oldest = redis.call('ZRANGE', KEYS[1], n - count, n - count, 'WITHSCORES')
  return math.max(1, tonumber(oldest[2]) + per - now)
end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], per + 1000)
return 0`;

const BLOCK_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local untilMs = now + tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilMs > current then redis.call('SET', KEYS[1], tostring(untilMs), 'PX', tonumber(ARGV[1]) + 1000) end
return 0`;

export class RedisRateLimiter implements RateLimiter {
  private readonly redis: Redis;
  private seq = 0;
  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    this.redis = new Redis(url, { maxRetriesPerRequest: 2 });
    this.redis.on('error', () => {});
  }

  async take(key: string, rate: Rate): Promise<number> {
    const k = `${this.prefix}:rl:${key}`;
    // A unique member per send: two sends in the same millisecond are two entries.
    return Number(await this.redis.eval(TAKE_LUA, 2, k, `${k}:block`, rate.count, rate.perMs, `${Date.now()}-${++this.seq}-${process.pid}`));
  }

  async block(key: string, ms: number): Promise<void> {
    await this.redis.eval(BLOCK_LUA, 1, `${this.prefix}:rl:${key}:block`, Math.ceil(ms));
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
