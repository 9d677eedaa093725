import { request } from 'undici';
import type { ChannelAdapter } from '../../src/channels/types.ts';
import { downloadCapped } from '../../src/blobs/download.ts';

/** What inbound.ts puts in InboundAttachment.url: the file_id, usable only with our token. */
export const FILE_REF_PREFIX = 'tg-file:';

/**
 * Telegram files: getFile turns the file_id into a file_path (valid at least an hour), then
 * `<apiRoot>/file/bot<token>/<file_path>` serves the bytes. The Bot API refuses getFile above
 * 20 MB ("file is too big"), which is too big for us as well. The token is part of both URLs, so
 * nothing of them is ever put in a reason or a log.
 */
export function telegramMediaFetcher(opts: { token: string; apiRoot: string }): NonNullable<ChannelAdapter['fetchMedia']> {
  const root = opts.apiRoot.replace(/\/+$/, '');
  return async (ref, o) => {
    if (!ref.startsWith(FILE_REF_PREFIX)) return { ok: false, reason: 'gone', retry: false, detail: 'not a Telegram file ref' };
    const fileId = ref.slice(FILE_REF_PREFIX.length);
    let file: { file_path?: string; file_size?: number };
    try {
      const res = await request(`${root}/bot${opts.token}/getFile`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ file_id: fileId }),
        ...(o.signal ? { signal: o.signal } : {}),
      });
      const body = (await res.body.json().catch(() => ({}))) as { ok?: boolean; result?: typeof file; description?: string; error_code?: number };
      if (!body.ok || !body.result) {
        if (/too big/i.test(body.description ?? '')) return { ok: false, reason: 'too_big', retry: false, detail: 'Telegram: file is too big' };
        const retry = res.statusCode === 429 || res.statusCode >= 500;
        return { ok: false, reason: retry ? 'error' : 'gone', retry, detail: `Telegram getFile ${res.statusCode}` };
      }
      file = body.result;
    } catch (err) {
      return { ok: false, reason: 'error', retry: true, detail: `Telegram getFile: ${(err as Error).name}` };
    }
    if (file.file_size !== undefined && file.file_size > o.maxBytes) return { ok: false, reason: 'too_big', retry: false, detail: 'declared by getFile' };
    if (!file.file_path) return { ok: false, reason: 'gone', retry: false, detail: 'no file_path' };
    const r = await downloadCapped(`${root}/file/bot${opts.token}/${file.file_path}`, o);
    // the URL (token inside) never leaves this function
    return r.ok ? r : { ...r, detail: `Telegram file ${r.reason}` };
  };
}
