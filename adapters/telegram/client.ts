import { Telegram, TelegramError } from 'telegraf';
import type { Opts, Telegram as BotApi } from 'telegraf/types';
import type { SendResult } from '../../src/channels/types.ts';

export type Failure = Extract<SendResult, { ok: false }>;

export interface BotApiClient {
  /** one Bot API call; throws TelegramError or a network error (see classify) */
  call<M extends keyof BotApi>(method: M, payload: Opts<M>): Promise<ReturnType<BotApi[M]>>;
  /** a failure as SendResult, with the token scrubbed from any message */
  classify(err: unknown): Failure;
}

export interface ClientOptions {
  token: string;
  apiRoot: string;
  timeoutMs: number;
}

/**
 * telegraf's Telegram client (node-fetch 2 over a keep-alive agent), used only as a typed Bot
 * API caller. webhookReply is off: it would write calls into whatever HTTP response the
 * client was built with, and this one never has one. Each call gets its own timeout because
 * telegraf's default is 500 s, longer than a delivery lease.
 */
export function createBotApiClient(opts: ClientOptions): BotApiClient {
  const telegram = new Telegram(opts.token, { apiRoot: opts.apiRoot, webhookReply: false });
  return {
    call: (method, payload) =>
      // telegraf types its signal with the abort-controller polyfill; node-fetch 2 takes Node's.
      telegram.callApi(method, payload, { signal: AbortSignal.timeout(opts.timeoutMs) as never }),
    classify: (err) => classify(err, opts.token),
  };
}

/**
 * Bot API errors (core.telegram.org/bots/api#making-requests, platforms.md 3.7) -> SendResult.
 * 429 waits exactly parameters.retry_after; 5xx and the network are retried; 403 means the
 * worker blocked the bot or deleted the account, and 400 is a request Telegram will never take
 * (chat not found, text too long, bad button data): both are permanent and go to dead-letter.
 * 401 and 404 mean our token or API root is wrong: retried, so messages survive until an
 * operator fixes the configuration.
 */
export function classify(err: unknown, token: string): Failure {
  if (err instanceof TelegramError) {
    const code = err.code;
    const description = scrub(err.description ?? '', token);
    if (code === 429) {
      const seconds = err.parameters?.retry_after ?? Number(/retry after (\d+)/i.exec(description)?.[1] ?? 1);
      return { ok: false, retry: true, retryAfterMs: Math.max(1, seconds) * 1000, reason: `Telegram 429 ${description}` };
    }
    if (code >= 500) return { ok: false, retry: true, reason: `Telegram ${code} ${description || 'server error'}` };
    if (code === 403) return { ok: false, retry: false, reason: `Telegram 403 ${description}: the worker blocked the bot or left Telegram` };
    if (code === 401 || code === 404) {
      return { ok: false, retry: true, reason: `Telegram ${code} ${description}: check TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT` };
    }
    const migrated = err.parameters?.migrate_to_chat_id;
    return {
      ok: false,
      retry: false,
      reason: `Telegram ${code} ${description}${migrated !== undefined ? ` (group moved to ${migrated})` : ''}`,
    };
  }
  const e = err as { name?: string; type?: string; code?: string; message?: string };
  if (e?.name === 'AbortError' || e?.name === 'TimeoutError' || e?.type === 'aborted') {
    return { ok: false, retry: true, reason: 'Telegram did not answer in time' };
  }
  // node-fetch FetchError: network failure, or a body that is not JSON (a proxy's error page).
  const detail = scrub(e?.code ?? e?.message ?? String(err), token);
  return { ok: false, retry: true, reason: `Telegram unreachable: ${detail}` };
}

/** node-fetch puts the request URL, token included, into some of its messages. */
function scrub(text: string, token: string): string {
  const secretPart = token.split(':')[1];
  let out = text.split(token).join('[token]');
  if (secretPart) out = out.split(secretPart).join('[token]');
  return out;
}
