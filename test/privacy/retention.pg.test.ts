/**
 * Two processes running the retention job at the same moment on real PostgreSQL (two pools, as
 * two worker processes would have): every due row is processed exactly once, and the sum of the
 * two runs' counts is the number of due rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { loadPrivacyConfig } from '../../src/privacy/config.ts';
import { runRetention } from '../../src/privacy/retention.ts';
import { createKeyring } from '../../src/security/crypto.ts';
import { freshSchema, servicesAvailable, type TestSchema } from '../env.ts';

const available = await servicesAvailable();
const keyring = createKeyring('retention-pg-test-secret-0123456789abcdef');
const NOW = new Date('2027-06-01T03:00:00Z');

describe.skipIf(!available)('retention on PostgreSQL, two processes at once', () => {
  let schema: TestSchema;
  let a: Database;
  let b: Database;

  beforeAll(async () => {
    schema = await freshSchema('privacy');
    a = await openDatabase({ url: schema.url, schema: schema.schema, poolMax: 4, dataDir: '' });
    await a.migrate();
    b = await openDatabase({ url: schema.url, schema: schema.schema, poolMax: 4, dataDir: '' });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await schema?.drop();
  });

  it('processes each due row once', async () => {
    const [unit] = await a.sql.query<{ id: string; path: string }>(
      `INSERT INTO org_unit (id, code, name, search_key, kind, path) VALUES (gen_random_uuid(), 'CS-T', 'CĐCS thử', 'cdcs thu', 'grassroots', '/T/') RETURNING id::text, path`,
    );
    const [ident] = await a.sql.query<{ id: string }>(
      `INSERT INTO channel_identity (id, channel, account_id, platform_user_id) VALUES (gen_random_uuid(), 'webchat', 't', 'u1') RETURNING id::text`,
    );
    const [conv] = await a.sql.query<{ id: string }>(
      `INSERT INTO conversation (id, identity_id, channel, account_id, external_id, updated_at) VALUES (gen_random_uuid(), $1::uuid, 'webchat', 't', 'u1', now()) RETURNING id::text`,
      [ident!.id],
    );
    await a.sql.query(
      `INSERT INTO inbox_message (dedupe_key, conversation_id, event, status, received_at)
       SELECT 'k' || g, $1::uuid, jsonb_build_object('kind', 'text', 'sealed', 'x'), 'done', $2::timestamptz - interval '400 days' FROM generate_series(1, 3000) g`,
      [conv!.id, NOW],
    );
    await a.sql.query(
      `INSERT INTO grievance_case (id, code, access_key_hash, status, category, employer, province_code, routed_to_id, routed_path, description_enc, identity_id, conversation_id, channel, updated_at)
       SELECT gen_random_uuid(), 'PA-T-' || g, 'h', 'dong', 'wages', 'Công ty A', '01', $1::uuid, $2, $3, $4::uuid, $5::uuid, 'webchat', $6::timestamptz - interval '900 days'
         FROM generate_series(1, 300) g`,
      [unit!.id, unit!.path, keyring.seal('nội dung'), ident!.id, conv!.id, NOW],
    );
    const config = loadPrivacyConfig({ PRIVACY_RETENTION_BATCH: '50' });
    const [r1, r2] = await Promise.all([
      runRetention({ sql: a.sql, keyring, config }, NOW),
      runRetention({ sql: b.sql, keyring, config }, NOW),
    ]);
    expect(r1.counts.inbox_text + r2.counts.inbox_text).toBe(3000);
    expect(r1.counts.closed_cases + r2.counts.closed_cases).toBe(300);
    const [left] = await a.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM inbox_message WHERE event ? 'sealed'`);
    expect(left!.n).toBe(0);
    const events = await a.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM grievance_case_event WHERE kind = 'anonymized' GROUP BY case_id`,
    );
    expect(events).toHaveLength(300);
    expect(events.every((e) => e.n === 1)).toBe(true);
    const audits = await a.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'retention_run'`);
    expect(audits[0]!.n).toBe(2);
  });
});
