import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerNluRoutes } from '../../src/http/nlu.ts';

describe('POST /api/nlu/parse', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify({ logger: false });
    await registerNluRoutes(app, {});
    await app.ready();
  });
  afterAll(() => app.close());

  const parse = (payload: unknown) => app.inject({ method: 'POST', url: '/api/nlu/parse', payload: payload as object });

  it('answers like Rasa: intent, ranking, entities and the text', async () => {
    const res = await parse({ text: 'cty no lg e 5tr, tang ca 40 tieng ko tra, e o bac ninh' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.text).toBe('cty no lg e 5tr, tang ca 40 tieng ko tra, e o bac ninh');
    expect(body.intent.name).toBe('complaint');
    expect(body.intent.confidence).toBeGreaterThan(0.5);
    expect(body.intent_ranking[0]).toEqual(body.intent);
    expect(body.intent_ranking.length).toBeGreaterThan(1);
    const sum = body.intent_ranking.reduce((s: number, r: { confidence: number }) => s + r.confidence, 0);
    expect(sum).toBeLessThanOrEqual(1.0001);
    expect(body.entities.map((e: { entity: string; value: unknown }) => [e.entity, e.value])).toEqual([
      ['money', 5_000_000],
      ['duration', { amount: 40, unit: 'hours' }],
      ['province', '24'],
    ]);
  });

  it('rejects a missing, empty, oversized or wrongly typed text with 400', async () => {
    for (const payload of [{}, { text: '' }, { text: '   ' }, { text: 42 }, { text: 'x'.repeat(2001) }, { text: 'hi', extra: 1 }]) {
      const res = await parse(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error).toBe('bad_request');
    }
  });
});
