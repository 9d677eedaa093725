/**
 * The part of XMLHttpRequest that RxJS 5's ajax (inside botframework-directlinejs) uses, over
 * Node's fetch. Node has no XMLHttpRequest; with this shim the unmodified client runs in a test
 * exactly as in a browser, down to its status-code handling (403 -> ExpiredToken, 429 ->
 * Retry-After).
 */
type Handler = ((this: NodeXMLHttpRequest, ev: { type: string }) => void) | null;

export class NodeXMLHttpRequest {
  readyState = 0;
  status = 0;
  statusText = '';
  response: unknown = null;
  responseText = '';
  responseType = '';
  timeout = 0;
  withCredentials = false;
  // RxJS only wires onerror when `upload` exists (its CORS-capable XHR check).
  upload = {};
  onreadystatechange: Handler = null;
  onerror: Handler = null;
  ontimeout: Handler = null;
  onload: Handler = null;

  private method = 'GET';
  private url = '';
  private readonly headers: Record<string, string> = {};
  private responseHeaders: Headers | undefined;
  private controller: AbortController | undefined;

  open(method: string, url: string): void {
    this.method = method;
    this.url = url;
    this.readyState = 1;
  }

  setRequestHeader(name: string, value: string): void {
    this.headers[name] = value;
  }

  getResponseHeader(name: string): string | null {
    return this.responseHeaders?.get(name) ?? null;
  }

  getAllResponseHeaders(): string {
    return [...(this.responseHeaders?.entries() ?? [])].map(([k, v]) => `${k}: ${v}\r\n`).join('');
  }

  abort(): void {
    this.controller?.abort();
  }

  send(body?: string | null): void {
    const controller = (this.controller = new AbortController());
    let timedOut = false;
    const timer = this.timeout
      ? setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, this.timeout)
      : undefined;
    fetch(this.url, { method: this.method, headers: this.headers, body: body ?? undefined, signal: controller.signal })
      .then(async (res) => {
        const text = await res.text();
        this.status = res.status;
        this.statusText = res.statusText;
        this.responseHeaders = res.headers;
        this.responseText = text;
        this.response = this.responseType === 'json' ? parseJson(text) : text;
        this.readyState = 4;
        this.onreadystatechange?.call(this, { type: 'readystatechange' });
        this.onload?.call(this, { type: 'load' });
      })
      .catch(() => {
        this.readyState = 4;
        if (timedOut) this.ontimeout?.call(this, { type: 'timeout' });
        else if (!controller.signal.aborted) this.onerror?.call(this, { type: 'error' });
      })
      .finally(() => clearTimeout(timer));
  }
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}
