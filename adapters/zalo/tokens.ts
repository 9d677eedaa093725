import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Sql } from '../../src/db/client.ts';
import type { Logger } from '../../src/logger.ts';
import type { Keyring } from '../../src/security/crypto.ts';
import type { RefreshOutcome } from './client.ts';
import { classify } from './errors.ts';

/** The system_setting value (JSON). Tokens are sealed; times are ms epoch. */
interface StoredTokens {
  v: 1;
  access: string;
  refresh: string;
  /** null: unknown (tokens from the environment); used until Zalo says -216 */
  expires_at: number | null;
  /** +1 on every change: a refresh only replaces the pair it started from */
  version: number;
  /** hash of the environment's pair last applied: a changed env re-seeds, an unchanged one never clobbers rotated tokens */
  env_seed: string | null;
  /** refresh lease: one process at a time may spend the single-use refresh token */
  refreshing_until: number | null;
  refreshed_at: number | null;
  last_error: string | null;
}

export interface AccessToken {
  token: string;
  version: number;
  expiresAt: number | null;
}

export type TokenResult = { ok: true; token: AccessToken } | { ok: false; reason: string; retryAfterMs: number };

export interface TokenStatus {
  version: number;
  expiresAt: number | null;
  refreshedAt: number | null;
  refreshingUntil: number | null;
  lastError: string | null;
}

export interface TokenStoreDeps {
  sql: Sql;
  keyring: Keyring;
  oaId: string;
  refresher: (refreshToken: string) => Promise<RefreshOutcome>;
  now: () => number;
  log: Logger;
  /** refresh when less than this is left */
  marginMs: number;
  rateBackoffMs: number;
  initial?: { access: string; refresh: string };
  /** longer than one refresh call can take (client timeout 10 s), so a lease never expires mid-call */
  leaseMs?: number;
  pollMs?: number;
  /** how long a process trusts its copy before re-reading the row */
  cacheMs?: number;
}

/** How long sends wait before trying again when there is no usable token (an admin must act). */
const NO_TOKEN_RETRY_MS = 5 * 60_000;

export function tokenSettingKey(oaId: string): string {
  return `zalo:tokens:${oaId}`;
}

export function envSeed(pair: { access: string; refresh: string } | undefined): string | null {
  return pair ? createHash('sha256').update(`${pair.access}\n${pair.refresh}`).digest('hex').slice(0, 32) : null;
}

/**
 * The OA's token pair in `system_setting`, shared by every process. Refresh tokens are single
 * use (platforms.md §1.3): two processes refreshing with the same one would leave one of them,
 * or the OA, logged out. The Sql interface has no transactions, so the lock is a lease inside
 * the row taken by one conditional UPDATE: only the process whose UPDATE matched refreshes; the
 * others poll the row until the version moves on.
 */
export class ZaloTokenStore {
  private readonly key: string;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly cacheMs: number;
  private cached?: { rec: StoredTokens; readAt: number };
  private seeded?: Promise<void>;
  private inflight?: Promise<TokenResult>;
  /** a refresh Zalo refused is not retried for a while (each attempt would be refused again) */
  private refused?: { version: number; until: number; reason: string };

  constructor(private readonly deps: TokenStoreDeps) {
    this.key = tokenSettingKey(deps.oaId);
    this.leaseMs = deps.leaseMs ?? 30_000;
    this.pollMs = deps.pollMs ?? 200;
    this.cacheMs = deps.cacheMs ?? 30_000;
  }

  /** A token to send with, refreshed first when it is about to expire. */
  async accessToken(): Promise<TokenResult> {
    const rec = await this.read(false);
    if (!rec) return this.missing();
    const current = this.open(rec);
    if (!current.ok) return current;
    const now = this.deps.now();
    if (rec.expires_at !== null && rec.expires_at - now < this.deps.marginMs) {
      const refreshed = await this.refresh(rec.version);
      // A failed early refresh is not fatal while the old token still lives.
      if (refreshed.ok || rec.expires_at <= now) return refreshed;
    }
    return current;
  }

