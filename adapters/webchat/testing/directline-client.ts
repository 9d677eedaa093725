import { randomUUID } from 'node:crypto';
import { ConnectionStatus, DirectLine, type Activity } from 'botframework-directlinejs';
import { WebSocket as NodeWebSocket } from 'ws';
import { NodeXMLHttpRequest } from './xhr.ts';

/**
 * Microsoft's unmodified botframework-directlinejs client against our server, for protocol and
 * end-to-end tests: start a conversation, post, and wait for the bot's messages.
 */
export interface DirectLineSession {
  directLine: DirectLine;
  conversationId: string;
  userId: string;
  token: string;
  /** every activity the client received, in arrival order */
  activities: Activity[];
  send(text: string, clientActivityID?: string): Promise<string>;
  /** what a tap on a suggested action posts (Web Chat's messageBack) */
  tap(value: string, displayText: string): Promise<string>;
  postEvent(name: string, value?: unknown): Promise<string>;
  /** the next `count` bot messages not returned before (waits for them) */
  nextBotMessages(count?: number, timeoutMs?: number): Promise<Activity[]>;
  /** texts of the next `count` bot messages */
  nextBotTexts(count?: number, timeoutMs?: number): Promise<string[]>;
  waitFor(predicate: (a: Activity, all: Activity[]) => boolean, timeoutMs?: number): Promise<Activity>;
  end(): void;
}

export interface StartOptions {
  /** WebSocket stream (default) or polling */
  webSocket?: boolean;
  pollingInterval?: number;
  /** an existing token (e.g. to resume a conversation); otherwise one from /tokens/generate */
  token?: string;
}

/** Node has neither XMLHttpRequest nor (in v20) WebSocket; directlinejs needs both as globals. */
export function installNodeGlobals(): void {
  const g = globalThis as Record<string, unknown>;
  g.XMLHttpRequest ??= NodeXMLHttpRequest;
  g.WebSocket ??= NodeWebSocket;
}

export async function generateToken(baseUrl: string): Promise<{ token: string; conversationId: string }> {
  const res = await fetch(`${baseUrl}/directline/tokens/generate`, { method: 'POST' });
  if (!res.ok) throw new Error(`tokens/generate -> ${res.status}`);
  return (await res.json()) as { token: string; conversationId: string };
}

export function tokenClaims(token: string): { conv: string; user: string; exp: number } {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
}

export async function startDirectLine(baseUrl: string, opts: StartOptions = {}): Promise<DirectLineSession> {
  installNodeGlobals();
  const token = opts.token ?? (await generateToken(baseUrl)).token;
  const { user } = tokenClaims(token);
  const directLine = new DirectLine({
    token,
    domain: `${baseUrl}/directline`,
    webSocket: opts.webSocket ?? true,
    pollingInterval: opts.pollingInterval ?? 200,
  });
  const activities: Activity[] = [];
  const waiters = new Set<() => void>();
  const subscription = directLine.activity$.subscribe((a) => {
    activities.push(a);
    for (const w of [...waiters]) w();
  });

  await new Promise<void>((resolve, reject) => {
    let done = false;
    const sub = directLine.connectionStatus$.subscribe((s) => {
      if (s === ConnectionStatus.Online) {
        done = true;
        resolve();
      }
      if (s === ConnectionStatus.FailedToConnect || s === ConnectionStatus.ExpiredToken) {
        done = true;
        reject(new Error(`Direct Line status ${ConnectionStatus[s]}`));
      }
      if (done) queueMicrotask(() => sub.unsubscribe());
    });
  });

  const post = (activity: Record<string, unknown>) =>
    new Promise<string>((resolve, reject) => {
      directLine.postActivity({ from: { id: user, role: 'user' }, ...activity } as Activity).subscribe(
        (id: string) => (id === 'retry' ? reject(new Error('post failed (retry)')) : resolve(id)),
        (err: { status?: number }) => reject(Object.assign(new Error(`post failed: ${err?.status ?? err}`), { status: err?.status })),
      );
    });

  const waitFor = (predicate: (a: Activity, all: Activity[]) => boolean, timeoutMs = 10_000) =>
    new Promise<Activity>((resolve, reject) => {
      const check = () => {
        const hit = activities.find((a) => predicate(a, activities));
        if (!hit) return false;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(hit);
        return true;
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out after ${timeoutMs} ms; received: ${JSON.stringify(activities.map(summary))}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  let botCursor = 0;
  const bots = () => activities.filter((a) => a.type === 'message' && a.from.role === 'bot');
  const nextBotMessages = async (count = 1, timeoutMs = 10_000) => {
    await waitFor(() => bots().length >= botCursor + count, timeoutMs);
    const got = bots().slice(botCursor, botCursor + count);
    botCursor += count;
    return got;
  };

  return {
    directLine,
    conversationId: tokenClaims(token).conv,
    userId: user,
    token,
    activities,
    send: (text, clientActivityID = randomUUID()) => post({ type: 'message', text, channelData: { clientActivityID } }),
    tap: (value, displayText) =>
      post({ type: 'message', value, channelData: { clientActivityID: randomUUID(), messageBack: { displayText } } }),
    postEvent: (name, value) => post({ type: 'event', name, value, channelData: { clientActivityID: randomUUID() } }),
    nextBotMessages,
    nextBotTexts: async (count, timeoutMs) => (await nextBotMessages(count, timeoutMs)).map((a) => ('text' in a ? (a.text ?? '') : '')),
    waitFor,
    end() {
      subscription.unsubscribe();
      directLine.end();
    },
  };
}

function summary(a: Activity) {
  return { type: a.type, role: a.from.role, text: 'text' in a ? a.text : undefined };
}
