/**
 * The console's browser tests: the whole app as `npm start` wires it (createApp, every HTTP route,
 * in-process queues and workers, embedded database) listening on a free port, with the web chat
 * and a Zalo OA pointed at the fake Zalo platform; officers created through src/officers/accounts.ts;
 * Debian chromium driven by playwright-core.
 *
 * The handoff queue of workers with no known union is a grassroots union of Bắc Ninh
 * (HANDOFF_DEFAULT_UNIT) and the officers belong to the Bắc Ninh federation above it: the
 * federation sees that queue in its scope, but nobody there is auto-assigned, so a waiting
 * conversation stays waiting until an officer takes it in the console.
 */
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { createApp, type App } from '../../src/app/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createAdapters } from '../../adapters/index.ts';
import { zaloContract } from '../../adapters/zalo/contract.ts';
import type { ContractHarness } from '../../src/channels/contract.ts';
import type { ChannelAdapter } from '../../src/channels/types.ts';
import { createOfficer } from '../../src/officers/accounts.ts';
import type { OfficerRole } from '../../src/officers/context.ts';
import { DEMO_UNITS } from '../../src/org/seed-data.ts';
import { chromiumPath, launchChromium } from '../../adapters/webchat/testing/browser.ts';
import { unlimited } from '../channel-app.ts';

export const hasChromium = () => Boolean(chromiumPath()) || process.env.CI === 'true';

export interface ConsoleOfficer {
  id: string;
  username: string;
  password: string;
  name: string;
}

export interface ConsoleWorld {
  app: App;
  url: string;
  zalo: ContractHarness;
  browser: Browser;
  queueUnitCode: string;
  officer(o?: { name?: string; role?: OfficerRole; unitCode?: string; capacity?: number }): Promise<ConsoleOfficer>;
  /** a laptop-sized page signed in as the officer, with page errors and dialogs recorded */
  signIn(o: ConsoleOfficer, viewport?: { width: number; height: number }): Promise<ConsolePage>;
  close(): Promise<void>;
}

export interface ConsolePage {
  page: Page;
  /** uncaught errors, console errors and CSP violations */
  errors: string[];
  /** every alert/confirm/prompt the page opened (an XSS would show here) */
  dialogs: string[];
}

/** What a test may add to the world: a pinned or shifted clock, more channel adapters (a recording Telegram, say). */
export interface ConsoleWorldOptions {
  clock?: () => Date;
  adapters?: ChannelAdapter[];
}

export async function openConsoleWorld(env: Record<string, string> = {}, opts: ConsoleWorldOptions = {}): Promise<ConsoleWorld> {
  let zalo!: ContractHarness;
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: 'memory://',
    APP_SECRET: 'console-browser-test-secret-0123456789abcdef',
    LOG_LEVEL: 'silent',
    HANDOFF_DEFAULT_UNIT: DEMO_UNITS.garmentBacNinh,
    // always open: the tests do not depend on the hour they run at
    HANDOFF_HOURS: 'sun-sat 00:00-24:00',
    ...env,
  });
  const app = await createApp(config, {
    limiter: unlimited,
    ...(opts.clock ? { clock: opts.clock } : {}),
    adapters: async (deps) => {
      zalo = await zaloContract.start({ sql: deps.sql!, sink: deps.sink, keyring: deps.keyring, notifier: deps.notifier, log: deps.log, now: () => Date.now() });
      return [...createAdapters(deps), zalo.adapter, ...(opts.adapters ?? [])];
    },
  });
  app.startWorkers();
  await app.http.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`;
  const browser = await launchChromium();

  return {
    app,
    url,
    zalo,
    browser,
    queueUnitCode: DEMO_UNITS.garmentBacNinh,
    async officer(o = {}) {
      const username = `canbo.${randomUUID().slice(0, 8)}`;
      const password = 'mat-khau-du-dai-2026';
      const name = o.name ?? `Cán bộ ${username.slice(6)}`;
      const created = await createOfficer(app.db.prisma, {
        username,
        name,
        password,
        role: o.role ?? 'unit_admin',
        unitCode: o.unitCode ?? DEMO_UNITS.bacNinhFederation,
        capacity: o.capacity ?? 5,
      });
      return { id: created.id, username, password, name };
    },
    async signIn(o, viewport = { width: 1280, height: 860 }) {
      const context = await browser.newContext({ viewport, locale: 'vi-VN' });
      const page = await context.newPage();
      const errors: string[] = [];
      const dialogs: string[] = [];
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(`console: ${m.text()}`);
      });
      page.on('dialog', (d) => {
        dialogs.push(`${d.type()}: ${d.message()}`);
        void d.dismiss();
      });
      await page.exposeFunction('__reportCsp', (v: string) => errors.push(`csp: ${v}`));
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          (window as unknown as { __reportCsp(v: string): void }).__reportCsp(`${e.violatedDirective} ${e.blockedURI}`);
        });
      });
      await page.goto(`${url}/console`);
      await page.getByLabel('Tên đăng nhập').fill(o.username);
      await page.getByLabel('Mật khẩu').fill(o.password);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByTestId('officer-name').waitFor({ state: 'attached', timeout: 15_000 });
      return { page, errors, dialogs };
    },
    async close() {
      await browser.close();
      await zalo?.stop();
      await app.close();
    },
  };
}

/** Polls until `fn` is truthy (no fixed sleeps in the tests). */
export async function until<T>(fn: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
