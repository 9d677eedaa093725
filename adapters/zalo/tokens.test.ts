import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { ZaloClient } from './client.ts';
import { createZaloAdapter } from './index.ts';
import { startFakeZalo, type FakeZalo } from './testing/fake-zalo.ts';
import { TEST_APP_ID, TEST_APP_SECRET, TEST_OA_ID } from './testing/sign.ts';
import { openTestDatabase, sendRequest, silentLog, testConfig, testKeyring } from './testing/setup.ts';
import { tokenSettingKey, ZaloTokenStore, type TokenStoreDeps } from './tokens.ts';

let db: Database;
let fake: FakeZalo;
let clock = 1_780_000_000_000;

beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(() => db.close());
beforeEach(async () => {
  fake = await startFakeZalo({ appId: TEST_APP_ID, appSecret: TEST_APP_SECRET });
  await db.sql.query(`DELETE FROM system_setting WHERE key LIKE 'zalo:%'`);
});
afterEach(() => fake.close());

/** One store = one process's view of the shared row. */
function store(over: Partial<TokenStoreDeps> = {}): ZaloTokenStore {
  const client = new ZaloClient({ apiBase: fake.url, oauthBase: fake.url, appId: TEST_APP_ID, appSecret: TEST_APP_SECRET });
  return new ZaloTokenStore({
    sql: db.sql,
    keyring: testKeyring,
    oaId: TEST_OA_ID,
    refresher: (t) => client.refreshToken(t),
    now: () => clock,
    log: silentLog,
    marginMs: 3_600_000,
    rateBackoffMs: 30_000,
    initial: fake.tokens,
    leaseMs: 2_000,
    pollMs: 20,
    ...over,
  });
}

function adapter() {
  return createZaloAdapter({ config: testConfig(fake), sql: db.sql, sink: { accept: async () => ({ status: 'accepted', conversationId: '', inboxId: '' }) }, keyring: testKeyring, log: silentLog, now: () => clock, tokenPollMs: 20 });
}

async function row() {
  const r = await db.sql.query<{ value: any }>(`SELECT value FROM system_setting WHERE key = $1`, [tokenSettingKey(TEST_OA_ID)]);
  return r[0]?.value;
}

const text = { kind: 'text' as const, text: 'Chào bạn' };
const csCalls = () => fake.calls.filter((c) => c.path === '/v3.0/oa/message/cs');

