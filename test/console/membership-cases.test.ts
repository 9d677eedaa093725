/**
 * The officer console in chromium, registrations and cases: a worker registers on web chat, the
 * officer approves the application in the console and the worker receives their member number;
 * a grievance case of a web chat worker gets a new status with a message, which reaches the
 * worker's chat.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDirectLine, type DirectLineSession } from '../../adapters/webchat/testing/directline-client.ts';
import { createCase } from '../../src/cases/service.ts';
import { hasChromium, openConsoleWorld, until, type ConsoleOfficer, type ConsoleWorld } from './world.ts';

const textOf = (a: unknown) => (a as { text?: string }).text ?? '';

/** The registration dialogue of test/e2e-registration.test.ts (a garment worker in Bắc Ninh). */
const SCRIPT: Array<[string, RegExp]> = [
  ['dang ky', /đồng ý/i],
  ['dong y', /họ và tên/i],
  ['Pham Thi Hoa', /ngày sinh/i],
  ['02/09/1996', /giới tính/i],
  ['nu', /căn cước/i],
  ['001196012345', /điện thoại/i],
  ['0912 888 777', /làm việc ở đâu|công ty/i],
  ['Cong ty TNHH May Song Hong Viet', /địa chỉ/i],
  ['KCN Que Vo, Bac Ninh', /tỉnh|thành phố/i],
  ['bac ninh', /Sông Hồng/],
  ['1', /đã đúng chưa|kiểm tra/i],
  ['dung roi', /DK-\d{4}-[A-Z0-9]{6}/],
];

describe.skipIf(!hasChromium())('officer console: registrations and cases', () => {
  let w: ConsoleWorld;
  let officer: ConsoleOfficer;
  const sessions: DirectLineSession[] = [];

  beforeAll(async () => {
    w = await openConsoleWorld();
    officer = await w.officer({ name: 'Lê Thị Cúc' });
  }, 120_000);
  afterAll(async () => {
    for (const s of sessions) s.end();
    await w?.close();
  });

  it('approves a registration; the worker gets the member number on web chat', async () => {
    const dl = await startDirectLine(w.url, { webSocket: false, pollingInterval: 200 });
    sessions.push(dl);
    let code = '';
    for (const [text, expected] of SCRIPT) {
      const from = dl.activities.length;
      await dl.send(text);
      const a = await dl.waitFor((x, all) => all.indexOf(x) >= from && x.from.role === 'bot' && expected.test(textOf(x)), 20_000);
      code = /DK-\d{4}-[A-Z0-9]{6}/.exec(textOf(a))?.[0] ?? code;
    }
    expect(code).not.toBe('');

    const { page, errors } = await w.signIn(officer);
    await page.getByTestId('nav-registrations').click();
    await page.getByTestId('registration-item').filter({ hasText: code }).locator('a').click();
    const view = page.getByTestId('registration-view');
    // the personal data is opened for the deciding officer
    await view.getByText('Pham Thi Hoa').waitFor();
    await view.getByText('001196012345').waitFor();
    await page.getByTestId('approve').click();
    const memberNo = (await page.getByTestId('member-no').textContent({ timeout: 15_000 }))!.replace(/^.*:\s*/, '');
    expect(memberNo).not.toBe('');
    await expect.poll(() => page.getByTestId('card-link').getAttribute('href')).toMatch(/\/card\//);
    await dl.waitFor((a) => a.from.role === 'bot' && textOf(a).includes(memberNo), 20_000);
    // it left the pending list
    await expect.poll(() => page.getByTestId('registration-item').filter({ hasText: code }).count(), { timeout: 15_000 }).toBe(0);
    expect(errors).toEqual([]);
  }, 150_000);

  it('changes a case status with a message that reaches the worker', async () => {
    const dl = await startDirectLine(w.url, { webSocket: false, pollingInterval: 200 });
    sessions.push(dl);
    await dl.send('xin chao');
    await dl.waitFor((a) => a.from.role === 'bot', 20_000);
    const conv = await until(async () => (await w.app.db.sql.query<{ id: string; identity_id: string }>(
      `SELECT id::text AS id, identity_id::text AS identity_id FROM conversation WHERE channel = 'webchat' AND external_id = $1`, [dl.conversationId]))[0], 'the conversation');
    const unit = await w.app.db.prisma.orgUnit.findUniqueOrThrow({ where: { code: w.queueUnitCode } });
    const created = await w.app.db.prisma.$transaction((tx) =>
      createCase(tx, w.app.services.keyring, {
        category: 'wages',
        urgency: null,
        employer: 'Công ty TNHH May Sông Hồng Việt',
        provinceCode: '24',
        orgUnitId: unit.id,
        aboutUnion: false,
        description: 'Công ty chậm trả lương tháng 10 cho cả chuyền may số 5.',
        discoveredOn: '2026-11-10',
        affectedCount: 30,
        anonymous: false,
        attachments: [],
        memberId: null,
        identityId: conv.identity_id,
        conversationId: conv.id,
        channel: 'webchat',
        locale: 'vi',
        now: new Date(),
      }),
    );

    const { page, errors } = await w.signIn(officer);
    await page.getByTestId('nav-cases').click();
    await page.getByTestId('filter-category').selectOption('wages');
    await page.getByTestId('case-item').filter({ hasText: created.code }).locator('a').click();
    await page.getByTestId('case-view').getByText('chuyền may số 5').waitFor();
    await page.getByTestId('new-status').selectOption('dang_xu_ly');
    await page.getByTestId('status-note').fill('Đã hẹn làm việc với phòng nhân sự thứ Hai.');
    await page.getByTestId('status-message').fill('Công đoàn đã liên hệ công ty về khoản lương tháng 10 của chuyền 5.');
    await page.getByTestId('status-submit').click();
    await expect.poll(() => page.getByTestId('case-status').textContent(), { timeout: 15_000 }).toBe('Đang xử lý');
    await page.getByTestId('case-history').getByText('Đã hẹn làm việc với phòng nhân sự thứ Hai.').waitFor();
    await dl.waitFor((a) => a.from.role === 'bot' && textOf(a).includes('Công đoàn đã liên hệ công ty về khoản lương tháng 10'), 20_000);

    // a request for information: the question reaches the worker, the case waits for them
    await page.getByTestId('request-info-question').fill('Anh/chị gửi giúp ảnh bảng chấm công tháng 10.');
    await page.getByTestId('request-info-form').getByRole('button').click();
    await expect.poll(() => page.getByTestId('case-status').textContent(), { timeout: 15_000 }).toBe('Chờ bổ sung');
    await dl.waitFor((a) => a.from.role === 'bot' && textOf(a).includes('bảng chấm công tháng 10'), 20_000);
    expect(errors).toEqual([]);
  }, 90_000);

  it('draws the dashboard charts (Chart.js loaded on demand, under the CSP)', async () => {
    const { page, errors } = await w.signIn(officer);
    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('charts').waitFor({ timeout: 15_000 });
    // one canvas per series and one by unit; Chart.js sizes each canvas it draws on
    await expect.poll(() => page.locator('[data-testid=charts] canvas').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(6);
    await expect.poll(() => page.evaluate(() => [...document.querySelectorAll('[data-testid=charts] canvas')].every((c) => (c as HTMLCanvasElement).width > 0)), { timeout: 15_000 }).toBe(true);
    expect(await page.getByTestId('export-csv').first().getAttribute('href')).toMatch(/^\/api\/officer\/dashboard\?.*format=csv/);
    expect(errors).toEqual([]);
  }, 60_000);
});

