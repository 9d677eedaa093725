/**
 * The officer console in chromium, broadcasts (issue 8): a unit admin writes a broadcast to a
 * custom list (CSV) of members on Telegram and web chat and one Zalo follower silent for 8 days,
 * plans it (the Zalo follower is under "never", in words), starts it after a confirmation that
 * repeats the number of people, and watches the counts reach "delivered" without reloading. A
 * second broadcast through a held Telegram is paused (what was not yet handed to the platform goes
 * back to pending) and resumed to the end. A plain officer sees the list, on a phone, without the
 * create and control buttons.
 *
 * Sending runs in the world's own worker (broadcast runner + delivery queue). The app's clock is
 * moved to sending hours when the test runs inside the quiet hours, so the result does not depend
 * on the hour of the run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { ChannelAdapter, SendRequest } from '../../src/channels/types.ts';
import { DEMO_UNITS } from '../../src/org/seed-data.ts';
import { nextSendable, quietStartsAt } from '../../src/broadcasts/quiet-hours.ts';
import { control } from '../../src/broadcasts/control.ts';
import type { BroadcastDeps } from '../../src/broadcasts/deps.ts';
import { projectRoot } from '../../src/paths.ts';
import { hasChromium, openConsoleWorld, until, type ConsoleOfficer, type ConsoleWorld } from './world.ts';

const HOUR = 3_600_000;

/** Real time, or (inside 21:00-08:00 Vietnam time) real time moved forward to the next 08:30: only forward, so session cookies stay valid. */
function sendingHoursClock(): () => Date {
  const real = new Date();
  let start = nextSendable(real);
  if (quietStartsAt(start).getTime() - start.getTime() < HOUR) start = nextSendable(quietStartsAt(start));
  const offset = start.getTime() === real.getTime() ? 0 : start.getTime() - real.getTime() + HOUR / 2;
  return () => new Date(Date.now() + offset);
}

const depsOf = (w: ConsoleWorld): BroadcastDeps => ({
  sql: w.app.db.sql,
  queue: w.app.queue,
  keyring: w.app.services.keyring,
  notifier: w.app.notifier,
  adapters: w.app.adapters,
  clock: w.app.services.clock,
});

/** A Telegram that records what it sends and can be held (every send waits until released). */
function heldTelegram() {
  const sent: Array<{ externalId: string; text: string }> = [];
  let release: (() => void) | null = null;
  let gate: Promise<void> | null = null;
  const adapter: ChannelAdapter = {
    channel: 'telegram',
    capabilities: {
      maxTextLength: 4096,
      choices: { native: true, maxCount: 10, maxLabelLength: 64, maxKeyBytes: 64 },
      requestContact: true,
      cards: { native: false, maxCount: 0, maxButtons: 0 },
      media: true,
      rateLimits: { perAccount: { count: 30, perMs: 1000 } },
    },
    async send(req: SendRequest) {
      if (gate) await gate;
      sent.push({ externalId: req.externalId, text: req.message.kind === 'text' ? req.message.text : JSON.stringify(req.message) });
      return { ok: true, platformMessageId: `tg-${req.outboxId}` };
    },
  };
  return {
    adapter,
    sent,
    hold() {
      gate = new Promise((r) => (release = r));
    },
    release() {
      gate = null;
      release?.();
    },
  };
}

