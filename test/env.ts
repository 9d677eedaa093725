/**
 * Real services for tests: this machine's PostgreSQL and Redis (CI sets TEST_DATABASE_URL and
 * TEST_REDIS_URL; locally the defaults point at 127.0.0.1). Each test file gets a fresh schema
 * and a fresh key prefix and removes only what it created.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Redis } from 'ioredis';

export const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestSchema {
  url: string;
  schema: string;
  env: Record<string, string>;
  drop(): Promise<void>;
}

export async function freshSchema(label = 't'): Promise<TestSchema> {
  const schema = `${label}_${randomBytes(5).toString('hex')}`;
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  await client.query(`CREATE SCHEMA "${schema}"`);
  await client.end();
  return {
    url: DATABASE_URL,
    schema,
    env: { DATABASE_URL, DATABASE_SCHEMA: schema },
    async drop() {
      const c = new pg.Client({ connectionString: DATABASE_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await c.end();
    },
  };
}

export interface TestRedis {
  prefix: string;
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

export function freshRedisPrefix(label = 't'): TestRedis {
  const prefix = `uatest-${label}-${randomBytes(5).toString('hex')}`;
  return {
    prefix,
    env: { REDIS_URL, REDIS_PREFIX: prefix },
    async cleanup() {
      const r = new Redis(REDIS_URL, { maxRetriesPerRequest: 2 });
      let cursor = '0';
      do {
        const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length) await r.del(...keys);
      } while (cursor !== '0');
      r.disconnect();
    },
  };
}

export async function servicesAvailable(): Promise<boolean> {
  try {
    const c = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 2000 });
    await c.connect();
    await c.end();
    const r = new Redis(REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 2000, lazyConnect: true });
    await r.connect();
    await r.ping();
    r.disconnect();
    return true;
  } catch {
    if (process.env.CI) throw new Error(`CI needs PostgreSQL (${DATABASE_URL}) and Redis (${REDIS_URL})`);
    return false;
  }
}
