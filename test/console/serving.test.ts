/**
 * How the console is served (src/http/console.ts): the page under a strict CSP whose only inline
 * script is the import map, allowed by its hash; vendor modules from node_modules; UI strings by
 * language; client-side routes fall back to the page, a missing asset is a 404.
 */
import { createHash } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerConsole } from '../../src/http/console.ts';

describe('console static files', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify();
    await registerConsole(app);
    await app.ready();
  });
  afterAll(() => app.close());

  const get = (url: string) => app.inject({ method: 'GET', url });

  it('serves the page with a CSP that allows no inline script but the hashed import map', async () => {
    const res = await get('/console');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    const inline = [...res.body.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)];
    expect(inline).toHaveLength(1);
    expect(inline[0]![0]).toMatch(/type="importmap"/);
    const hash = createHash('sha256').update(inline[0]![1]!).digest('base64');
    expect(csp).toContain(`'sha256-${hash}'`);
    // every URL in the import map is served as JavaScript
    for (const url of Object.values((JSON.parse(inline[0]![1]!) as { imports: Record<string, string> }).imports)) {
      const mod = await get(url);
      expect(mod.statusCode, url).toBe(200);
      expect(mod.headers['content-type']).toMatch(/javascript/);
      expect(mod.headers['cache-control']).toMatch(/immutable/);
    }
  });

  it('serves the UI strings in Vietnamese and English with the same keys', async () => {
    const keys = (o: object, p = ''): string[] => Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v as object, `${p}${k}.`) : [`${p}${k}`]));
    const vi = (await get('/console/i18n/vi.json')).json() as object;
    const en = (await get('/console/i18n/en.json')).json() as object;
    expect(keys(vi).sort()).toEqual(keys(en).sort());
    expect((vi as { nav: { inbox: string } }).nav.inbox).toBe('Hộp thư');
  });

  it('answers a client-side route with the page and a missing asset with 404', async () => {
    const page = await get('/console/inbox/mine/123');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('type="importmap"');
    expect((await get('/console/assets/nope.js')).statusCode).toBe(404);
    expect((await get('/console/vendor/nope.js')).statusCode).toBe(404);
    const main = await get('/console/assets/main.js');
    expect(main.statusCode).toBe(200);
    expect(main.headers['x-content-type-options']).toBe('nosniff');
  });

  it('never renders worker text as HTML: no innerHTML or dangerouslySetInnerHTML in the console code', async () => {
    for (const file of ['main.js', 'lib.js', 'ui.js', 'live.js', 'login.js', 'inbox.js', 'conversation.js', 'reply.js', 'registrations.js', 'cases.js', 'dashboard.js', 'audit.js', 'canned.js']) {
      const res = await get(`/console/assets/${file}`);
      expect(res.statusCode, file).toBe(200);
      expect(res.body, file).not.toMatch(/innerHTML|dangerouslySetInnerHTML|insertAdjacentHTML|document\.write/);
    }
  });
});
