import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { registerKbRoutes } from './kb.ts';

const app = Fastify();
beforeAll(async () => {
  await registerKbRoutes(app);
  await app.ready();
});
afterAll(async () => {
  await app.close();
});

describe('POST /api/kb/search', () => {
  test('returns the top entries with scores and citations', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/kb/search', payload: { q: 'tang ca chu nhat dc tinh bn %' } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.confident).toBe(true);
    expect(body.results).toHaveLength(3);
    expect(body.results[0]).toMatchObject({
      id: 'qa-ot-pay-sunday',
      citation: { law: 'BLLD', law_number: '45/2019/QH14', article: 98, clause: '1', effective_from: '2021-01-01' },
    });
    expect(body.results[0].citation.label).toBe('khoản 1 Điều 98 Bộ luật Lao động 2019');
    expect(body.results[0].score).toBeGreaterThan(body.results[2].score * 0.5);
    expect(body.as_of).toBe('2026-11-22');
  });

  test('an off-topic question is not confident', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/kb/search', payload: { q: 'mua xe may tra gop lai suat bao nhieu', k: 5 } });
    expect(res.json().confident).toBe(false);
  });

  test.each([{}, { q: '' }, { q: 42 }, { q: 'tang ca', extra: 1 }, { q: 'tang ca', k: 100 }])('bad input %j is a 400', async (payload) => {
    const res = await app.inject({ method: 'POST', url: '/api/kb/search', payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('bad_request');
  });
});
