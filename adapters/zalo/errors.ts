/**
 * What a failed Zalo call means for the outbox (platforms.md §1.9): Zalo answers HTTP 200 with a
 * negative `error`, so the body decides. Retry only what can get better by waiting (rate limit,
 * 5xx, network); refresh the token once on -216/-124; everything else is permanent, with a
 * reason an officer can act on in the dead-letter list.
 */
export type ZaloFailure =
  | { kind: 'api'; code: number; message: string }
  | { kind: 'http'; status: number; retryAfterMs?: number }
  | { kind: 'network'; message: string };

export type Verdict =
  | { action: 'retry'; reason: string; retryAfterMs?: number }
  | { action: 'refresh'; reason: string }
  | { action: 'permanent'; reason: string };

export const TOKEN_ERRORS = new Set([-216, -124]);

const PERMANENT: Record<number, string> = {
  [-230]:
    'Zalo: the worker has not written to the OA for more than 7 days, so consultation messages are closed (-230). Reach them by phone, ZNS or another channel; the window opens again when they write.',
  [-213]: 'Zalo: the worker does not follow the OA or has blocked it (-213). The message cannot be delivered on Zalo.',
  [-201]: 'Zalo rejected the message as invalid (-201)',
  [-211]: 'Zalo: the OA is out of message quota (-211). Check the OA package on oa.zalo.me.',
  [-218]: 'Zalo: the message quota for this worker is used up (-218).',
  [-240]: 'Zalo: this API version is no longer supported (-240). The adapter needs an update.',
};

export function classify(f: ZaloFailure, rateBackoffMs: number): Verdict {
  switch (f.kind) {
    case 'network':
      return { action: 'retry', reason: `Zalo unreachable: ${f.message}` };
    case 'http':
      if (f.status === 429) return { action: 'retry', reason: 'Zalo rate limit (HTTP 429)', retryAfterMs: f.retryAfterMs ?? rateBackoffMs };
      if (f.status >= 500 || f.status === 408) return { action: 'retry', reason: `Zalo server error (HTTP ${f.status})` };
      if (f.status === 401) return { action: 'refresh', reason: 'Zalo refused the access token (HTTP 401)' };
      return { action: 'permanent', reason: `Zalo refused the request (HTTP ${f.status})` };
    case 'api': {
      if (TOKEN_ERRORS.has(f.code)) return { action: 'refresh', reason: `Zalo access token expired or invalid (${f.code})` };
      // -32 is "requests per minute exceeded" in connectors (UNCONFIRMED): wait rather than drop.
      if (f.code === -32) return { action: 'retry', reason: 'Zalo rate limit (-32)', retryAfterMs: rateBackoffMs };
      const known = PERMANENT[f.code];
      const detail = f.message ? `: ${f.message}` : '';
      if (known) return { action: 'permanent', reason: f.code === -201 ? `${known}${detail}` : known };
      return { action: 'permanent', reason: `Zalo error ${f.code}${detail}` };
    }
  }
}