describe('Zalo tokens', () => {
  it('seeds the environment pair into system_setting, sealed', async () => {
    const initial = fake.tokens;
    const r = await store().accessToken();
    expect(r).toMatchObject({ ok: true, token: { token: initial.access, version: 1, expiresAt: null } });
    const stored = JSON.stringify(await row());
    expect(stored).not.toContain(initial.access);
    expect(stored).not.toContain(initial.refresh);
  });

  it('on -216 refreshes once (oauth v4, secret_key header) and resends with the new token', async () => {
    const a = adapter();
    fake.expireAccessToken();
    const result = await a.send(sendRequest(text));
    expect(result).toMatchObject({ ok: true, platformMessageId: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(fake.calls.map((c) => c.path)).toEqual(['/v3.0/oa/message/cs', '/v4/oa/access_token', '/v3.0/oa/message/cs']);
    const refresh = fake.calls[1]!;
    expect(refresh.headers).toMatchObject({ secret_key: TEST_APP_SECRET, 'content-type': 'application/x-www-form-urlencoded' });
    expect(refresh.body).toMatchObject({ app_id: TEST_APP_ID, grant_type: 'refresh_token' });
    expect(fake.calls[2]!.headers.access_token).toBe(fake.tokens.access);
    expect(await row()).toMatchObject({ version: 2, expires_at: clock + 90_000_000, refreshing_until: null });
  });

  it('a second -216 right after the refresh is a retryable failure, not a loop', async () => {
    fake.failNext('token_expired', 2);
    const result = await adapter().send(sendRequest(text));
    expect(result).toMatchObject({ ok: false, retry: true, reason: expect.stringMatching(/even with a freshly refreshed token/) });
    expect(fake.refreshCalls()).toBe(1);
    expect(csCalls()).toHaveLength(2);
  });

  it('two processes refreshing at once call the refresh endpoint once and share the new token', async () => {
    fake.setRefreshDelay(300);
    const a = store();
    const b = store();
    await a.accessToken();
    await b.accessToken();
    const [ra, rb, ra2] = await Promise.all([a.refresh(1), b.refresh(1), a.refresh(1)]);
    expect(fake.refreshCalls()).toBe(1);
    for (const r of [ra, rb, ra2]) expect(r).toMatchObject({ ok: true, token: { token: fake.tokens.access, version: 2 } });
  });

  it('two senders hitting -216 together: one refresh, both messages delivered', async () => {
    fake.setRefreshDelay(200);
    const p1 = adapter();
    const p2 = adapter();
    await p1.send(sendRequest(text));
    await p2.send(sendRequest(text));
    fake.reset();
    fake.expireAccessToken();
    const results = await Promise.all([p1.send(sendRequest(text)), p2.send(sendRequest(text)), p1.send(sendRequest(text))]);
    expect(results.map((r) => r.ok)).toEqual([true, true, true]);
    expect(fake.refreshCalls()).toBe(1);
  });

  it('refreshes ahead of expiry, and not when plenty is left', async () => {
    const s = store();
    await s.set(fake.tokens.access, fake.tokens.refresh, 90_000);
    expect((await s.accessToken()).ok).toBe(true);
    expect(fake.refreshCalls()).toBe(0);
    await s.set(fake.tokens.access, fake.tokens.refresh, 1_800); // 30 min left, margin 1 h
    const r = await s.accessToken();
    expect(fake.refreshCalls()).toBe(1);
    expect(r).toMatchObject({ ok: true, token: { token: fake.tokens.access } });
  });

  it('a refresh Zalo refuses tells the officer what to do and is not hammered', async () => {
    const s = store({ initial: { access: 'dead-access', refresh: 'already-used-refresh' } });
    const first = await s.refresh(1);
    expect(first).toMatchObject({ ok: false, reason: expect.stringMatching(/-14014.*zalo:set-tokens/), retryAfterMs: 300_000 });
    expect((await s.refresh(1)).ok).toBe(false);
    expect(fake.refreshCalls()).toBe(1);
    expect(await row()).toMatchObject({ refreshing_until: null, last_error: expect.stringMatching(/refused/) });
    // the operator fixes it: new version, works again
    await s.set(fake.tokens.access, fake.tokens.refresh, 90_000);
    expect(await s.accessToken()).toMatchObject({ ok: true, token: { token: fake.tokens.access, version: 2 } });
  });

  it('without any token, sends wait (retryable) with instructions', async () => {
    const s = store({ initial: undefined });
    expect(await s.accessToken()).toMatchObject({ ok: false, reason: expect.stringMatching(/ZALO_ACCESS_TOKEN.*zalo:set-tokens/) });
  });

  it('a restart with the same environment keeps the rotated pair; a changed environment replaces it', async () => {
    const envPair = fake.tokens;
    const first = store({ initial: envPair });
    await first.accessToken();
    await first.refresh(1);
    const rotated = fake.tokens;
    expect(rotated.access).not.toBe(envPair.access);

    const restarted = store({ initial: envPair });
    expect(await restarted.accessToken()).toMatchObject({ ok: true, token: { token: rotated.access, version: 2 } });

    const reconfigured = store({ initial: { access: 'new-env-access', refresh: 'new-env-refresh' } });
    expect(await reconfigured.accessToken()).toMatchObject({ ok: true, token: { token: 'new-env-access', version: 3 } });
  });

  it('tokens set by the operator survive a restart with the older environment pair', async () => {
    const envPair = { access: 'env-access', refresh: 'env-refresh' };
    await store({ initial: envPair }).set('cli-access', 'cli-refresh', 90_000, envPair);
    expect(await store({ initial: envPair }).accessToken()).toMatchObject({ ok: true, token: { token: 'cli-access' } });
  });

  it('takes over the lease of a process that died while refreshing', async () => {
    const s = store({ now: () => Date.now(), leaseMs: 400 });
    await s.accessToken();
    await db.sql.query(`UPDATE system_setting SET value = value || jsonb_build_object('refreshing_until', $2::bigint) WHERE key = $1`, [
      tokenSettingKey(TEST_OA_ID),
      Date.now() + 250,
    ]);
    const started = Date.now();
    const r = await s.refresh(1);
    expect(r).toMatchObject({ ok: true, token: { version: 2 } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(fake.refreshCalls()).toBe(1);
  });

  it('a stored pair that cannot be decrypted asks for set-tokens', async () => {
    await store().accessToken();
    await db.sql.query(`UPDATE system_setting SET value = value || '{"access":"v1.x.y.z"}'::jsonb WHERE key = $1`, [tokenSettingKey(TEST_OA_ID)]);
    expect(await store().accessToken()).toMatchObject({ ok: false, reason: expect.stringMatching(/decrypted/) });
  });
});
