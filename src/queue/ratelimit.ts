import { Redis } from 'ioredis';

export interface Rate {
  count: number;
  perMs: number;
}

export interface Bucket {
  key: string;
  rate: Rate;
}

/**
 * Outbound rate limits (Telegram ~30 messages/s per bot and ~1/s per chat, Messenger per Page...).
 * A sliding log: at most `count` sends in ANY window of `perMs`, which is what the platforms
 * measure (a token bucket would let twice the rate through right after an idle period). A send
 * takes a slot in every bucket it belongs to (the chat AND the bot) or in none: taking the chat's
 * slot and then being refused by the bot's would waste the chat's. With Redis the logs are
 * shared by every worker process.
 */
export interface RateLimiter {
  /** takes one slot in each bucket, all or nothing; resolves 0 when granted, else the ms to wait */
  take(buckets: Bucket[]): Promise<number>;
  /** nothing goes through `key` for `ms` (a platform's 429 retry_after) */
  block(key: string, ms: number): Promise<void>;
  close(): Promise<void>;
}

export class MemoryRateLimiter implements RateLimiter {
  private readonly logs = new Map<string, number[]>();
  private readonly blocks = new Map<string, number>();
  constructor(private readonly now: () => number = Date.now) {}

  async take(buckets: Bucket[]): Promise<number> {
    const now = this.now();
    let wait = 0;
    const logs = buckets.map(({ key, rate }) => {
      const blockedUntil = this.blocks.get(key) ?? 0;
      if (blockedUntil > now) wait = Math.max(wait, blockedUntil - now);
      const log = (this.logs.get(key) ?? []).filter((t) => t > now - rate.perMs);
      this.logs.set(key, log);
      if (log.length >= rate.count) wait = Math.max(wait, log[log.length - rate.count]! + rate.perMs - now);
      return log;
    });
    if (wait > 0) return wait;
    for (const log of logs) log.push(now);
    return 0;
  }

  async block(key: string, ms: number): Promise<void> {
    this.blocks.set(key, Math.max(this.blocks.get(key) ?? 0, this.now() + ms));
  }

  async close(): Promise<void> {}
}

// The same logs in Redis (one sorted set of send times per bucket), checked and taken in one
// atomic script, on Redis's own clock. KEYS: log1, block1, log2, block2...; ARGV: count, perMs
// per bucket, then a unique member.
const TAKE_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local n = #KEYS / 2
local wait = 0
for i = 1, n do
  local log, block = KEYS[2 * i - 1], KEYS[2 * i]
  local count, per = tonumber(ARGV[2 * i - 1]), tonumber(ARGV[2 * i])
  local blocked = tonumber(redis.call('GET', block) or '0')
  if blocked - now > wait then wait = blocked - now end
  redis.call('ZREMRANGEBYSCORE', log, '-inf', now - per)
  local size = redis.call('ZCARD', log)
  if size >= count then
    local oldest = redis.call('ZRANGE', log, size - count, size - count, 'WITHSCORES')
    local w = tonumber(oldest[2]) + per - now
    if w > wait then wait = w end
  end
end
if wait > 0 then return math.max(1, wait) end
for i = 1, n do
  redis.call('ZADD', KEYS[2 * i - 1], now, ARGV[2 * n + 1])
  redis.call('PEXPIRE', KEYS[2 * i - 1], tonumber(ARGV[2 * i]) + 1000)
end
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

  async take(buckets: Bucket[]): Promise<number> {
    if (buckets.length === 0) return 0;
    const keys = buckets.flatMap(({ key }) => [`${this.prefix}:rl:${key}`, `${this.prefix}:rl:${key}:block`]);
    const args = buckets.flatMap(({ rate }) => [rate.count, rate.perMs]);
    // A unique member per send: two sends in the same millisecond are two entries.
    const member = `${Date.now()}-${++this.seq}-${process.pid}`;
    return Number(await this.redis.eval(TAKE_LUA, keys.length, ...keys, ...args, member));
  }

  async block(key: string, ms: number): Promise<void> {
    await this.redis.eval(BLOCK_LUA, 1, `${this.prefix}:rl:${key}:block`, Math.ceil(ms));
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
