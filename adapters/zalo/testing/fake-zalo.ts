import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { PlatformCall, PlatformFailure } from '../../../src/channels/contract.ts';
import { CS_PATH, TOKEN_PATH } from '../client.ts';

export interface FakeZalo {
  /** http://127.0.0.1:<port>: both ZALO_API_BASE and ZALO_OAUTH_BASE */
  url: string;
  /** the pair the fake accepts right now (an operator would paste it into the environment) */
  tokens: { access: string; refresh: string };
  calls: PlatformCall[];
  /** how many refresh requests reached the token endpoint (successful or not) */
  refreshCalls(): number;
  failNext(failure: PlatformFailure, times?: number): void;
  /** answers the next send calls in this order; null lets that call succeed */
  script(outcomes: Array<PlatformFailure | null>): void;
  /** the current access token stops working, as after its 25 hours */
  expireAccessToken(): void;
  /** the token endpoint waits this long before answering (to make refreshes overlap) */
  setRefreshDelay(ms: number): void;
  reset(): void;
  close(): Promise<void>;
}

const hex = (n: number) => randomBytes(n).toString('hex');

/**
 * A local stand-in for openapi.zalo.me and oauth.zaloapp.com that answers the way Zalo does
 * (platforms.md §1.3, §1.5, §1.9): HTTP 200 with `error` 0 or negative, single-use refresh tokens,
 * an old access token refused with -216 once it was replaced or expired.
 */
export async function startFakeZalo(opts: { appId: string; appSecret: string }): Promise<FakeZalo> {
  const app: FastifyInstance = Fastify({ logger: false });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  const state = {
    tokens: { access: `acc-${hex(12)}`, refresh: `ref-${hex(12)}` },
    calls: [] as PlatformCall[],
    failures: [] as Array<PlatformFailure | null>,
    refreshCalls: 0,
    refreshDelayMs: 0,
  };
  const record = (method: string, path: string, headers: Record<string, unknown>, body: unknown) => {
    const flat = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    state.calls.push({ method, path, headers: flat, body });
  };

  app.post(CS_PATH, async (req, reply) => {
    record('POST', CS_PATH, req.headers, req.body);
    const failure = state.failures.shift();
    switch (failure) {
      case 'rate_limited':
        return { error: -32, message: 'The request exceeded the limit of requests per minute' };
      case 'server_error':
        return reply.code(503).type('text/html').send('<html><body>503 Service Unavailable</body></html>');
      case 'token_expired':
        state.tokens.access = `acc-${hex(12)}`;
        break;
      case 'window_closed':
        return { error: -230, message: 'User has not interacted with the OA in the past 7 days' };
      case 'blocked':
        return { error: -213, message: 'User has not followed OA' };
      case 'bad_request':
        return { error: -201, message: 'Parameters are invalid' };
      case null:
      case undefined:
        break;
    }
    if (req.headers.access_token !== state.tokens.access) return { error: -216, message: 'Access token is invalid' };
    const body = req.body as { recipient?: { user_id?: string; message_id?: string }; message?: unknown } | undefined;
    if (!body?.recipient || (!body.recipient.user_id && !body.recipient.message_id) || !body.message) {
      return { error: -201, message: 'Parameters are invalid' };
    }
    return {
      error: 0,
      message: 'Success',
      data: { message_id: hex(16), user_id: body.recipient.user_id ?? '', quota: { quota_type: body.recipient.message_id ? 'reply' : 'sub_quota' } },
    };
  });

  app.post(TOKEN_PATH, async (req) => {
    const form = (req.body ?? {}) as Record<string, string>;
    record('POST', TOKEN_PATH, req.headers, { ...form });
    state.refreshCalls++;
    if (state.refreshDelayMs) await new Promise((r) => setTimeout(r, state.refreshDelayMs));
    if (req.headers.secret_key !== opts.appSecret || form.app_id !== opts.appId) {
      return { error: -14002, error_name: 'Invalid app', error_description: 'app_id or secret_key is invalid' };
    }
    if (form.grant_type !== 'refresh_token' || form.refresh_token !== state.tokens.refresh) {
      return { error: -14014, error_name: 'Invalid refresh token', error_description: 'Refresh token is invalid or expired' };
    }
    state.tokens = { access: `acc-${hex(12)}`, refresh: `ref-${hex(12)}` };
    return { access_token: state.tokens.access, refresh_token: state.tokens.refresh, expires_in: '90000' };
  });

  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}`,
    get tokens() {
      return { ...state.tokens };
    },
    get calls() {
      return state.calls;
    },
    refreshCalls: () => state.refreshCalls,
    failNext(failure, times = 1) {
      for (let i = 0; i < times; i++) state.failures.push(failure);
    },
    script(outcomes) {
      state.failures.push(...outcomes);
    },
    expireAccessToken() {
      state.tokens.access = `acc-${hex(12)}`;
    },
    setRefreshDelay(ms) {
      state.refreshDelayMs = ms;
    },
    reset() {
      state.calls = [];
      state.failures = [];
      state.refreshCalls = 0;
    },
    close: () => app.close(),
  };
}