  /**
   * Replaces the token of `staleVersion` (the one Zalo refused, or about to expire). If another
   * process already did, its result is used without calling Zalo.
   */
  refresh(staleVersion: number): Promise<TokenResult> {
    this.inflight ??= this.refreshShared(staleVersion).finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  /** Operator-supplied tokens (zalo:set-tokens): a new version; a lease in progress is void. */
  async set(access: string, refresh: string, expiresInSec: number | undefined, envPair?: { access: string; refresh: string }): Promise<number> {
    const now = this.deps.now();
    const value = this.record(access, refresh, expiresInSec === undefined ? null : now + expiresInSec * 1000, envSeed(envPair), now);
    const rows = await this.deps.sql.query<{ version: number }>(
      `INSERT INTO system_setting (key, value, updated_at) VALUES ($1, $2::jsonb, now())
       ON CONFLICT (key) DO UPDATE
          SET value = EXCLUDED.value || jsonb_build_object('version', coalesce((system_setting.value->>'version')::int, 0) + 1),
              updated_at = now()
       RETURNING (value->>'version')::int AS version`,
      [this.key, JSON.stringify(value)],
    );
    this.cached = undefined;
    this.refused = undefined;
    return Number(rows[0]?.version ?? 1);
  }

  async status(): Promise<TokenStatus | null> {
    const rec = await this.read(true);
    return rec
      ? { version: rec.version, expiresAt: rec.expires_at, refreshedAt: rec.refreshed_at, refreshingUntil: rec.refreshing_until, lastError: rec.last_error }
      : null;
  }

  private async refreshShared(staleVersion: number): Promise<TokenResult> {
    const refused = this.refused;
    if (refused && refused.version === staleVersion && refused.until > this.deps.now()) {
      return { ok: false, reason: refused.reason, retryAfterMs: NO_TOKEN_RETRY_MS };
    }
    // Waiting up to a lease and a half covers a refresher that died holding the lease.
    const rounds = Math.ceil((this.leaseMs * 1.5) / this.pollMs);
    for (let round = 0; round < rounds; round++) {
      const rec = await this.read(true);
      if (!rec) return this.missing();
      if (rec.version !== staleVersion) return this.open(rec);
      const now = this.deps.now();
      const leased = await this.deps.sql.query<{ value: StoredTokens }>(
        `UPDATE system_setting
            SET value = value || jsonb_build_object('refreshing_until', $3::bigint), updated_at = now()
          WHERE key = $1 AND (value->>'version')::int = $2
            AND coalesce((value->>'refreshing_until')::bigint, 0) < $4::bigint
        RETURNING value`,
        [this.key, staleVersion, now + this.leaseMs, now],
      );
      if (leased[0]) return this.refreshHolding(parse(leased[0].value));
      await sleep(this.pollMs);
    }
    return { ok: false, reason: 'Zalo token refresh is taking too long in another process', retryAfterMs: this.leaseMs };
  }

  /** We hold the lease on `rec`: spend its refresh token and store the new pair. */
  private async refreshHolding(rec: StoredTokens): Promise<TokenResult> {
    let refreshToken: string;
    try {
      refreshToken = this.deps.keyring.open(rec.refresh);
    } catch {
      await this.release(rec.version, 'sealed token unreadable');
      return { ok: false, reason: UNREADABLE, retryAfterMs: NO_TOKEN_RETRY_MS };
    }
    const outcome = await this.deps.refresher(refreshToken);
    const now = this.deps.now();
    if (!outcome.ok) {
      const verdict = classify(outcome.failure, this.deps.rateBackoffMs);
      const reason = outcome.rejected
        ? `Zalo refused the token refresh (${verdict.reason.replace(/^Zalo (error )?/, '')}). An administrator must authorize the app for the OA again and run "zalo:set-tokens".`
        : `Zalo token refresh failed, will try again: ${verdict.reason}`;
      await this.release(rec.version, reason);
      this.deps.log.warn({ oaId: this.deps.oaId, version: rec.version, rejected: outcome.rejected }, 'zalo token refresh failed');
      if (outcome.rejected) {
        this.refused = { version: rec.version, until: now + NO_TOKEN_RETRY_MS, reason };
        return { ok: false, reason, retryAfterMs: NO_TOKEN_RETRY_MS };
      }
      return { ok: false, reason, retryAfterMs: verdict.action === 'retry' && verdict.retryAfterMs ? verdict.retryAfterMs : 5_000 };
    }
    const next: StoredTokens = {
      ...this.record(outcome.access, outcome.refresh, now + outcome.expiresInSec * 1000, rec.env_seed, now),
      version: rec.version + 1,
    };
    const saved = await this.deps.sql.query(
      `UPDATE system_setting SET value = $3::jsonb, updated_at = now()
        WHERE key = $1 AND (value->>'version')::int = $2 RETURNING 1`,
      [this.key, rec.version, JSON.stringify(next)],
    );
    if (!saved[0]) {
      // An operator set new tokens while we refreshed: theirs win; re-read and use them.
      this.deps.log.warn({ oaId: this.deps.oaId }, 'zalo tokens replaced during a refresh; keeping the operator tokens');
      const rec2 = await this.read(true);
      return rec2 ? this.open(rec2) : this.missing();
    }
    this.cached = { rec: next, readAt: now };
    this.deps.log.info({ oaId: this.deps.oaId, version: next.version, expiresAt: next.expires_at }, 'zalo access token refreshed');
    return { ok: true, token: { token: outcome.access, version: next.version, expiresAt: next.expires_at } };
  }

  private async release(version: number, error: string): Promise<void> {
    await this.deps.sql.query(
      `UPDATE system_setting
          SET value = value || jsonb_build_object('refreshing_until', null, 'last_error', $3::text), updated_at = now()
        WHERE key = $1 AND (value->>'version')::int = $2`,
      [this.key, version, error],
    );
    this.cached = undefined;
  }

  private async read(fresh: boolean): Promise<StoredTokens | null> {
    await (this.seeded ??= this.seed().catch((err: unknown) => {
      this.seeded = undefined;
      throw err;
    }));
    const now = this.deps.now();
    if (!fresh && this.cached && now - this.cached.readAt < this.cacheMs) return this.cached.rec;
    const row = (await this.deps.sql.query<{ value: unknown }>(`SELECT value FROM system_setting WHERE key = $1`, [this.key]))[0];
    if (!row) {
      this.cached = undefined;
      return null;
    }
    const rec = parse(row.value);
    this.cached = { rec, readAt: now };
    return rec;
  }

  /** The environment's pair goes in when there is none yet, or when the environment changed since. */
  private async seed(): Promise<void> {
    const initial = this.deps.initial;
    if (!initial) return;
    const now = this.deps.now();
    await this.deps.sql.query(
      `INSERT INTO system_setting (key, value, updated_at) VALUES ($1, $2::jsonb, now())
       ON CONFLICT (key) DO UPDATE
          SET value = EXCLUDED.value || jsonb_build_object('version', coalesce((system_setting.value->>'version')::int, 0) + 1),
              updated_at = now()
        WHERE system_setting.value->>'env_seed' IS DISTINCT FROM EXCLUDED.value->>'env_seed'`,
      [this.key, JSON.stringify(this.record(initial.access, initial.refresh, null, envSeed(initial), now))],
    );
  }

  private record(access: string, refresh: string, expiresAt: number | null, seed: string | null, now: number): StoredTokens {
    return {
      v: 1,
      access: this.deps.keyring.seal(access),
      refresh: this.deps.keyring.seal(refresh),
      expires_at: expiresAt,
      version: 1,
      env_seed: seed,
      refreshing_until: null,
      refreshed_at: now,
      last_error: null,
    };
  }

  private open(rec: StoredTokens): TokenResult {
    try {
      return { ok: true, token: { token: this.deps.keyring.open(rec.access), version: rec.version, expiresAt: rec.expires_at } };
    } catch {
      return { ok: false, reason: UNREADABLE, retryAfterMs: NO_TOKEN_RETRY_MS };
    }
  }

  private missing(): TokenResult {
    return {
      ok: false,
      reason: 'No Zalo access token yet: set ZALO_ACCESS_TOKEN and ZALO_REFRESH_TOKEN or run "zalo:set-tokens".',
      retryAfterMs: NO_TOKEN_RETRY_MS,
    };
  }
}

const UNREADABLE = 'The stored Zalo tokens cannot be decrypted (APP_SECRET changed?): run "zalo:set-tokens" again.';

function parse(value: unknown): StoredTokens {
  const v = (typeof value === 'string' ? JSON.parse(value) : value) as Partial<StoredTokens>;
  const num = (x: unknown) => (x === null || x === undefined ? null : Number(x));
  return {
    v: 1,
    access: String(v.access ?? ''),
    refresh: String(v.refresh ?? ''),
    expires_at: num(v.expires_at),
    version: Number(v.version ?? 1),
    env_seed: v.env_seed ?? null,
    refreshing_until: num(v.refreshing_until),
    refreshed_at: num(v.refreshed_at),
    last_error: v.last_error ?? null,
  };
}
