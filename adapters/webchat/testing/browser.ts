import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Flags that keep Debian's chromium quiet and offline in a sandboxed, GPU-less machine (STACK.md 7). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Debian's /usr/bin/chromium is a shell wrapper; Playwright wants the real binary behind it.
 * undefined when chromium is not installed (`apt-get install -y chromium`).
 */
export function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (existsSync('/usr/lib/chromium/chromium')) return '/usr/lib/chromium/chromium';
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('chromium is not installed: apt-get install -y chromium');
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

export interface ChatPage {
  page: Page;
  /** uncaught page errors and console errors */
  errors: string[];
  /** Content-Security-Policy violations the page reported */
  cspViolations: string[];
}

export const PHONE = { width: 412, height: 860 };

/** A phone-sized browser profile: pages opened in it share localStorage, as a worker's phone does. */
export function newPhoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
}

/**
 * A phone-sized page (most workers chat from a cheap Android phone) with error capture: in a new
 * browser profile, or in `context` to come back on the same device (a new tab, so a new
 * sessionStorage, but the same localStorage).
 */
export async function openChatPage(target: Browser | BrowserContext, url: string, viewport = PHONE): Promise<ChatPage> {
  const context = 'newContext' in target ? await target.newContext({ viewport, locale: 'vi-VN' }) : target;
  const page = await context.newPage();
  const errors: string[] = [];
  const cspViolations: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    // a failed load is reported below with its URL
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) errors.push(msg.text());
  });
  page.on('response', (res) => {
    if (res.status() >= 400) errors.push(`${res.status()} ${res.request().method()} ${res.url()}`);
  });
  await page.exposeFunction('__reportCsp', (v: string) => cspViolations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportCsp(v: string): void }).__reportCsp(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`.trim());
    });
  });
  await page.goto(url);
  await sendBox(page).waitFor({ state: 'visible', timeout: 20_000 });
  return { page, errors, cspViolations };
}

export const sendBox = (page: Page) => page.locator("[data-id='webchat-sendbox-input']");

export async function typeAndSend(page: Page, text: string): Promise<void> {
  await sendBox(page).fill(text);
  await sendBox(page).press('Enter');
}

/** A bot bubble containing `text` (the live region's hidden copy is not a bubble). */
export function botBubble(page: Page, text: string) {
  return page.locator('.webchat__bubble:not(.webchat__bubble--from-user)', { hasText: text }).first();
}

export function userBubble(page: Page, text: string) {
  return page.locator('.webchat__bubble--from-user', { hasText: text }).first();
}

export function suggestedAction(page: Page, label: string) {
  return page.locator('.webchat__suggested-action', { hasText: label }).first();
}
