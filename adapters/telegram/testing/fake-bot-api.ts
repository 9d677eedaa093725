import { Readable } from 'node:stream';
import Fastify from 'fastify';
import type { PlatformCall, PlatformFailure } from '../../../src/channels/contract.ts';

export type TelegramFailure = Extract<PlatformFailure, 'rate_limited' | 'server_error' | 'blocked' | 'bad_request'>;

export interface FakeBotApi {
  /** TELEGRAM_API_ROOT for the adapter */
  apiRoot: string;
  /** every call since the last reset, `body` being the JSON payload */
  calls: PlatformCall[];
  /** the Bot API method of a recorded call (`sendMessage`) */
  methodOf(call: PlatformCall): string;
  /** the next `times` send* calls fail the way Telegram fails */
  failNext(failure: TelegramFailure, times?: number): void;
  /** scripts the next send* calls one by one: 'ok' lets a call through */
  script(...steps: Array<TelegramFailure | 'ok'>): void;
  /** every send* call fails this way until the given time (ms epoch): a flood wait */
  failUntil(failure: TelegramFailure, untilMs: number): void;
  /** every send* call fails this way for `ms` counted from the next send* call */
  failFor(failure: TelegramFailure, ms: number): void;
  /** when each successful send* happened (ms epoch), in call order */
  sentAt: number[];
  reset(): void;
  close(): Promise<void>;
}

export const RETRY_AFTER_SECONDS = 3;

/**
 * Files every fake Bot API serves, by file_id: getFile answers with a file_path (and the size
 * `declaredSize`, which may lie, as a test wants), and `/file/bot<token>/<file_path>` streams the
 * bytes without a Content-Length, so only the reader's own count can stop an oversize file.
 * Module-wide because a test reaches the fake only through the channel contract.
 */
export const fakeTelegramFiles = new Map<string, { bytes: Buffer; declaredSize?: number }>();

/** The Bot API's own download limit (core.telegram.org/bots/api#getfile). */
const BOT_API_DOWNLOAD_LIMIT = 20 * 1024 * 1024;

