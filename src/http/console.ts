import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { projectRoot } from '../paths.ts';
import { LOCALES } from '../i18n.ts';

const require = createRequire(import.meta.url);
const CONSOLE_DIR = join(projectRoot, 'console');
const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
};

const gzipAsync = promisify(gzip);

interface Asset {
  body: Buffer;
  type: string;
  /** compressed once, on first request (officers on phones use mobile data; Chart.js is 200 KB) */
  gz?: Promise<Buffer>;
}

/** Third-party ES modules, straight from node_modules (no bundler): URL -> file. */
function vendorFiles(): Record<string, string> {
  // the package's folder: up from its entry point to the package.json naming it ("exports" may hide package.json)
  const pkg = (name: string) => {
    let dir = dirname(require.resolve(name));
    while (!existsSync(join(dir, 'package.json')) || (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name !== name) {
      const up = dirname(dir);
      if (up === dir) throw new Error(`package ${name} not found`);
      dir = up;
    }
    return dir;
  };
  const preact = pkg('preact');
  const chart = pkg('chart.js');
  return {
    'preact.js': join(preact, 'dist', 'preact.module.js'),
    'preact-hooks.js': join(preact, 'hooks', 'dist', 'hooks.module.js'),
    'htm.js': join(pkg('htm'), 'dist', 'htm.module.js'),
    'chartjs/chart.js': join(chart, 'dist', 'chart.js'),
    'chartjs/chunks/index.js': join(chart, 'dist', 'chunks', 'index.js'),
    'kurkle-color.js': join(pkg('@kurkle/color'), 'dist', 'color.esm.js'),
  };
}

/** Every file under console/ except index.html, keyed by its path relative to console/. */
function ownFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(dir, full).split(sep).join('/')] = full;
    }
  };
  walk(dir);
  delete out['index.html'];
  return out;
}

/**
 * The officer console: a static single-page app in console/ (Preact + htm, no build step). The
 * bare imports resolve through an import map; a browser only accepts an import map inline, so the
 * CSP allows exactly that one by its hash and no other inline script. Assets carry a content hash
 * in their URL's query and are cached; the page itself is never cached. Any /console/<path> that
 * is not a file is the page (client-side routes such as /console/inbox/mine).
 */
export async function registerConsole(app: FastifyInstance): Promise<void> {
  const assets = new Map<string, Asset>();
  for (const [url, file] of Object.entries(ownFiles(CONSOLE_DIR))) assets.set(url, { body: readFileSync(file), type: TYPES[extname(file)] ?? 'application/octet-stream' });
  for (const [url, file] of Object.entries(vendorFiles())) assets.set(`vendor/${url}`, { body: readFileSync(file), type: TYPES['.js']! });
  // The UI strings: locales/<lang>/console.json
  for (const lng of LOCALES) {
    const file = join(projectRoot, 'locales', lng, 'console.json');
    if (existsSync(file)) assets.set(`i18n/${lng}.json`, { body: readFileSync(file), type: TYPES['.json']! });
  }
  // One version for the whole set: a deploy changes the URL of every file at once.
  const version = createHash('sha256')
    .update([...assets.entries()].map(([k, a]) => k + createHash('sha256').update(a.body).digest('hex')).join())
    .digest('hex')
    .slice(0, 12);
  const v = (path: string) => `/console/${path}?v=${version}`;

  const importMap = JSON.stringify({
    imports: {
      preact: v('vendor/preact.js'),
      'preact/hooks': v('vendor/preact-hooks.js'),
      htm: v('vendor/htm.js'),
      'chart.js': v('vendor/chartjs/chart.js'),
      '@kurkle/color': v('vendor/kurkle-color.js'),
      // relative imports between modules resolve to these URLs: map them to the versioned ones,
      // so every module is cached for good and a deploy still loads the new set
      ...Object.fromEntries([...assets.keys()].filter((k) => k.endsWith('.js')).map((k) => [`/console/${k}`, v(k)])),
    },
  });
  const importMapHash = createHash('sha256').update(importMap).digest('base64');
  const page = readFileSync(join(CONSOLE_DIR, 'index.html'), 'utf8')
    .replace('{{importmap}}', importMap)
    .replaceAll('{{version}}', version);
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'sha256-${importMapHash}'`,
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

  const sendPage = (reply: FastifyReply) =>
    reply
      .header('content-security-policy', csp)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin')
      .header('x-frame-options', 'DENY')
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(page);

  app.get('/console', async (_req, reply) => sendPage(reply));
  app.get('/console/*', async (req, reply) => {
    const path = (req.params as { '*': string })['*'];
    const a = assets.get(path);
    if (!a) {
      // a missing asset is a 404, not the page (a wrong import would otherwise parse HTML as JS)
      if (/^(vendor|assets|i18n)\//.test(path)) return reply.code(404).send({ error: 'not_found', message: 'No such file' });
      return sendPage(reply);
    }
    reply
      .header('cache-control', /[?&]v=/.test(req.url) ? 'public, max-age=31536000, immutable' : 'no-cache')
      .header('x-content-type-options', 'nosniff')
      .header('vary', 'accept-encoding')
      .type(a.type);
    if (a.body.length > 1024 && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      a.gz ??= gzipAsync(a.body);
      return reply.header('content-encoding', 'gzip').send(await a.gz);
    }
    return reply.send(a.body);
  });
}
