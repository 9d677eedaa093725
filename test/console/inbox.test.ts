/**
 * The officer console in chromium (issue 7 "Done when"): sign in; a web chat worker asks for an
 * officer and waits; the officer takes the conversation, answers (with a "/" canned response),
 * and the answer reaches the worker's web chat; an internal note stays internal; a transfer to
 * another officer; closing sends the worker the satisfaction question. The same take-and-reply
 * through Zalo (the fake platform). And a worker whose name and message are HTML/script: shown as
 * text, nothing executed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startDirectLine, type DirectLineSession } from '../../adapters/webchat/testing/directline-client.ts';
import { hasChromium, openConsoleWorld, until, type ConsoleOfficer, type ConsoleWorld } from './world.ts';

const textOf = (a: { text?: string }) => a.text ?? '';

describe.skipIf(!hasChromium())('officer console: inbox', () => {
  let w: ConsoleWorld;
  let an: ConsoleOfficer;
  let binh: ConsoleOfficer;
  const sessions: DirectLineSession[] = [];

  beforeAll(async () => {
    w = await openConsoleWorld();
    an = await w.officer({ name: 'Nguyễn Thị An' });
    binh = await w.officer({ name: 'Trần Văn Bình' });
  }, 120_000);
  afterAll(async () => {
    for (const s of sessions) s.end();
    await w?.close();
  });

  /** A web chat worker who asked for an officer; returns the session and the conversation row id. */
  async function workerAsksForOfficer(...before: string[]) {
    const dl = await startDirectLine(w.url, { webSocket: false, pollingInterval: 200 });
    sessions.push(dl);
    for (const text of before) await dl.send(text);
    await dl.send('gap can bo');
    await dl.waitFor((a) => a.from.role === 'bot' && /hàng chờ/i.test(textOf(a as { text?: string })), 20_000);
    const conversationId = await until(async () => {
      const rows = await w.app.db.sql.query<{ id: string }>(`SELECT id::text AS id FROM conversation WHERE channel = 'webchat' AND external_id = $1`, [dl.conversationId]);
      return rows[0]?.id;
    }, 'the web chat conversation row');
    return { dl, conversationId };
  }

  const item = (page: Page, conversationId: string) => page.locator(`[data-testid=conversation-item][data-id="${conversationId}"]`);

  async function openWaiting(page: Page, conversationId: string) {
    await page.getByTestId('tab-waiting').click();
    // arrives by the live stream (or the slow poll)
    await item(page, conversationId).waitFor({ timeout: 20_000 });
    await item(page, conversationId).locator('a').click();
    await page.locator(`[data-testid=conversation][data-id="${conversationId}"]`).waitFor();
  }

  it('refuses a wrong password with a message, then signs in', async () => {
    const context = await w.browser.newContext({ locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${w.url}/console`);
    await page.getByLabel('Tên đăng nhập').fill(an.username);
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.getByTestId('login-error').textContent(), { timeout: 10_000 }).toMatch(/không đúng/);
    await page.getByLabel('Mật khẩu').fill(an.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.getByTestId('officer-name').textContent(), { timeout: 10_000 }).toBe('Nguyễn Thị An');
    // the session cookie is HttpOnly: the page's script cannot read it
    expect(await page.evaluate(() => document.cookie)).not.toMatch(/ua_session/);
    // English switch
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('nav-inbox').textContent()).toBe('Inbox');
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('nav-inbox').textContent()).toBe('Hộp thư');
    await context.close();
  }, 60_000);

  it('says when an account is locked after repeated wrong passwords', async () => {
    const victim = await w.officer({ name: 'Đặng Văn Khóa' });
    const page = await (await w.browser.newContext({ locale: 'vi-VN' })).newPage();
    await page.goto(`${w.url}/console`);
    await page.getByLabel('Tên đăng nhập').fill(victim.username);
    let message = '';
    for (let i = 0; i < 7 && !/tạm khóa/.test(message); i++) {
      await page.getByLabel('Mật khẩu').fill(`sai-${i}`);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByTestId('login-error').waitFor();
      await expect.poll(() => page.getByRole('button', { name: 'Đăng nhập' }).isEnabled()).toBe(true);
      message = (await page.getByTestId('login-error').textContent()) ?? '';
    }
    expect(message).toMatch(/Tài khoản tạm khóa do nhập sai nhiều lần\. Vui lòng thử lại sau \d+ phút\./);
    // even the right password is refused while locked
    await page.getByLabel('Mật khẩu').fill(victim.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toMatch(/tạm khóa/);
    expect(await page.getByTestId('officer-name').count()).toBe(0);
  }, 60_000);

  it('web chat: take, reply with a canned response, note, transfer, close with the satisfaction question', async () => {
    const { dl, conversationId } = await workerAsksForOfficer('cong ty no luong 2 thang roi');
    const { page, errors } = await w.signIn(an);
    await openWaiting(page, conversationId);
    // the worker's own words are in the history
    await page.getByTestId('messages').getByText('cong ty no luong 2 thang roi').waitFor();

    await page.getByTestId('take').click();
    await expect.poll(() => page.getByTestId('assigned-to').textContent(), { timeout: 10_000 }).toContain('Nguyễn Thị An');

    // "/luo" + Tab inserts the demo canned response about wages
    const box = page.getByTestId('reply-text');
    await box.fill('/luo');
    await page.getByTestId('canned-suggestions').waitFor();
    await box.press('Tab');
    await expect.poll(() => box.inputValue()).toMatch(/^Về tiền lương: .*Điều 94/);
    await box.fill('Chào anh, tôi là cán bộ công đoàn. Anh cho tôi biết tên công ty nhé.');
    await page.getByTestId('send').click();
    await dl.waitFor((a) => a.from.role === 'bot' && textOf(a as { text?: string }) === 'Chào anh, tôi là cán bộ công đoàn. Anh cho tôi biết tên công ty nhé.', 20_000);
    await page.getByTestId('msg-out').filter({ hasText: 'Anh cho tôi biết tên công ty' }).waitFor();

    // the worker answers: it appears in the open conversation without a reload
    await dl.send('Cong ty TNHH May Song Hong Viet');
    await page.getByTestId('messages').getByText('Cong ty TNHH May Song Hong Viet').waitFor({ timeout: 20_000 });

    // an internal note: shown apart in the console, never sent to the worker
    await page.getByTestId('mode-note').click();
    await box.fill('Đã gọi cho chủ tịch công đoàn cơ sở, chờ phản hồi.');
    await page.getByTestId('send').click();
    await page.getByTestId('note').filter({ hasText: 'Đã gọi cho chủ tịch' }).waitFor();
    await expect.poll(() => page.getByTestId('note').filter({ hasText: 'Đã gọi cho chủ tịch' }).textContent()).toMatch(/Ghi chú nội bộ/);

    // transfer to Bình
    await page.getByTestId('transfer').click();
    await page.getByTestId('transfer-officer').filter({ hasText: 'Trần Văn Bình' }).click();
    await expect.poll(() => page.getByTestId('assigned-to').textContent(), { timeout: 10_000 }).toContain('Trần Văn Bình');

    // Bình finds it under "mine" and closes it
    const b = await w.signIn(binh);
    await b.page.getByTestId('tab-mine').click();
    await item(b.page, conversationId).locator('a').click();
    await b.page.getByTestId('close').click();
    await b.page.getByTestId('close-confirm').click();
    await dl.waitFor((a) => a.from.role === 'bot' && /đánh giá/i.test(textOf(a as { text?: string })), 20_000);
    await b.page.getByTestId('tab-closed').click();
    await item(b.page, conversationId).waitFor({ timeout: 20_000 });

    // the note never reached the worker
    expect(dl.activities.some((a) => /Đã gọi cho chủ tịch/.test(textOf(a as { text?: string })))).toBe(false);
    expect(errors).toEqual([]);
    expect(b.errors).toEqual([]);
  }, 120_000);

  it('Zalo: the officer reply goes out through the Zalo platform', async () => {
    const user = 'zalo-worker-7';
    const msg = w.zalo.userMessage(user, { text: 'toi muon gap can bo cong doan' }, 7001);
    const res = await w.app.http.inject({ method: msg.method, url: msg.url, headers: msg.headers, payload: msg.body });
    expect(res.statusCode).toBeLessThan(300);
    const conversationId = await until(async () => {
      const rows = await w.app.db.sql.query<{ id: string }>(
        `SELECT c.id::text AS id FROM conversation c JOIN handoff h ON h.conversation_id = c.id WHERE c.channel = 'zalo' AND c.external_id = $1`,
        [w.zalo.externalIdOf(user)],
      );
      return rows[0]?.id;
    }, 'the Zalo handoff');

    const { page, errors } = await w.signIn(an);
    await openWaiting(page, conversationId);
    await page.getByTestId('take').click();
    await expect.poll(() => page.getByTestId('assigned-to').textContent(), { timeout: 10_000 }).toContain('Nguyễn Thị An');
    await page.getByTestId('reply-text').fill('Chào chị, cán bộ công đoàn đây. Chị cần hỗ trợ gì ạ?');
    await page.getByTestId('send').click();
    await until(async () => w.zalo.seen(w.zalo.calls()).some((t) => t.includes('Chị cần hỗ trợ gì ạ?')), 'the reply at the fake Zalo');

    // Zalo's 48 h window: the worker's last message 47 h ago -> a warning; 49 h ago -> closed, no sending
    const lastInbound = (hoursAgo: number) =>
      w.app.db.sql.query(`UPDATE conversation SET last_inbound_at = now() - make_interval(hours => $2) WHERE id = $1::uuid`, [conversationId, hoursAgo]);
    await lastInbound(47);
    await page.reload();
    await expect.poll(() => page.getByTestId('window-warning').textContent(), { timeout: 15_000 }).toMatch(/Zalo sắp đóng/);
    await lastInbound(49);
    await page.reload();
    await expect.poll(() => page.getByTestId('window-warning').textContent(), { timeout: 15_000 }).toMatch(/Đã hết thời hạn trả lời trên Zalo/);
    await page.getByTestId('reply-text').fill('Chị còn đó không?');
    expect(await page.getByTestId('send').isDisabled()).toBe(true);
    expect(errors).toEqual([]);
  }, 90_000);

  it('shows a worker’s HTML and script as text and runs none of it', async () => {
    const script = '<script>alert(1)</script>';
    const name = '<img src=x onerror=alert(1)>';
    const { conversationId } = await workerAsksForOfficer(script);
    // the name as a platform profile would carry it
    await w.app.db.sql.query(
      `UPDATE channel_identity SET display_name = $2 WHERE id = (SELECT identity_id FROM conversation WHERE id = $1::uuid)`,
      [conversationId, name],
    );
    const { page, errors, dialogs } = await w.signIn(an);
    await openWaiting(page, conversationId);
    await expect.poll(() => page.getByTestId('conversation-name').textContent()).toBe(name);
    await page.getByTestId('messages').getByText(script, { exact: true }).waitFor();
    await expect.poll(() => item(page, conversationId).locator('.name').textContent()).toBe(name);
    expect(await page.locator('[data-testid=conversation] img, [data-testid=conversation-list] img').count()).toBe(0);
    expect(await page.locator('[data-testid=messages] script').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  }, 90_000);

  it('works on a phone: the list gives way to the conversation and back', async () => {
    const { conversationId } = await workerAsksForOfficer('em can hoi ve bao hiem');
    const { page, errors } = await w.signIn(an, { width: 390, height: 800 });
    await openWaiting(page, conversationId);
    // one column: the list is hidden while a conversation is open
    expect(await page.getByTestId('conversation-list').isVisible()).toBe(false);
    await page.getByTestId('messages').getByText('em can hoi ve bao hiem').waitFor();
    await page.getByTestId('conversation').getByRole('button', { name: /Quay lại/ }).click();
    await page.getByTestId('conversation-list').waitFor({ state: 'visible' });
    // the navigation folds behind the menu button
    expect(await page.getByTestId('nav-cases').isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Mở danh mục' }).click();
    await page.getByTestId('nav-cases').click();
    await page.getByTestId('case-filters').waitFor();
    expect(errors).toEqual([]);
  }, 90_000);
});
