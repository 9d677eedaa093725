import { describe, expect, it } from 'vitest';
import { classify, type ZaloFailure } from './errors.ts';

const BACKOFF = 30_000;

describe('Zalo error classification (platforms.md §1.9)', () => {
  const table: Array<[string, ZaloFailure, 'retry' | 'refresh' | 'permanent', RegExp, number?]> = [
    ['-216 token expired', { kind: 'api', code: -216, message: 'Access token is invalid' }, 'refresh', /token/],
    ['-124 token invalid (ZNS family)', { kind: 'api', code: -124, message: '' }, 'refresh', /token/],
    ['HTTP 401', { kind: 'http', status: 401 }, 'refresh', /token/],
    ['-32 rate limit', { kind: 'api', code: -32, message: 'exceeded' }, 'retry', /rate limit/, BACKOFF],
    ['HTTP 429 with Retry-After', { kind: 'http', status: 429, retryAfterMs: 7000 }, 'retry', /429/, 7000],
    ['HTTP 429 without Retry-After', { kind: 'http', status: 429 }, 'retry', /429/, BACKOFF],
    ['HTTP 500', { kind: 'http', status: 500 }, 'retry', /server error/],
    ['HTTP 503', { kind: 'http', status: 503 }, 'retry', /server error/],
    ['network', { kind: 'network', message: 'ECONNRESET' }, 'retry', /unreachable: ECONNRESET/],
    ['-230 seven days', { kind: 'api', code: -230, message: 'User has not interacted with the OA in the past 7 days' }, 'permanent', /7 days.*-230/],
    ['-213 not following', { kind: 'api', code: -213, message: '' }, 'permanent', /follow/],
    ['-201 invalid parameter', { kind: 'api', code: -201, message: 'Parameters are invalid' }, 'permanent', /invalid \(-201\): Parameters are invalid/],
    ['-211 OA quota', { kind: 'api', code: -211, message: '' }, 'permanent', /quota/],
    ['-218 user quota', { kind: 'api', code: -218, message: '' }, 'permanent', /quota/],
    ['-240 old API', { kind: 'api', code: -240, message: '' }, 'permanent', /version/],
    ['unknown code', { kind: 'api', code: -999, message: 'Something' }, 'permanent', /Zalo error -999: Something/],
    ['HTTP 404', { kind: 'http', status: 404 }, 'permanent', /HTTP 404/],
  ];

  it.each(table)('%s → %s', (_name, failure, action, reason, retryAfterMs) => {
    const v = classify(failure, BACKOFF);
    expect(v.action).toBe(action);
    expect(v.reason).toMatch(reason);
    if (retryAfterMs !== undefined) expect(v).toMatchObject({ retryAfterMs });
  });
});
