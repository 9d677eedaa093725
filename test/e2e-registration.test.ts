/**
 * Issue 2's proof, end to end: `npm start` with no configuration (embedded database, in-process
 * queues, a fresh data folder), then a worker registers typing without diacritics —
 * once through Microsoft's unmodified botframework-directlinejs client, once through the Web
 * Chat page in Debian chromium — and gets a reference code.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProcess, type Proc } from './processes.ts';
import { startDirectLine } from '../adapters/webchat/testing/directline-client.ts';
import { chromiumPath, launchChromium, openChatPage, typeAndSend } from '../adapters/webchat/testing/browser.ts';

const SCRIPT: Array<[string, RegExp]> = [
  ['dang ky', /đồng ý/i],
  ['dong y', /họ và tên/i],
  ['Nguyen Van An', /ngày sinh/i],
  ['15/03/1995', /giới tính/i],
  ['nam', /căn cước/i],
  ['001095012345', /điện thoại/i],
  ['0912 345 678', /làm việc ở đâu|công ty/i],
  ['Cong ty TNHH May Song Hong Viet', /địa chỉ/i],
  ['KCN Que Vo, Bac Ninh', /tỉnh|thành phố/i],
  ['bac ninh', /Sông Hồng/],
  ['1', /đã đúng chưa|kiểm tra/i],
  ['dung roi', /DK-2026-[A-Z0-9]{6}|DK-\d{4}-[A-Z0-9]{6}/],
];

describe('npm start on a fresh machine', () => {
  let dir: string;
  let api: Proc;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ua-fresh-'));
    // No configuration at all: the embedded default. Empty values count as unset.
    api = await startProcess('api', { DATA_DIR: dir, DATABASE_URL: '', REDIS_URL: '', APP_SECRET: '' });
  });
  afterAll(async () => {
    await api?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('serves the Vietnamese web chat page and is ready on the embedded database', async () => {
    const page = await fetch(`${api.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('lang="vi"');
    const ready = (await (await fetch(`${api.url}/readyz`)).json()) as { database: string; queue: string };
    expect(ready).toMatchObject({ database: 'pglite', queue: 'memory' });
  });

  it('registers through the unmodified botframework-directlinejs client', async () => {
    const dl = await startDirectLine(api.url!, { webSocket: true });
    try {
      await dl.postEvent('webchat/join');
      await dl.waitFor((a) => a.from.role === 'bot' && /Trợ lý Công đoàn/.test((a as { text?: string }).text ?? ''), 15_000);
      for (const [text, expected] of SCRIPT) {
        const from = dl.activities.length;
        await dl.send(text);
        await dl.waitFor(
          (a, all) => all.indexOf(a) >= from && a.from.role === 'bot' && expected.test((a as { text?: string }).text ?? ''),
          15_000,
        );
      }
    } finally {
      dl.end();
    }
  }, 120_000);

  const noBrowser = !chromiumPath() && process.env.CI !== 'true';
  it.skipIf(noBrowser)('registers through the Web Chat page in chromium', async () => {
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const { page, errors } = await openChatPage(browser, `${api.url}/`);
      const bubbles = (p: Page) => p.locator('.webchat__bubble:not(.webchat__bubble--from-user)');
      await bubbles(page).filter({ hasText: 'Trợ lý Công đoàn' }).first().waitFor({ timeout: 20_000 });
      // The second worker: another CCCD, so the first registration's duplicate check stays out of the way.
      const script = SCRIPT.map(([t, re]) => [t === '001095012345' ? '001095054321' : t === '0912 345 678' ? '0987 654 321' : t, re] as const);
      for (const [text, expected] of script) {
        const before = await bubbles(page).count();
        await typeAndSend(page, text);
        await expect
          .poll(
            async () => {
              const texts = await bubbles(page).allInnerTexts();
              return texts.slice(before).some((t) => expected.test(t));
            },
            { timeout: 20_000, interval: 200 },
          )
          .toBe(true);
      }
      await page.screenshot({ path: join(tmpdir(), 'webchat-registration.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await browser?.close();
    }
  }, 180_000);
});