describe.skipIf(!hasChromium())('officer console: broadcasts', () => {
  let w: ConsoleWorld;
  let admin: ConsoleOfficer;
  let plain: ConsoleOfficer;
  const telegram = heldTelegram();
  const clock = sendingHoursClock();
  let unitId = '';

  beforeAll(async () => {
    // one delivery worker: a held send keeps the rest of the batch in the outbox, where pause can take it back
    w = await openConsoleWorld({ DELIVERY_CONCURRENCY: '1' }, { clock, adapters: [telegram.adapter] });
    admin = await w.officer({ name: 'Phạm Văn Hải', role: 'unit_admin' });
    plain = await w.officer({ name: 'Vũ Thị Lan', role: 'officer' });
    unitId = (await w.app.db.sql.query<{ id: string }>(`SELECT id::text AS id FROM org_unit WHERE code = $1`, [DEMO_UNITS.garmentBacNinh]))[0]!.id;
  }, 120_000);
  afterAll(async () => {
    telegram.release();
    await w?.close();
  });

  /** A member of the Bắc Ninh garment union with conversations on the given channels; returns the member number. */
  async function member(channels: Array<{ channel: 'telegram' | 'webchat' | 'zalo'; lastInboundHoursAgo: number }>): Promise<string> {
    const memberNo = `BC${randomUUID().slice(0, 8).toUpperCase()}`;
    const sql = w.app.db.sql;
    const m = (
      await sql.query<{ id: string }>(
        `INSERT INTO member (id, member_no, full_name, org_unit_id, joined_at) VALUES (gen_random_uuid(), $1, $2, $3::uuid, now()) RETURNING id::text AS id`,
        [memberNo, `Người lao động ${memberNo}`, unitId],
      )
    )[0]!.id;
    for (const ch of channels) {
      const ext = `${ch.channel}-${randomUUID().slice(0, 8)}`;
      const identity = (
        await sql.query<{ id: string }>(
          `INSERT INTO channel_identity (id, channel, account_id, platform_user_id, member_id) VALUES (gen_random_uuid(), $1, 'acc', $2, $3::uuid) RETURNING id::text AS id`,
          [ch.channel, ext, m],
        )
      )[0]!.id;
      await sql.query(
        `INSERT INTO conversation (id, identity_id, channel, account_id, external_id, locale, last_inbound_at) VALUES (gen_random_uuid(), $1::uuid, $2, 'acc', $3, 'vi', $4)`,
        [identity, ch.channel, ext, new Date(clock().getTime() - ch.lastInboundHoursAgo * HOUR)],
      );
    }
    return memberNo;
  }

  /** Fills the new-broadcast form (custom list as an uploaded CSV) and saves it; returns the broadcast id. */
  async function createViaForm(page: Page, title: string, text: string, memberNos: string[], unitCode?: string): Promise<string> {
    await page.getByTestId('nav-broadcasts').click();
    await page.getByTestId('broadcast-new').click();
    await page.getByTestId('bf-title').fill(title);
    await page.getByTestId('bf-text-vi').fill(text);
    if (unitCode) {
      // picked from the officer's subtree by name or code
      await page.getByTestId('bf-unit-search').fill(unitCode);
      await page.getByTestId('bf-unit-option').filter({ hasText: unitCode }).click();
      await page.getByTestId('bf-units').waitFor();
    }
    await page.getByTestId('bf-csv').setInputFiles({ name: 'danh-sach.csv', mimeType: 'text/csv', buffer: Buffer.from(`ma_doan_vien\n${memberNos.join('\n')}\n`) });
    await expect.poll(() => page.getByTestId('bf-csv-count').textContent()).toContain(`${memberNos.length} giá trị`);
    await page.getByTestId('bf-submit').click();
    const view = page.getByTestId('broadcast-view');
    await view.waitFor({ timeout: 15_000 });
    return (await view.getAttribute('data-id'))!;
  }

  const channelRow = (page: Page, channel: string) => page.locator(`[data-testid=progress-channel][data-channel=${channel}]`);

  it('writes, plans and starts a broadcast; the counts reach delivered live', async () => {
    const a = await member([{ channel: 'telegram', lastInboundHoursAgo: 2 }]);
    const b = await member([{ channel: 'webchat', lastInboundHoursAgo: 30 }]);
    const c = await member([{ channel: 'telegram', lastInboundHoursAgo: 100 }, { channel: 'webchat', lastInboundHoursAgo: 1 }]);
    const silent = await member([{ channel: 'zalo', lastInboundHoursAgo: 8 * 24 }]);
    const { page, errors, dialogs } = await w.signIn(admin);

    await w.app.db.sql.query(
      `INSERT INTO contest (id, title, organizer_code, opens_at, closes_at, time_limit_sec, questions)
       VALUES ('bc-contest-1', 'Tìm hiểu Bộ luật Lao động 2019', $1, now(), now() + interval '7 days', 600, '[]'::jsonb)`,
      [DEMO_UNITS.garmentBacNinh],
    );
    await page.getByTestId('nav-broadcasts').click();
    await page.getByTestId('broadcast-new').click();
    // the contest filter offers the contests of the officer's scope
    await expect.poll(() => page.getByTestId('bf-contest').locator('option[value="bc-contest-1"]').textContent()).toContain('Tìm hiểu Bộ luật Lao động 2019');
    // the form's own checks, before any request
    await page.getByTestId('bf-title').fill('Lịch nghỉ Tết');
    await page.getByTestId('bf-submit').click();
    await expect.poll(() => page.getByTestId('bf-error').textContent()).toBe('Vui lòng nhập nội dung tiếng Việt.');
    await page.getByTestId('bf-text-vi').fill('Công đoàn thông báo lịch nghỉ Tết.');
    await page.getByTestId('bf-image-vi').fill('http://example.org/tet.png');
    await page.getByTestId('bf-submit').click();
    await expect.poll(() => page.getByTestId('bf-error').textContent()).toMatch(/https:\/\//);
    await page.getByTestId('bf-image-vi').fill('');

    const text = 'Công đoàn thông báo: công nhân được nghỉ Tết 9 ngày, từ 25/01 đến 02/02.';
    const id = await createViaForm(page, 'Lịch nghỉ Tết 2027', text, [a, b, c, silent], DEMO_UNITS.garmentBacNinh);
    expect((await w.app.db.sql.query<{ units: string[] }>(`SELECT audience->'units' AS units FROM broadcast WHERE id = $1::uuid`, [id]))[0]!.units).toEqual([DEMO_UNITS.garmentBacNinh]);
    await expect.poll(() => page.getByTestId('broadcast-status').textContent()).toBe('Bản nháp');

    await page.getByTestId('broadcast-plan').click();
    await expect.poll(() => page.getByTestId('plan-summary').textContent(), { timeout: 15_000 }).toBe('4 người nhận: 3 gửi được ngay, 0 gửi sau, 1 không gửi được');
    const zalo = page.locator('[data-testid=plan-channel][data-channel=zalo]');
    expect(await zalo.getByTestId('plan-never').textContent()).toContain('Zalo: người lao động chưa nhắn cho OA trong 7 ngày qua nên OA không được nhắn trước');
    expect(await page.locator('[data-testid=plan-channel][data-channel=telegram]').getByTestId('plan-now').textContent()).toBe('2');
    expect(await page.locator('[data-testid=plan-channel][data-channel=webchat]').getByTestId('plan-now').textContent()).toBe('1');
    expect(await page.getByTestId('plan-duration').textContent()).toMatch(/^\d+ giây$/);
    expect(await page.getByTestId('plan-quota').textContent()).toBe('0 / 0');

    // start: the confirmation repeats how many people it reaches
    await page.getByTestId('broadcast-start').click();
    await expect.poll(() => page.getByTestId('broadcast-controls').textContent()).toContain('Gửi thông báo tới 3 người? (1 người không nhận được)');
    await page.getByTestId('broadcast-start-confirm').click();

    // no reload from here: the live event (or the 10 s poll) brings the counts
    await expect.poll(() => channelRow(page, 'telegram').getByTestId('count-delivered').textContent(), { timeout: 30_000 }).toBe('2');
    await expect.poll(() => channelRow(page, 'webchat').getByTestId('count-delivered').textContent(), { timeout: 30_000 }).toBe('1');
    await expect.poll(() => page.getByTestId('broadcast-status').textContent(), { timeout: 30_000 }).toBe('Hoàn tất');
    expect(await channelRow(page, 'zalo').getByTestId('count-skipped').textContent()).toBe('1');
    expect(await channelRow(page, 'telegram').getByTestId('count-pending').textContent()).toBe('0');
    expect(await page.getByTestId('progress-reasons').locator('[data-reason=zalo_window_closed]').textContent()).toContain('Bỏ qua');

    // the platform got the text, once per person
    expect(telegram.sent.filter((s) => s.text.includes('nghỉ Tết 9 ngày'))).toHaveLength(2);
    // the list: status and how far it got
    const item = page.locator(`[data-testid=broadcast-item][data-id="${id}"]`);
    await expect.poll(() => item.textContent(), { timeout: 15_000 }).toContain('Hoàn tất');
    await expect.poll(() => item.getByTestId('broadcast-item-pct').textContent(), { timeout: 15_000 }).toBe('đã xử lý 100%');
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
  }, 120_000);

  it('pauses a broadcast (the unsent part goes back to pending) and resumes it to the end', async () => {
    const people = [];
    for (let i = 0; i < 5; i++) people.push(await member([{ channel: 'telegram', lastInboundHoursAgo: 1 }]));
    const { page, errors } = await w.signIn(admin);
    const id = await createViaForm(page, 'Họp công đoàn', 'Mời đoàn viên dự họp công đoàn tối thứ Sáu.', people);
    await page.getByTestId('broadcast-plan').click();
    await page.getByTestId('broadcast-start').waitFor({ timeout: 15_000 });

    telegram.hold();
    await page.getByTestId('broadcast-start').click();
    await page.getByTestId('broadcast-start-confirm').click();
    await expect.poll(() => page.getByTestId('broadcast-status').textContent(), { timeout: 15_000 }).toBe('Đang gửi');
    // the runner handed the batch to the outbox; the one delivery worker waits on the held platform
    await until(async () => {
      const r = await w.app.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM broadcast_recipient WHERE broadcast_id = $1::uuid AND status = 'queued'`, [id]);
      return r[0]!.n === 5;
    }, 'the batch in the outbox', 20_000);

    await page.getByTestId('broadcast-pause').click();
    await expect.poll(() => page.getByTestId('broadcast-status').textContent(), { timeout: 10_000 }).toBe('Tạm dừng');
    // the one being sent stays with the platform, the other four are taken back
    await expect.poll(() => channelRow(page, 'telegram').getByTestId('count-pending').textContent(), { timeout: 10_000 }).toBe('5');
    const back = await w.app.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM broadcast_recipient WHERE broadcast_id = $1::uuid AND status = 'pending'`, [id]);
    expect(back[0]!.n).toBe(4);
    expect(await page.getByTestId('broadcast-resume').isVisible()).toBe(true);
    expect(await page.getByTestId('broadcast-pause').count()).toBe(0);

    // another admin resumes it elsewhere: a paused view polls once a minute, so only the live event can show it here
    expect((await control(depsOf(w), id, 'resume')).ok).toBe(true);
    await expect.poll(() => page.getByTestId('broadcast-status').textContent(), { timeout: 8_000 }).toBe('Đang gửi');
    await page.getByTestId('broadcast-pause').click();
    await expect.poll(() => page.getByTestId('broadcast-status').textContent(), { timeout: 10_000 }).toBe('Tạm dừng');
    await page.getByTestId('broadcast-resume').click();
    await expect.poll(() => page.getByTestId('broadcast-status').textContent(), { timeout: 10_000 }).toBe('Đang gửi');
    telegram.release();
    await expect.poll(() => channelRow(page, 'telegram').getByTestId('count-delivered').textContent(), { timeout: 40_000 }).toBe('5');
    await expect.poll(() => page.getByTestId('broadcast-status').textContent(), { timeout: 30_000 }).toBe('Hoàn tất');
    expect(telegram.sent.filter((s) => s.text.includes('dự họp công đoàn'))).toHaveLength(5);
    expect(errors).toEqual([]);
  }, 120_000);

  it('a plain officer sees the broadcasts on a phone, without create or control buttons', async () => {
    const { page, errors } = await w.signIn(plain, { width: 390, height: 800 });
    await page.getByRole('button', { name: 'Mở danh mục' }).click();
    await page.getByTestId('nav-broadcasts').click();
    const item = page.getByTestId('broadcast-item').filter({ hasText: 'Lịch nghỉ Tết 2027' });
    await item.waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('broadcast-new').count()).toBe(0);
    await item.locator('a').click();
    await page.getByTestId('broadcast-progress').waitFor();
    // phone: the detail replaces the list
    expect(await page.getByTestId('broadcast-list').isVisible()).toBe(false);
    expect(await page.getByTestId('broadcast-controls').count()).toBe(0);
    expect(await channelRow(page, 'telegram').getByTestId('count-delivered').textContent()).toBe('2');
    // the API refuses what the screen hides
    const refused = await page.evaluate(async () => {
      const me = (await (await fetch('/api/officer/me')).json()) as { csrfToken: string };
      const res = await fetch('/api/officer/broadcasts', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: '{"title":"x","content":{"vi":{"text":"x"}}}' });
      return { status: res.status, error: ((await res.json()) as { error: string }).error };
    });
    expect(refused).toEqual({ status: 403, error: 'forbidden' });
    expect(errors).toEqual([]);
  }, 60_000);
});

