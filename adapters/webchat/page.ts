import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DEFAULT_LOCALE, isLocale, LOCALES, translator, type Locale } from '../../src/i18n.ts';

const gzipAsync = promisify(gzip);
const require = createRequire(import.meta.url);
const webchatPackage = join(dirname(require.resolve('botframework-webchat')), '..');
const WEBCHAT_VERSION = (JSON.parse(readFileSync(join(webchatPackage, 'package.json'), 'utf8')) as { version: string }).version;
const STATIC = new URL('./static/', import.meta.url);
const IMMUTABLE = 'public, max-age=31536000, immutable';

interface Asset {
  body: Buffer;
  type: string;
  version: string;
  gz?: Promise<Buffer>;
}

function asset(path: string | URL, type: string, version?: string): Asset {
  const body = readFileSync(path);
  return { body, type, version: version ?? createHash('sha256').update(body).digest('hex').slice(0, 12) };
}

export interface PageOptions {
  /** WEBCHAT_RESUME_DAYS: the page offers "remember this device" when > 0 */
  resumeDays: number;
}

/**
 * The chat page and its files, all from this server (no CDN: the bundle ships in the npm
 * package). URLs carry a version so the files can be cached for a year; the 3.9 MB bundle is
 * gzipped once (about 1 MB) because most users are on phones with mobile data. Texts come from
 * locales/<lang>/webchat.json: Vietnamese, or English with `?lang=en`.
 */
export function registerPage(app: FastifyInstance, opts: PageOptions = { resumeDays: 0 }): void {
  const assets: Record<string, Asset> = {
    'webchat.js': asset(join(webchatPackage, 'dist', 'webchat.js'), 'text/javascript; charset=utf-8', WEBCHAT_VERSION),
    'app.js': asset(new URL('app.js', STATIC), 'text/javascript; charset=utf-8'),
    'app.css': asset(new URL('app.css', STATIC), 'text/css; charset=utf-8'),
    'icon.svg': asset(new URL('icon.svg', STATIC), 'image/svg+xml'),
  };
  const template = readFileSync(new URL('index.html', STATIC), 'utf8')
    .replaceAll('{{webchat.js}}', `/webchat/webchat.js?v=${assets['webchat.js']!.version}`)
    .replaceAll('{{app.js}}', `/webchat/app.js?v=${assets['app.js']!.version}`)
    .replaceAll('{{app.css}}', `/webchat/app.css?v=${assets['app.css']!.version}`)
    .replaceAll('{{icon.svg}}', `/webchat/icon.svg?v=${assets['icon.svg']!.version}`);
  const pages = new Map(LOCALES.map((l) => [l, renderPage(template, l, opts)] as const));

  app.get<{ Querystring: { lang?: string } }>('/', async (req, reply) =>
    reply
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(pages.get(isLocale(req.query.lang) ? req.query.lang : DEFAULT_LOCALE)),
  );

  app.get<{ Params: { file: string } }>('/webchat/:file', async (req, reply) => {
    const a = assets[req.params.file];
    if (!a) return reply.callNotFound();
    return sendAsset(req, reply, a);
  });
}

/** Web Chat's and the join event's locale for each page language */
const WEBCHAT_LOCALE: Record<Locale, string> = { vi: 'vi-VN', en: 'en-US' };

/**
 * `{{t:key}}` -> the escaped text; `{{text}}` -> the texts app.js needs, as escaped JSON in an
 * attribute (the page has no inline script at all, so the CSP never needs to allow one).
 */
function renderPage(template: string, locale: Locale, opts: PageOptions): string {
  const t = translator(locale, 'webchat');
  const text = {
    locale: WEBCHAT_LOCALE[locale],
    placeholder: t('page.placeholder'),
    loadFailed: t('status.loadFailed'),
    connectFailed: t('status.connectFailed'),
    forgetConfirm: t('device.forgetConfirm'),
    forgotten: t('device.forgotten'),
    startNew: t('device.startNew'),
  };
  return template
    .replaceAll('{{lang}}', locale)
    .replaceAll('{{resumeDays}}', String(opts.resumeDays))
    .replaceAll('{{t:device.remembered}}', escapeHtml(t('device.remembered', { count: opts.resumeDays })))
    .replace(/\{\{t:([\w.]+)\}\}/g, (_m, key: string) => escapeHtml(t(key)))
    .replaceAll('{{text}}', escapeHtml(JSON.stringify(text)));
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);
}

async function sendAsset(req: FastifyRequest, reply: FastifyReply, a: Asset) {
  reply.header('cache-control', IMMUTABLE).header('x-content-type-options', 'nosniff').header('vary', 'accept-encoding').type(a.type);
  if (a.body.length > 1024 && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    a.gz ??= gzipAsync(a.body);
    return reply.header('content-encoding', 'gzip').send(await a.gz);
  }
  return reply.send(a.body);
}

/**
 * Scripts: this origin only, no inline script, no eval (Web Chat needs neither). Styles must allow
 * inline <style>: Web Chat injects its CSS at run time, and although it takes a nonce, 4.18 does
 * not hand it to its transcript scroller (react-scroll-to-bottom), whose styles a nonce policy
 * blocks (the browser test checks for violations). Card images may come from any https host.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "media-src 'self' blob: https:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');