const FAILURES: Record<TelegramFailure, { status: number; body: unknown }> = {
  rate_limited: {
    status: 429,
    body: { ok: false, error_code: 429, description: `Too Many Requests: retry after ${RETRY_AFTER_SECONDS}`, parameters: { retry_after: RETRY_AFTER_SECONDS } },
  },
  // what Telegram's front proxy answers: HTML, not the Bot API's JSON
  server_error: { status: 502, body: '<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>' },
  blocked: { status: 403, body: { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' } },
  bad_request: { status: 400, body: { ok: false, error_code: 400, description: 'Bad Request: chat not found' } },
};

type Payload = Record<string, unknown>;

/**
 * A local stand-in for api.telegram.org: `POST /bot<token>/<method>`, answering like the Bot API
 * (`{ ok, result }`) and refusing what Telegram refuses (text over 4,096 characters,
 * callback_data over 64 bytes, captions over 1,024), so a rendering bug shows up as the same
 * 400 it would cause in production.
 */
export async function startFakeBotApi(opts: { token: string }): Promise<FakeBotApi> {
  const app = Fastify({ logger: false });
  const calls: PlatformCall[] = [];
  const pending: Array<TelegramFailure | 'ok'> = [];
  const sentAt: number[] = [];
  let window: { failure: TelegramFailure; untilMs: number } | undefined;
  let lazy: { failure: TelegramFailure; ms: number } | undefined;
  let messageId = 1000;
  let webhook: Payload = {};

  app.post<{ Params: { token: string; method: string } }>('/bot:token/:method', async (req, reply) => {
    const body = (req.body ?? {}) as Payload;
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    calls.push({ method: req.method, path: req.url, headers, body });
    const fail = (status: number, description: string) => reply.code(status).send({ ok: false, error_code: status, description });
    if (req.params.token !== opts.token) return fail(401, 'Unauthorized');

    const method = req.params.method;
    if (method.startsWith('send')) {
      if (lazy) {
        window = { failure: lazy.failure, untilMs: Date.now() + lazy.ms };
        lazy = undefined;
      }
      const failure = window && Date.now() < window.untilMs ? window.failure : pending.shift();
      if (failure && failure !== 'ok') {
        const f = FAILURES[failure];
        return reply.code(f.status).type(typeof f.body === 'string' ? 'text/html' : 'application/json').send(f.body);
      }
      const refused = refusal(body);
      if (refused) return fail(400, refused);
      sentAt.push(Date.now());
      const chat = { id: Number(body.chat_id), type: 'private' };
      const common = { message_id: ++messageId, date: Math.floor(Date.now() / 1000), chat };
      if (method === 'sendMessage') return { ok: true, result: { ...common, text: body.text } };
      if (method === 'sendPhoto') return { ok: true, result: { ...common, photo: [{ file_id: `photo-${messageId}`, file_unique_id: `p${messageId}`, width: 800, height: 600 }] } };
      if (method === 'sendDocument') return { ok: true, result: { ...common, document: { file_id: `doc-${messageId}`, file_unique_id: `d${messageId}` } } };
      return fail(404, 'Not Found');
    }
    switch (method) {
      case 'setWebhook':
        webhook = body;
        return { ok: true, result: true, description: 'Webhook was set' };
      case 'getWebhookInfo':
        return {
          ok: true,
          result: {
            url: webhook.url ?? '',
            has_custom_certificate: false,
            pending_update_count: 0,
            ...(webhook.url ? { max_connections: webhook.max_connections ?? 40, allowed_updates: webhook.allowed_updates ?? [] } : {}),
          },
        };
      case 'getFile': {
        const id = String(body.file_id ?? '');
        const f = fakeTelegramFiles.get(id);
        if (!f) return fail(400, 'Bad Request: invalid file_id');
        const size = f.declaredSize ?? f.bytes.byteLength;
        if (size > BOT_API_DOWNLOAD_LIMIT) return fail(400, 'Bad Request: file is too big');
        return { ok: true, result: { file_id: id, file_unique_id: `u-${id}`, file_size: size, file_path: `documents/${encodeURIComponent(id)}` } };
      }
      case 'setMyCommands':
      case 'answerCallbackQuery':
        return { ok: true, result: true };
      case 'getMe':
        return { ok: true, result: { id: Number(opts.token.split(':')[0]), is_bot: true, first_name: 'Trợ lý Công đoàn', username: 'UnionAssistantBot' } };
      default:
        return fail(404, 'Not Found');
    }
  });

  app.get<{ Params: { token: string; '*': string } }>('/file/bot:token/*', async (req, reply) => {
    calls.push({ method: 'GET', path: '/file/bot<token>/' + req.params['*'], headers: {}, body: null });
    if (req.params.token !== opts.token) return reply.code(401).send({ ok: false, error_code: 401, description: 'Unauthorized' });
    const f = fakeTelegramFiles.get(decodeURIComponent(req.params['*'].replace(/^documents\//, '')));
    if (!f) return reply.code(404).send({ ok: false, error_code: 404, description: 'Not Found' });
    return reply.type('application/octet-stream').send(chunked(f.bytes));
  });

  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    methodOf: (call) => call.path.split('/').pop() ?? '',
    failNext(failure, times = 1) {
      for (let i = 0; i < times; i++) pending.push(failure);
    },
    script(...steps) {
      pending.push(...steps);
    },
    failUntil(failure, untilMs) {
      window = { failure, untilMs };
    },
    failFor(failure, ms) {
      lazy = { failure, ms };
    },
    sentAt,
    reset() {
      calls.length = 0;
      pending.length = 0;
      sentAt.length = 0;
      window = undefined;
      lazy = undefined;
    },
    close: () => app.close(),
  };
}

function refusal(body: Payload): string | undefined {
  if (!/^-?\d+$/.test(String(body.chat_id ?? ''))) return 'Bad Request: chat not found';
  if ('text' in body) {
    const text = String(body.text ?? '');
    if (text.trim() === '') return 'Bad Request: message text is empty';
    if ([...text].length > 4096) return 'Bad Request: message is too long';
  }
  if (typeof body.caption === 'string' && [...body.caption].length > 1024) return 'Bad Request: message caption is too long';
  const markup = body.reply_markup as { inline_keyboard?: Array<Array<{ callback_data?: string }>> } | undefined;
  const data = markup?.inline_keyboard?.flat().map((b) => b.callback_data) ?? [];
  if (data.some((d) => d !== undefined && (Buffer.byteLength(d) < 1 || Buffer.byteLength(d) > 64))) return 'Bad Request: BUTTON_DATA_INVALID';
  return undefined;
}

/** A body sent in 64 KB chunks with no Content-Length (Transfer-Encoding: chunked). */
function chunked(bytes: Buffer): Readable {
  let offset = 0;
  return new Readable({
    read() {
      if (offset >= bytes.byteLength) return void this.push(null);
      this.push(bytes.subarray(offset, offset + 65_536));
      offset += 65_536;
    },
  });
}
