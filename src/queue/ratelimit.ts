import { Redis } from 'ioredis';

export interface Rate {
  count: number;
  perMs: number;
}

/**
 * Outbound rate limits (Telegram ~30 messages/s per bot and 1/s per chat, Messenger per Page...).
 * GCRA ("leaky bucket as a meter"): one timestamp per key, allows a burst of `count` and then one
 * message every perMs/count. With Redis the buckets are shared by every worker process.
 */
export interface RateLimiter {
  /** takes one slot; resolves 0 when granted, else the ms to wait (nothing is taken then) */
  take(key: string, rate: Rate): Promise<number>;
  /** nothing goes through `key` for `ms` (a platform's 429 retry_after) */
  block(key: string, ms: number): Promise<void>;
  close(): Promise<void>;
}

function gcra(tat: number, now: number, rate: Rate): { wait: number; newTat: number } {
  const interval = rate.perMs / rate.count;
  const tolerance = rate.perMs - interval;
  const base = Math.max(tat, now);
  const allowAt = base - tolerance;
  // 1e-6: perMs/count is rarely exact in binary; a rounding crumb must not refuse a slot.
  if (allowAt - now > 1e-6) return { wait: Math.ceil(allowAt - now), newTat: tat };
  return { wait: 0, newTat: base + interval };
}

export class MemoryRateLimiter implements RateLimiter {
  private readonly tats = new Map<string, number>();
  private readonly blocks = new Map<string, number>();
  constructor(private readonly now: () => number = Date.now) {}

  async take(key: string, rate: Rate): Promise<number> {
    const now = this.now();
    const blockedUntil = this.blocks.get(key) ?? 0;
    if (blockedUntil > now) return blockedUntil - now;
    const r = gcra(this.tats.get(key) ?? now, now, rate);
    if (r.wait === 0) this.tats.set(key, r.newTat);
    return r.wait;
  }

  async block(key: string, ms: number): Promise<void> {
    this.blocks.set(key, Math.max(this.blocks.get(key) ?? 0, this.now() + ms));
  }

  async close(): Promise<void> {}
}

// The same algorithm in Redis, atomically, on Redis's own clock (several hosts, one notion of now).
const TAKE_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local blocked = tonumber(redis.call('GET', KEYS[2]) or '0')
if blocked > now then return blocked - now end
local interval = tonumber(ARGV[2]) / tonumber(ARGV[1])
local tolerance = tonumber(ARGV[2]) - interval
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
local allow_at = tat - tolerance
if allow_at - now > 0.000001 then return math.ceil(allow_at - now) end
redis.call('SET', KEYS[1], tostring(tat + interval), 'PX', math.ceil(tat + interval - now + tolerance) + 1000)
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
  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    this.redis = new Redis(url, { maxRetriesPerRequest: 2 });
    this.redis.on('error', () => {});
  }

  async take(key: string, rate: Rate): Promise<number> {
    const k = `${this.prefix}:rl:${key}`;
    return Number(await this.redis.eval(TAKE_LUA, 2, k, `${k}:block`, rate.count, rate.perMs));
  }

  async block(key: string, ms: number): Promise<void> {
    await this.redis.eval(BLOCK_LUA, 1, `${this.prefix}:rl:${key}:block`, Math.ceil(ms));
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
