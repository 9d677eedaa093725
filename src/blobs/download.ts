import { Agent, interceptors, request, type Dispatcher } from 'undici';

/** CDN links (Messenger's lookaside) may redirect to the storage host once or twice. */
const dispatcher: Dispatcher = new Agent().compose(interceptors.redirect({ maxRedirections: 3 }));

export type MediaResult =
  | { ok: true; bytes: Buffer; mime?: string }
  | { ok: false; reason: 'too_big' | 'gone' | 'error'; retry: boolean; detail?: string };

export class TooBig extends Error {
  constructor(readonly seen: number) {
    super(`more than the allowed bytes (${seen} read)`);
  }
}

/**
 * Reads a body into memory but never past `maxBytes`: the count is kept on what actually arrives,
 * because a platform's declared size (or Content-Length) can be wrong or missing.
 */
export async function readCapped(body: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new TooBig(size);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks, size);
}

/**
 * GET of a platform media URL (Zalo, Messenger CDN links; Telegram's file URL) with the hard cap.
 * Past the cap the request is aborted, so a 2 GB "photo" costs 10 MB of traffic at most.
 * 404/410/403 mean the link expired or never was: not retried. 429/5xx and the network are.
 */
export async function downloadCapped(
  url: string,
  opts: { maxBytes: number; signal?: AbortSignal; headers?: Record<string, string> },
): Promise<MediaResult> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: 'gone', retry: false, detail: 'not a URL' };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return { ok: false, reason: 'gone', retry: false, detail: 'not http(s)' };
  const abort = new AbortController();
  const onAbort = () => abort.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const res = await request(parsed, { method: 'GET', headers: opts.headers ?? {}, signal: abort.signal, dispatcher });
    if (res.statusCode >= 300) {
      await res.body.dump().catch(() => {});
      const retry = res.statusCode === 429 || res.statusCode >= 500;
      return { ok: false, reason: retry ? 'error' : 'gone', retry, detail: `HTTP ${res.statusCode}` };
    }
    const declared = Number(res.headers['content-length']);
    if (Number.isFinite(declared) && declared > opts.maxBytes) {
      abort.abort();
      return { ok: false, reason: 'too_big', retry: false, detail: `Content-Length ${declared}` };
    }
    const bytes = await readCapped(res.body, opts.maxBytes);
    const type = res.headers['content-type'];
    return { ok: true, bytes, ...(typeof type === 'string' ? { mime: type.split(';')[0]!.trim() } : {}) };
  } catch (err) {
    if (err instanceof TooBig) {
      abort.abort();
      return { ok: false, reason: 'too_big', retry: false, detail: err.message };
    }
    return { ok: false, reason: 'error', retry: true, detail: (err as Error).name ?? 'network' };
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
}
