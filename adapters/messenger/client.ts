import { Agent, request, type Dispatcher } from 'undici';

/** `{ "error": { ... } }` of the Graph API (platforms.md 2.9). */
export interface GraphError {
  message: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  fbtrace_id?: string;
  is_transient?: boolean;
}

export type GraphResponse =
  | { ok: true; status: number; body: Record<string, unknown> }
  | { ok: false; status: number; error: GraphError }
  /** no HTTP answer at all: DNS, refused, reset, timeout */
  | { ok: false; status: 0; network: string };

export type GraphFailure = Extract<GraphResponse, { ok: false }>;

export interface GraphClientOptions {
  /** https://graph.facebook.com, or a fake in tests */
  base: string;
  version: string;
  accessToken: string;
  timeoutMs: number;
  /** a MockAgent in tests; otherwise the client keeps its own connection pool */
  dispatcher?: Dispatcher;
}

/**
 * A thin Graph API caller. The token travels in the query string as Meta documents it, so nothing
 * here logs a URL, and error texts are scrubbed of the token in case a lower layer quotes one.
 */
export class GraphClient {
  private readonly dispatcher: Dispatcher;
  private owned: Agent | undefined;

  constructor(private readonly opts: GraphClientOptions) {
    this.owned = opts.dispatcher ? undefined : new Agent({ connect: { timeout: opts.timeoutMs }, keepAliveTimeout: 30_000 });
    this.dispatcher = opts.dispatcher ?? this.owned!;
  }

  async post(path: string, body: unknown): Promise<GraphResponse> {
    const url = new URL(`${this.opts.base.replace(/\/+$/, '')}/${this.opts.version}/${path}`);
    url.searchParams.set('access_token', this.opts.accessToken);
    try {
      const res = await request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        dispatcher: this.dispatcher,
        headersTimeout: this.opts.timeoutMs,
        bodyTimeout: this.opts.timeoutMs,
      });
      const text = await res.body.text();
      const json = parseJson(text);
      if (res.statusCode >= 200 && res.statusCode < 300 && json && !('error' in json)) return { ok: true, status: res.statusCode, body: json };
      const error = json && typeof json.error === 'object' && json.error ? (json.error as GraphError) : { message: `HTTP ${res.statusCode}` };
      return { ok: false, status: res.statusCode, error: { ...error, message: this.scrub(String(error.message ?? '')) } };
    } catch (err) {
      const e = err as Error & { code?: string };
      return { ok: false, status: 0, network: this.scrub([e.code, e.message].filter(Boolean).join(' ')) };
    }
  }

  /** idempotent: shutdown may reach the adapter twice (app close, then a test's own stop) */
  async close(): Promise<void> {
    const agent = this.owned;
    this.owned = undefined;
    await agent?.close();
  }

  private scrub(text: string): string {
    return text.split(this.opts.accessToken).join('***').split(encodeURIComponent(this.opts.accessToken)).join('***');
  }
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
