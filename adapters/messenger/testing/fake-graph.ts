import Fastify from 'fastify';
import type { PlatformCall, PlatformFailure } from '../../../src/channels/contract.ts';

/** How the Graph API really answers each failure (platforms.md 2.8, 2.9; bodies as Meta sends them). */
export const GRAPH_FAILURES: Record<PlatformFailure, { status: number; error: Record<string, unknown> }> = {
  rate_limited: { status: 400, error: { message: '(#613) Calls to this api have exceeded the rate limit.', type: 'OAuthException', code: 613 } },
  server_error: {
    status: 500,
    error: { message: 'An unexpected error has occurred. Please retry your request later.', type: 'OAuthException', is_transient: true, code: 2 },
  },
  token_expired: {
    status: 400,
    error: { message: 'Error validating access token: Session has expired on Sunday, 22-Nov-26 12:00:00 PST.', type: 'OAuthException', code: 190, error_subcode: 463 },
  },
  window_closed: {
    status: 400,
    error: {
      message: '(#10) This message is sent outside of allowed window. Learn more about the new policy here: https://developers.facebook.com/docs/messenger-platform/policy-overview',
      type: 'OAuthException',
      code: 10,
      error_subcode: 2018278,
    },
  },
  blocked: { status: 400, error: { message: "(#551) This person isn't available right now.", type: 'OAuthException', code: 551, error_subcode: 1545041 } },
  bad_request: { status: 400, error: { message: '(#100) Param recipient[id] must be a valid ID string (e.g., "123")', type: 'OAuthException', code: 100 } },
};

export interface FakeGraph {
  /** http://127.0.0.1:<port>, to use as MESSENGER_GRAPH_BASE */
  url: string;
  /** every API call received since the last reset (paths without the query: it holds the token) */
  calls(): PlatformCall[];
  reset(): void;
  /** the next Send API call(s) answer with this failure */
  failNext(failure: PlatformFailure, times?: number): void;
  /** answers the next Send API calls in this order ('ok' lets one through) */
  script(...outcomes: Array<PlatformFailure | 'ok'>): void;
  close(): Promise<void>;
}

/**
 * A local stand-in for graph.facebook.com: the Send API, the Messenger Profile API and
 * subscribed_apps, checking the token like Meta does (a wrong one is error 190).
 */
export async function startFakeGraph(opts: { accessToken: string; pageId: string }): Promise<FakeGraph> {
  const app = Fastify({ logger: false });
  let calls: PlatformCall[] = [];
  let failures: Array<PlatformFailure | 'ok'> = [];
  let seq = 0;

  app.addHook('preHandler', async (req, reply) => {
    calls.push({
      method: req.method,
      path: req.url.split('?')[0]!,
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
      body: req.body,
    });
    const token = (req.query as Record<string, string | undefined>).access_token;
    if (token !== opts.accessToken) {
      const { status, error } = GRAPH_FAILURES.token_expired;
      return reply.code(status).send({ error: { ...error, message: 'Invalid OAuth access token - Cannot parse access token', fbtrace_id: 'AfakeTrace' } });
    }
  });

  app.post<{ Body: { recipient?: { id?: string }; message?: unknown } }>('/:version/me/messages', async (req, reply) => {
    const failure = failures.shift();
    if (failure && failure !== 'ok') {
      const { status, error } = GRAPH_FAILURES[failure];
      return reply.code(status).send({ error: { ...error, fbtrace_id: `Afake${++seq}` } });
    }
    const recipientId = req.body?.recipient?.id ?? '';
    if (!req.body?.message) return { recipient_id: recipientId };
    return { recipient_id: recipientId, message_id: `m_fake_${++seq}` };
  });
  app.post('/:version/me/messenger_profile', async () => ({ result: 'success' }));
  app.post<{ Params: { page: string } }>('/:version/:page/subscribed_apps', async (req, reply) => {
    if (req.params.page !== opts.pageId) {
      return reply.code(400).send({ error: { message: '(#100) Unsupported post request.', type: 'GraphMethodException', code: 100, error_subcode: 33 } });
    }
    return { success: true };
  });

  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    calls: () => [...calls],
    reset() {
      calls = [];
      failures = [];
    },
    failNext(failure, times = 1) {
      for (let i = 0; i < times; i++) failures.push(failure);
    },
    script(...outcomes) {
      failures.push(...outcomes);
    },
    close: () => app.close(),
  };
}