describe('officer console: broadcast screen code', () => {
  const FILES = ['broadcasts.js', 'broadcast-form.js', 'broadcast-view.js', 'broadcast-format.js'];
  const source = (f: string) => readFileSync(join(projectRoot, 'console', 'assets', f), 'utf8');
  const strings = (lang: string) => JSON.parse(readFileSync(join(projectRoot, 'locales', lang, 'console.json'), 'utf8')) as Record<string, unknown>;
  const lookup = (tree: unknown, key: string) => key.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), tree);

  it('renders text only as text (no HTML insertion)', () => {
    for (const f of FILES) expect(source(f), f).not.toMatch(/innerHTML|dangerouslySetInnerHTML|insertAdjacentHTML|document\.write/);
  });

  it('has every string it names in Vietnamese and English, and every reason code the server gives', async () => {
    const { REASONS, BROADCAST_STATUSES } = await import('../../src/broadcasts/schema.ts');
    const keys = new Set<string>();
    for (const f of FILES) for (const m of source(f).matchAll(/\bt\('([a-zA-Z.]+)'/g)) keys.add(m[1]!);
    for (const r of REASONS) keys.add(`broadcasts.reason.${r}`);
    for (const s of BROADCAST_STATUSES) keys.add(`broadcasts.status.${s}`);
    expect(keys.size).toBeGreaterThan(80);
    for (const lang of ['vi', 'en']) {
      const tree = strings(lang);
      const missing = [...keys].filter((k) => typeof lookup(tree, k) !== 'string');
      expect(missing, lang).toEqual([]);
    }
  });
});
