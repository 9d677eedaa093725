/**
 * A minimal Direct Line 3.0 client over plain HTTP (undici), for tests and benchmarks that need
 * many conversations cheaply. The protocol tests with Microsoft's own client live in
 * adapters/webchat/.
 */
import { request } from 'undici';

export interface DlActivity {
  id?: string;
  type: string;
  text?: string;
  from: { id: string; role?: string };
  suggestedActions?: { actions: Array<{ title: string; value: unknown; type: string }> };
  channelData?: Record<string, unknown>;
}

export class DlConversation {
  watermark: string | undefined;
  private seq = 0;
  constructor(
    readonly base: string,
    readonly token: string,
    readonly conversationId: string,
  ) {}

  static async start(base: string): Promise<DlConversation> {
    const gen = await json<{ token: string; conversationId?: string }>(base, 'POST', '/directline/tokens/generate');
    const conv = await json<{ conversationId: string; token?: string }>(base, 'POST', '/directline/conversations', gen.token);
    return new DlConversation(base, conv.token ?? gen.token, conv.conversationId);
  }

  /** posts a message; resolves with the HTTP status and server id once the server acknowledged it */
  async send(text: string, clientActivityID = `c${Date.now()}-${++this.seq}`): Promise<{ status: number; id?: string }> {
    const res = await request(`${this.base}/directline/conversations/${this.conversationId}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', from: { id: 'user' }, text, locale: 'vi-VN', channelData: { clientActivityID } }),
    });
    const body = (await res.body.json().catch(() => ({}))) as { id?: string };
    return { status: res.statusCode, id: body.id };
  }

  async event(name: string): Promise<void> {
    await request(`${this.base}/directline/conversations/${this.conversationId}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'event', name, from: { id: 'user' }, channelData: { clientActivityID: `ev-${name}` } }),
    }).then((r) => r.body.dump());
  }

  /** every activity after the current watermark (advances it) */
  async poll(): Promise<DlActivity[]> {
    const q = this.watermark ? `?watermark=${encodeURIComponent(this.watermark)}` : '';
    const r = await json<{ activities: DlActivity[]; watermark?: string }>(
      this.base,
      'GET',
      `/directline/conversations/${this.conversationId}/activities${q}`,
      this.token,
    );
    if (r.watermark) this.watermark = r.watermark;
    return r.activities;
  }

  /** polls until `count` bot messages arrived (or the timeout) */
  async botMessages(count: number, timeoutMs = 10_000, intervalMs = 50): Promise<DlActivity[]> {
    const got: DlActivity[] = [];
    const until = Date.now() + timeoutMs;
    while (got.length < count && Date.now() < until) {
      got.push(...(await this.poll()).filter((a) => a.type === 'message' && a.from.role === 'bot'));
      if (got.length < count) await new Promise((r) => setTimeout(r, intervalMs));
    }
    return got;
  }
}

async function json<T>(base: string, method: 'GET' | 'POST', path: string, token?: string): Promise<T> {
  const res = await request(`${base}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
    body: method === 'POST' ? '{}' : undefined,
  });
  const body = await res.body.text();
  if (res.statusCode >= 300) throw new Error(`${method} ${path} -> ${res.statusCode}: ${body}`);
  return JSON.parse(body) as T;
}
