import type { SendResult } from '../../src/channels/types.ts';
import type { GraphFailure } from './client.ts';

type Failed = Extract<SendResult, { ok: false }>;

export interface ClassifyContext {
  /** 1 on the first try (SendRequest.attempt) */
  attempt: number;
  /** MESSENGER_RATE_LIMIT_BACKOFF_MS */
  rateLimitBackoffMs: number;
  /** jitter source, pinned in tests */
  random?: () => number;
}

const RATE_LIMIT_CODES = new Set([4, 17, 32, 613]);
const WINDOW_SUBCODES = new Set([2018278, 2018065]);
// Graph's "unknown" and "service" errors and the old temporary send failure are documented as transient.
const TRANSIENT_CODES = new Set([1, 2, 1200]);

/**
 * A failed Send API call -> whether the delivery queue should try again (platforms.md 2.9, 5.4).
 * Reasons are read by officers in the dead-letter list, so they say what happened and what to do.
 */
export function classifyFailure(res: GraphFailure, ctx: ClassifyContext): Failed {
  if ('network' in res) return { ok: false, retry: true, reason: `Messenger unreachable (${res.network || 'network error'}); will retry` };
  const { code, error_subcode: sub } = res.error;
  const tag = `Messenger error ${code ?? res.status}${sub ? `/${sub}` : ''}${res.error.fbtrace_id ? ` (fbtrace ${res.error.fbtrace_id})` : ''}`;
  const message = (res.error.message ?? '').trim().replace(/\.+$/, '');
  const said = message ? ` (${message})` : '';

  if (code !== undefined && RATE_LIMIT_CODES.has(code)) {
    // Meta gives no Retry-After: back off for minutes, doubling, with a little jitter so a whole
    // Page's queue does not come back in the same second.
    const base = ctx.rateLimitBackoffMs * 2 ** Math.min(Math.max(ctx.attempt - 1, 0), 4);
    const retryAfterMs = Math.round(base * (1 + 0.1 * (ctx.random ?? Math.random)()));
    return { ok: false, retry: true, retryAfterMs, reason: `${tag}: rate limit reached${said}; retrying in ${Math.round(retryAfterMs / 1000)} s` };
  }
  if (code === 551) return permanent(`${tag}: the worker cannot be reached on Messenger (blocked the Page, turned messages off or deactivated the account)`);
  if (code === 10 && sub !== undefined && WINDOW_SUBCODES.has(sub)) {
    return permanent(`${tag}: messaging window closed, the worker has not written in the allowed time; answer through another channel or wait until they write again`);
  }
  if (code === 10 && sub === 1893063) return permanent(`${tag}: the Page is temporarily restricted from sending messages; check the Page's quality in Meta Business Suite`);
  if (code === 190) {
    return permanent(`${tag}: the Page access token is invalid or expired${said}. Generate a new Page access token in the Meta App Dashboard, set MESSENGER_PAGE_ACCESS_TOKEN and restart`);
  }
  if (code === 100 && sub === 2018001) return permanent(`${tag}: no such worker for this Page (the PSID is not valid for this Page or the account was deleted)`);
  if (code === 200 || code === 10) return permanent(`${tag}: permission missing${said}; check pages_messaging (and Human Agent) access in App Review`);
  if (code === 368) return permanent(`${tag}: the Page is temporarily blocked for policy violations`);
  if (code === 100) return permanent(`${tag}: request rejected${said}`);
  if (res.status >= 500 || res.error.is_transient === true || (code !== undefined && TRANSIENT_CODES.has(code))) {
    return { ok: false, retry: true, reason: `${tag}: temporary failure${said}; will retry` };
  }
  return permanent(`${tag}: refused${said}`);
}

function permanent(reason: string): Failed {
  return { ok: false, retry: false, reason: `${reason}; not retried` };
}
