import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformFailure } from '../../src/channels/contract.ts';
import type { GraphFailure } from './client.ts';
import { classifyFailure } from './errors.ts';
import { GRAPH_FAILURES } from './testing/fake-graph.ts';
import { startHarness, type MessengerHarness } from './testing/harness.ts';
import { TEST_PAGE_TOKEN } from './testing/webhook.ts';

const ctx = { attempt: 1, rateLimitBackoffMs: 60_000, random: () => 0 };
const graphError = (status: number, code: number, subcode?: number, message = `(#${code}) test`): GraphFailure => ({
  ok: false,
  status,
  error: { message, type: 'OAuthException', code, ...(subcode ? { error_subcode: subcode } : {}), fbtrace_id: 'AbC' },
});

describe('error classification table', () => {
  it.each([
    // [what, response, retry, reason pattern]
    ['613 rate limit', graphError(400, 613), true, /rate limit/],
    ['4 application request limit', graphError(400, 4), true, /rate limit/],
    ['32 page-level throttling', graphError(400, 32), true, /rate limit/],
    ['551 user unavailable', graphError(400, 551, 1545041), false, /cannot be reached/],
    ['10/2018278 outside the window', graphError(400, 10, 2018278), false, /window closed/],
    ['10/2018065 outside the window (older)', graphError(400, 10, 2018065), false, /window closed/],
    ['10/1893063 Page restricted', graphError(400, 10, 1893063), false, /restricted/],
    ['10 permission', graphError(400, 10), false, /permission/],
    ['190 token', graphError(400, 190, 463), false, /Page access token.*MESSENGER_PAGE_ACCESS_TOKEN/],
    ['100 bad parameter', graphError(400, 100), false, /rejected/],
    ['100/2018001 no such user', graphError(400, 100, 2018001), false, /no such worker/],
    ['200 permission', graphError(403, 200), false, /permission/],
    ['368 policy block', graphError(400, 368), false, /policy/],
    ['2 temporary', graphError(500, 2), true, /temporary/],
    ['1200 temporary send failure', graphError(400, 1200), true, /temporary/],
    ['any 503', { ok: false, status: 503, error: { message: 'HTTP 503' } } as GraphFailure, true, /temporary/],
    ['network', { ok: false, status: 0, network: 'ECONNRESET socket hang up' } as GraphFailure, true, /unreachable.*ECONNRESET/],
    ['an unknown 4xx', graphError(400, 12345), false, /12345/],
  ])('%s', (_what, res, retry, reason) => {
    const out = classifyFailure(res, ctx);
    expect(out.retry).toBe(retry);
    expect(out.reason).toMatch(reason);
    expect(out.reason).toMatch(retry ? /retry/ : /not retried/);
  });

  it('waits at least the configured backoff after a rate limit, doubling with each attempt', () => {
    const wait = (attempt: number, r = 0) => classifyFailure(graphError(400, 613), { ...ctx, attempt, random: () => r }).retryAfterMs;
    expect(wait(1)).toBe(60_000);
    expect(wait(2)).toBe(120_000);
    expect(wait(3)).toBe(240_000);
    expect(wait(50)).toBe(16 * 60_000);
    expect(wait(1, 0.999)).toBeLessThanOrEqual(66_000);
  });

  it('names the Graph code and trace id for Meta support', () => {
    expect(classifyFailure(graphError(400, 10, 2018278), ctx).reason).toMatch(/^Messenger error 10\/2018278 \(fbtrace AbC\)/);
  });
});

describe('failures as the fake Graph API answers them', () => {
  let h: MessengerHarness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  const expected: Record<PlatformFailure, { retry: boolean; reason: RegExp }> = {
    rate_limited: { retry: true, reason: /613.*rate limit/ },
    server_error: { retry: true, reason: /temporary/ },
    token_expired: { retry: false, reason: /190.*renew|190.*new Page access token/ },
    window_closed: { retry: false, reason: /10\/2018278.*window closed/ },
    blocked: { retry: false, reason: /551/ },
    bad_request: { retry: false, reason: /100/ },
  };

  it.each(Object.keys(GRAPH_FAILURES) as PlatformFailure[])('%s', async (failure) => {
    h.graph.failNext(failure);
    const res = await h.send({ kind: 'text', text: 'Xin chào' });
    expect(res).toMatchObject({ ok: false, retry: expected[failure].retry, reason: expect.stringMatching(expected[failure].reason) });
    if (failure === 'rate_limited') expect((res as { retryAfterMs: number }).retryAfterMs).toBeGreaterThanOrEqual(60_000);
    expect(await h.send({ kind: 'text', text: 'Xin chào' })).toMatchObject({ ok: true });
  });

  it('classifies a refused token from the fake as 190 too', async () => {
    const wrong = await startHarness({ MESSENGER_PAGE_ACCESS_TOKEN: 'EAAsomeOtherRevokedToken00000' });
    try {
      const res = await wrong.send({ kind: 'text', text: 'Xin chào' });
      expect(res).toMatchObject({ ok: false, retry: false, reason: expect.stringMatching(/190/) });
      expect(JSON.stringify(res)).not.toContain('EAAsomeOtherRevokedToken00000');
    } finally {
      await wrong.close();
    }
  });

  it('retries when Meta cannot be reached, without leaking the token', async () => {
    const down = await startHarness({ MESSENGER_GRAPH_BASE: 'http://127.0.0.1:9' });
    try {
      const res = await down.send({ kind: 'text', text: 'Xin chào' });
      expect(res).toMatchObject({ ok: false, retry: true, reason: expect.stringMatching(/unreachable/) });
      expect(JSON.stringify(res)).not.toContain(TEST_PAGE_TOKEN);
    } finally {
      await down.close();
    }
  });
});
