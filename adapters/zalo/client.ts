import { request } from 'undici';
import type { ZaloFailure } from './errors.ts';

export const CS_PATH = '/v3.0/oa/message/cs';
export const TOKEN_PATH = '/v4/oa/access_token';

export type SendOutcome = { ok: true; messageId?: string; quotaType?: string } | { ok: false; failure: ZaloFailure };

export type RefreshOutcome =
  | { ok: true; access: string; refresh: string; expiresInSec: number }
  /** `rejected`: Zalo answered and said no (used or revoked refresh token, wrong secret): waiting will not help */
  | { ok: false; failure: ZaloFailure; rejected: boolean };

export interface ZaloClientOptions {
  apiBase: string;
  oauthBase: string;
  appId: string;
  appSecret: string;
  /** Zalo answers in well under a second; a hung call must not hold a delivery slot */
  timeoutMs?: number;
}

/** The few OA Open API calls the adapter makes. Base URLs are configuration so tests use a fake. */
export class ZaloClient {
  private readonly timeoutMs: number;

  constructor(private readonly opts: ZaloClientOptions) {
    this.timeoutMs = opts.timeoutMs ?? 10_000;
  }

  /** One consultation message. The token goes in the `access_token` header, not Authorization. */
  async sendCs(accessToken: string, body: unknown): Promise<SendOutcome> {
    const res = await this.post(`${this.opts.apiBase}${CS_PATH}`, { 'content-type': 'application/json', access_token: accessToken }, JSON.stringify(body));
    if (!res.ok) return res;
    const json = res.json as { error?: unknown; message?: unknown; data?: { message_id?: unknown; quota?: { quota_type?: unknown } } } | undefined;
    const code = Number(json?.error ?? NaN);
    if (!json || !Number.isFinite(code)) return { ok: false, failure: { kind: 'http', status: res.status === 200 ? 502 : res.status } };
    if (code !== 0) return { ok: false, failure: { kind: 'api', code, message: String(json.message ?? '') } };
    const data = json.data ?? {};
    return {
      ok: true,
      ...(data.message_id !== undefined ? { messageId: String(data.message_id) } : {}),
      ...(data.quota?.quota_type !== undefined ? { quotaType: String(data.quota.quota_type) } : {}),
    };
  }

  /** OAuth v4 refresh (platforms.md §1.3): form body, `secret_key` header = app secret. Rotates both tokens. */
  async refreshToken(refreshToken: string): Promise<RefreshOutcome> {
    const form = new URLSearchParams({ refresh_token: refreshToken, app_id: this.opts.appId, grant_type: 'refresh_token' });
    const res = await this.post(
      `${this.opts.oauthBase}${TOKEN_PATH}`,
      { 'content-type': 'application/x-www-form-urlencoded', secret_key: this.opts.appSecret },
      form.toString(),
    );
    if (!res.ok) return { ...res, rejected: false };
    const json = res.json as Record<string, unknown> | undefined;
    const access = json?.access_token;
    const refresh = json?.refresh_token;
    if (typeof access === 'string' && access && typeof refresh === 'string' && refresh) {
      const expires = Number(json?.expires_in);
      return { ok: true, access, refresh, expiresInSec: Number.isFinite(expires) && expires > 0 ? expires : 3600 };
    }
    if (json && json.error !== undefined) {
      const message = [json.error_name, json.error_description ?? json.error_reason].filter(Boolean).join(': ');
      return { ok: false, rejected: true, failure: { kind: 'api', code: Number(json.error), message } };
    }
    return { ok: false, rejected: false, failure: { kind: 'http', status: res.status === 200 ? 502 : res.status } };
  }

  private async post(
    url: string,
    headers: Record<string, string>,
    body: string,
  ): Promise<{ ok: true; status: number; json: unknown } | { ok: false; failure: ZaloFailure }> {
    try {
      const res = await request(url, { method: 'POST', headers, body, headersTimeout: this.timeoutMs, bodyTimeout: this.timeoutMs });
      const text = await res.body.text();
      if (res.statusCode === 429 || res.statusCode >= 400) {
        const retryAfterMs = parseRetryAfter(res.headers['retry-after']);
        return { ok: false, failure: { kind: 'http', status: res.statusCode, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) } };
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { ok: true, status: res.statusCode, json };
    } catch (err) {
      return { ok: false, failure: { kind: 'network', message: (err as { code?: string }).code ?? (err as Error).message } };
    }
  }
}

function parseRetryAfter(raw: string | string[] | undefined): number | undefined {
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (!v) return undefined;
  const seconds = Number(v);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}
