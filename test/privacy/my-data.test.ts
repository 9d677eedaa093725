/**
 * "Dữ liệu của tôi" as transcripts: verification first, then view, export, correct, delete and
 * withdraw, each logged with its legal deadline (Decree 356/2025 Art. 5).
 */
import Fastify from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openTranscript, type Transcript } from '../transcript.ts';
import { registerMyDataDownload } from '../../src/http/my-data-download.ts';
import { loadPrivacyConfig, setPrivacyConfig } from '../../src/privacy/config.ts';
import { listRequests, openRequestDetail } from '../../src/privacy/requests.ts';
import { CCCD, DOB_TYPED, identityOf, seedCase, seedConsent, seedRegistration, verify } from './fixtures.ts';

const NOW = new Date('2026-11-23T09:00:00+07:00'); // a Monday
const DAY = 86_400_000;

let chat: Transcript;
let n = 0;

beforeAll(async () => {
  // both: once src/app/app.ts sets the privacy config from the app's env, the env one is used
  setPrivacyConfig(loadPrivacyConfig({ PUBLIC_URL: 'https://cd.example.vn' }));
  chat = await openTranscript({ now: NOW, env: { PUBLIC_URL: 'https://cd.example.vn' } });
});
afterAll(async () => {
  setPrivacyConfig(undefined);
  await chat.close();
});
afterEach(() => chat.setNow(NOW));

/** a fresh worker who has written once (so their chat account exists) */
async function newWorker() {
  const id = `pd-${++n}`;
  const w = chat.worker(id);
  await w.says('chào');
  return { w, ids: await identityOf(chat.app, id) };
}

const requests = (identityId: string) => chat.app.db.prisma.dataSubjectRequest.findMany({ where: { identityId }, orderBy: { receivedAt: 'asc' } });

describe('verification', () => {
  it('an unknown CCCD and a wrong date of birth get the same answer, reveal nothing and log no request', async () => {
    const { w, ids } = await newWorker();
    const { code } = await seedRegistration(chat.app, ids.identityId, { cccd: '001095011111' });
    const unknown = await verify(w, 'xem dữ liệu của tôi', '001095099999', DOB_TYPED);
    const wrongDob = await verify(w, 'xem du lieu cua toi', '001095011111', '16/03/1995');
    expect(unknown.text).toMatch(/chưa khớp/);
    expect(wrongDob.text).toBe(unknown.text);
    for (const r of [unknown, wrongDob]) {
      expect(r.text).not.toContain(code);
      expect(r.text).not.toContain('Nguyễn Văn An');
    }
    expect(await requests(ids.identityId)).toHaveLength(0);
    const failures = await chat.app.db.prisma.auditLog.count({ where: { action: 'privacy.verify_failed', entity: 'channel_identity', entityId: ids.identityId } });
    expect(failures).toBe(2);
  });

  it('locks the check after repeated failures, even with the right pair', async () => {
    const { w, ids } = await newWorker();
    await seedRegistration(chat.app, ids.identityId, { cccd: '001095022222' });
    for (let i = 0; i < 5; i++) await verify(w, 'xem dữ liệu của tôi', '001095022222', '01/01/1990');
    const r = await verify(w, 'xem dữ liệu của tôi', '001095022222', DOB_TYPED);
    expect(r.text).toMatch(/24 giờ/);
    expect(r.text).not.toContain('DK-');
    // a day later the right pair works again
    chat.setNow(new Date(NOW.getTime() + DAY + 60_000));
    expect((await verify(w, 'xem dữ liệu của tôi', '001095022222', DOB_TYPED)).text).toMatch(/DK-2026-/);
  });
});

describe('view', () => {
  it('shows what we hold, grouped and masked, and logs the request due in 10 days', async () => {
    const { w, ids } = await newWorker();
    const { code } = await seedRegistration(chat.app, ids.identityId, { cccd: CCCD });
    const c = await seedCase(chat.app, ids, { status: 'dang_xu_ly', description: 'Công ty nợ lương bí mật' });
    await seedConsent(chat.app, ids.identityId, 'membership_registration');
    const bot = await verify(w, 'xem dữ liệu của tôi', CCCD);
    expect(bot.text).toContain('Đã xác minh');
    expect(bot.text).toContain(code);
    expect(bot.text).toContain(c.code);
    expect(bot.text).toContain('001******345');
    expect(bot.text).toContain('0912***678');
    expect(bot.text).toContain('**/**/1995');
    expect(bot.text).not.toContain(CCCD);
    expect(bot.text).not.toContain('15/03/1995');
    expect(bot.text).not.toContain('bí mật');
    expect(bot.text).toMatch(/ĐOÀN VIÊN[\s\S]*HỒ SƠ ĐĂNG KÝ[\s\S]*PHẢN ÁNH[\s\S]*ĐỀ NGHỊ HỖ TRỢ[\s\S]*CÁC LẦN ĐỒNG Ý[\s\S]*TÀI KHOẢN CHAT/);
    expect(bot.text).toContain('Đăng ký đoàn viên: đồng ý ngày');
    const [req] = await requests(ids.identityId);
    expect(req).toMatchObject({ kind: 'view', status: 'completed', verifiedBy: 'cccd_dob' });
    expect(req!.dueAt.getTime() - req!.receivedAt.getTime()).toBe(10 * DAY);
    // acknowledged within 2 working days: Monday -> Wednesday
    expect(req!.ackDueAt.getTime() - req!.receivedAt.getTime()).toBe(2 * DAY);
    expect((await w.taps('Xong')).text).toMatch(/dữ liệu của tôi/);
  });

  it('a worker who never registered sees only what this chat account sent', async () => {
    const { w, ids } = await newWorker();
    const other = await newWorker();
    await seedCase(chat.app, other.ids, { status: 'moi' });
    const mine = await seedCase(chat.app, ids, { status: 'moi' });
    await w.says('cd luu j cua e z');
    // the opening asked what we keep: once the method is chosen, the answer comes at once
    const view = await w.taps('Tôi chưa đăng ký');
    expect(view.text).toMatch(/tài khoản chat này/);
    expect(view.text).toContain(mine.code);
    expect((view.text.match(/PA-2026-/g) ?? []).length).toBe(1);
    expect((await requests(ids.identityId))[0]).toMatchObject({ kind: 'view', verifiedBy: 'chat_account', memberId: null });
  });
});

describe('in English', () => {
  it('the same rights with English texts', async () => {
    const { w, ids } = await newWorker();
    const { cccd, code } = await seedRegistration(chat.app, ids.identityId);
    await w.says('English');
    expect((await w.says('what data do you keep about me')).text).toMatch(/check it is really you/);
    await w.taps('Verify with CCCD');
    await w.says(cccd);
    const bot = await w.says(DOB_TYPED);
    expect(bot.text).toMatch(/MEMBERSHIP APPLICATIONS[\s\S]*waiting for approval/);
    expect(bot.text).toContain(code);
  });
});

describe('export', () => {
  async function downloader() {
    const http = Fastify();
    const a = chat.app;
    await registerMyDataDownload(http, { config: a.config, db: a.db, adapters: a.adapters, queue: a.queue, log: a.log, notifier: a.notifier, keyring: a.services.keyring, clock: () => a.services.clock() });
    return http;
  }

  it('sends a JSON and a CSV file behind single-use links', async () => {
    const { w, ids } = await newWorker();
    const { cccd } = await seedRegistration(chat.app, ids.identityId);
    const bot = await verify(w, 'xuất dữ liệu', cccd);
    const files = bot.messages.filter((m) => m.kind === 'media');
    expect(files).toHaveLength(2);
    const urls = files.map((m) => (m.kind === 'media' ? m.url : ''));
    for (const u of urls) expect(u).toMatch(/^https:\/\/cd\.example\.vn\/my-data\/download\/[A-Za-z0-9_-]{43}$/);
    expect(bot.text).toMatch(/một lần/);

    const http = await downloader();
    const path = (u: string) => new URL(u).pathname;
    const json = await http.inject({ method: 'GET', url: path(urls[0]!) });
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-disposition']).toMatch(/attachment; filename="du-lieu-cua-toi-2026-11-2\d\.json"/);
    expect(json.headers['cache-control']).toBe('no-store');
    const body = JSON.parse(json.body) as { data: { registrations: Array<{ cccd: string }> } };
    expect(body.data.registrations[0]!.cccd).toBe(cccd);
    const csv = await http.inject({ method: 'GET', url: path(urls[1]!) });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(`registration,1,cccd,${cccd}`);
    // single use: the second request finds nothing, and a made-up token the same
    expect((await http.inject({ method: 'GET', url: path(urls[0]!) })).statusCode).toBe(404);
    expect((await http.inject({ method: 'GET', url: `/my-data/download/${'A'.repeat(43)}` })).statusCode).toBe(404);
    const [req] = await requests(ids.identityId);
    expect(req).toMatchObject({ kind: 'export', status: 'completed', outcome: { delivered: 'file' } });
    await http.close();
  });

  it('a link expires after its lifetime (pinned clock)', async () => {
    const { w, ids } = await newWorker();
    const { cccd } = await seedRegistration(chat.app, ids.identityId);
    const bot = await verify(w, 'tải dữ liệu của tôi', cccd);
    const url = bot.messages.flatMap((m) => (m.kind === 'media' ? [m.url] : []))[0]!;
    const http = await downloader();
    chat.setNow(new Date(NOW.getTime() + 31 * 60_000));
    expect((await http.inject({ method: 'GET', url: new URL(url).pathname })).statusCode).toBe(404);
    chat.setNow(new Date(NOW.getTime() + 29 * 60_000));
    expect((await http.inject({ method: 'GET', url: new URL(url).pathname })).statusCode).toBe(200);
    await http.close();
  });

  it('on Zalo, where files go as bare links, the export is a summary in chat', async () => {
    const id = `pd-zalo-${++n}`;
    const w = chat.worker(id, 'zalo');
    await w.says('chào');
    const ids = await identityOf(chat.app, id);
    const { code } = await seedRegistration(chat.app, ids.identityId, { cccd: '001095033333' });
    const bot = await verify(w, 'xuat du lieu', '001095033333');
    expect(bot.messages.some((m) => m.kind === 'media')).toBe(false);
    expect(bot.text).toMatch(/không gửi được tệp/);
    expect(bot.text).toContain(code);
    expect(await chat.app.db.prisma.dataExportLink.count({ where: { requestId: (await requests(ids.identityId))[0]!.id } })).toBe(0);
  });
});

describe('correct', () => {
  it('fixes a pending application at once, re-validated', async () => {
    const { w, ids } = await newWorker();
    const { registrationId, cccd } = await seedRegistration(chat.app, ids.identityId);
    const bot = await verify(w, 'sửa thông tin', cccd);
    expect(bot.text).toMatch(/sửa thông tin nào/);
    await w.taps('Số điện thoại');
    expect((await w.says('0123')).text).toMatch(/chưa đọc được số điện thoại|số di động/);
    const done = await w.says('0987 654 321');
    expect(done.text).toContain('0987 654 321');
    const reg = await chat.app.db.prisma.registration.findUniqueOrThrow({ where: { id: registrationId } });
    expect(chat.app.services.keyring.open(reg.phoneEnc)).toBe('+84987654321');
    expect(reg.phoneHash).toBe(chat.app.services.keyring.lookupHash('phone', '+84987654321'));
    await w.taps('Việc khác');
    await w.taps('Sửa thông tin');
    await w.taps('Họ tên');
    expect((await w.says('<b>An</b>')).text).toMatch(/HTML|chữ cái/);
    await w.says('Nguyễn Văn Bình');
    expect((await chat.app.db.prisma.registration.findUniqueOrThrow({ where: { id: registrationId } })).fullName).toBe('Nguyễn Văn Bình');
    const reqs = await requests(ids.identityId);
    expect(reqs.map((r) => [r.kind, r.status])).toEqual([['correct', 'completed'], ['correct', 'completed']]);
  });

  it("an approved member's correction becomes a request for an officer, due in 10 days", async () => {
    const { w, ids } = await newWorker();
    const { memberId } = await seedRegistration(chat.app, ids.identityId, { member: true, cccd: '001095044444' });
    await verify(w, 'sua ttin', '001095044444');
    await w.taps('Nơi làm việc');
    const bot = await w.says('Công ty CP Dệt Nam Định');
    expect(bot.text).toMatch(/cán bộ công đoàn kiểm tra/);
    expect(bot.text).toContain('03/12/2026');
    const [req] = await requests(ids.identityId);
    expect(req).toMatchObject({ kind: 'correct', status: 'pending', memberId });
    expect(JSON.parse(chat.app.services.keyring.open(req!.detailEnc!))).toMatchObject({ field: 'workplace', value: 'Công ty CP Dệt Nam Định' });
    const member = await chat.app.db.prisma.member.findUniqueOrThrow({ where: { id: memberId! } });
    expect(member.fullName).toBe('Nguyễn Văn An');
  });
});

describe('delete', () => {
  it('keeps a case under handling and the proof of consent, removes the rest, after two confirmations', async () => {
    const { w, ids } = await newWorker();
    const { registrationId } = await seedRegistration(chat.app, ids.identityId, { cccd: '001095055555' });
    const open = await seedCase(chat.app, ids, { status: 'dang_xu_ly', description: 'đang xử lý' });
    const closed = await seedCase(chat.app, ids, { status: 'da_giai_quyet', description: 'đã xong', withAttachment: true });
    await seedConsent(chat.app, ids.identityId, 'grievance');
    await chat.app.db.prisma.contestReminder.create({
      data: { contestId: 'luat-2026', personKey: `i:${ids.identityId}`, identityId: ids.identityId, conversationId: ids.conversationId },
    });
    // a notice they were sent (finished) and an officer's broadcast that reached them
    const sql = chat.app.db.sql;
    const [notice] = await sql.query<{ id: string }>(
      `INSERT INTO broadcast (id, title, content, audience, policy, status, created_by, scope_path, updated_at)
       VALUES (gen_random_uuid(), 'notice:case_status_changed', '{"sealed":"x"}', '{}', '{}', 'done', 'system:case_status_changed', '/', now()) RETURNING id::text AS id`,
    );
    const [news] = await sql.query<{ id: string }>(
      `INSERT INTO broadcast (id, title, content, audience, policy, status, created_by, scope_path, updated_at)
       VALUES (gen_random_uuid(), 'Tết', '{"vi":{"text":"Chúc mừng năm mới"}}', '{}', '{}', 'done', 'officer-1', '/', now()) RETURNING id::text AS id`,
    );
    for (const b of [notice!.id, news!.id]) {
      await sql.query(
        `INSERT INTO broadcast_recipient (broadcast_id, identity_id, conversation_id, channel, status) VALUES ($1::uuid, $2::uuid, $3::uuid, 'webchat', 'sent')`,
        [b, ids.identityId, ids.conversationId],
      );
    }
    const plan = await verify(w, 'xóa dữ liệu', '001095055555');
    expect(plan.text).toContain(open.code);
    expect(plan.text).toMatch(/Điều 19/);
    expect(plan.text).toMatch(/không khôi phục được/);
    await w.taps('Có, xóa');
    expect(await chat.app.db.prisma.registration.count({ where: { id: registrationId } })).toBe(1);
    const done = await w.taps('Xóa vĩnh viễn');
    expect(done.text).toMatch(/Đã xóa dữ liệu/);
    expect(done.text).toContain(open.code);
    expect(done.text).toMatch(/Điều 6 Nghị định 356/);

    const k = chat.app.services.keyring;
    const db = chat.app.db.prisma;
    expect(await db.registration.count({ where: { id: registrationId } })).toBe(0);
    const kept = await db.grievanceCase.findUniqueOrThrow({ where: { id: open.id } });
    expect(k.open(kept.descriptionEnc)).toBe('đang xử lý');
    const anon = await db.grievanceCase.findUniqueOrThrow({ where: { id: closed.id } });
    expect(k.open(anon.descriptionEnc)).toBe('—');
    expect(anon.code).toBe(closed.code);
    expect(await db.grievanceAttachment.count({ where: { caseId: closed.id } })).toBe(0);
    expect(await db.evidenceBlob.count()).toBe(0);
    expect(await db.contestReminder.count({ where: { identityId: ids.identityId } })).toBe(0);
    expect(await sql.query(`SELECT 1 FROM broadcast WHERE id = $1::uuid`, [notice!.id])).toEqual([]);
    expect(await sql.query(`SELECT 1 FROM broadcast_recipient WHERE broadcast_id = $1::uuid`, [notice!.id])).toEqual([]);
    expect(await sql.query(`SELECT identity_id::text AS identity_id, conversation_id, status FROM broadcast_recipient WHERE broadcast_id = $1::uuid`, [news!.id])).toEqual([
      { identity_id: ids.identityId, conversation_id: null, status: 'sent' },
    ]);
    expect(await db.grievanceCaseEvent.count({ where: { caseId: closed.id, kind: 'anonymized' } })).toBe(1);
    expect(await db.grievanceCaseEvent.count({ where: { caseId: closed.id, noteEnc: { not: null } } })).toBe(0);
    const consent = await db.consent.findFirstOrThrow({ where: { identityId: ids.identityId } });
    expect(consent.withdrawnAt).not.toBeNull();
    // every earlier message's text is gone; only the "Xóa vĩnh viễn" being answered remains
    const texts = await db.inboxMessage.findMany({ where: { conversationId: ids.conversationId }, orderBy: { id: 'asc' } });
    expect(texts.length).toBeGreaterThan(5);
    for (const t of texts.slice(0, -1)) expect(t.event).not.toHaveProperty('sealed');
    expect(texts.at(-1)!.event).toHaveProperty('sealed');
    const [req] = await requests(ids.identityId);
    expect(req).toMatchObject({ kind: 'delete', status: 'completed' });
    expect(req!.dueAt.getTime() - req!.receivedAt.getTime()).toBe(20 * DAY);
    // the anonymized trace: the outcome has counts and reasons, no personal data
    expect(JSON.stringify(req!.outcome)).not.toMatch(/Nguyễn|PA-|DK-/);
  });

  it("keeps a member's membership record and says how to leave", async () => {
    const { w, ids } = await newWorker();
    const { registrationId, memberId, cccd, code } = await seedRegistration(chat.app, ids.identityId, { member: true });
    await verify(w, 'xóa dữ liệu của tôi', cccd);
    await w.taps('Có, xóa');
    const done = await w.taps('Xóa vĩnh viễn');
    expect(done.text).toContain(`Hồ sơ đoàn viên ${code}`);
    expect(done.text).toMatch(/gặp cán bộ/);
    expect(await chat.app.db.prisma.registration.count({ where: { id: registrationId } })).toBe(1);
    expect(await chat.app.db.prisma.member.count({ where: { id: memberId! } })).toBe(1);
    const [req] = await requests(ids.identityId);
    expect(req!.outcome).toMatchObject({ kept: expect.arrayContaining([{ reason: 'membership', count: 1 }]) });
  });

  it('saying no at either confirmation deletes nothing', async () => {
    const { w, ids } = await newWorker();
    const { registrationId } = await seedRegistration(chat.app, ids.identityId, { cccd: '001095066666' });
    await verify(w, 'xoa dl cua e', '001095066666');
    await w.taps('Có, xóa');
    expect((await w.taps('Thôi, không xóa')).text).toMatch(/không xóa gì/);
    expect(await chat.app.db.prisma.registration.count({ where: { id: registrationId } })).toBe(1);
    expect(await requests(ids.identityId)).toHaveLength(0);
  });
});

describe('withdraw consent', () => {
  it('per purpose, with the consequences, logged due in 15 days and pending while a case is open', async () => {
    const { w, ids } = await newWorker();
    await seedRegistration(chat.app, ids.identityId, { cccd: '001095077777' });
    const open = await seedCase(chat.app, ids, { status: 'moi' });
    await seedConsent(chat.app, ids.identityId, 'membership_registration');
    await seedConsent(chat.app, ids.identityId, 'grievance');
    const list = await verify(w, 'rút lại đồng ý', '001095077777');
    expect(list.choices.map((c) => c.label)).toEqual(['Phản ánh, kiến nghị', 'Đăng ký đoàn viên']);
    const consequences = await w.taps('Phản ánh, kiến nghị');
    expect(consequences.text).toMatch(/Điều 10/);
    expect(consequences.text).toMatch(/ngừng xử lý/);
    const done = await w.taps('Rút lại');
    expect(done.text).toMatch(/Đã rút lại sự đồng ý cho "Phản ánh, kiến nghị"/);
    expect(done.text).toContain(open.code);
    const consents = await chat.app.db.prisma.consent.findMany({ where: { identityId: ids.identityId }, orderBy: { purpose: 'asc' } });
    expect(consents.map((c) => [c.purpose, c.withdrawnAt !== null])).toEqual([['grievance', true], ['membership_registration', false]]);
    const [req] = await requests(ids.identityId);
    expect(req).toMatchObject({ kind: 'withdraw', status: 'pending', outcome: { purpose: 'grievance', inFlight: [open.code] } });
    expect(req!.dueAt.getTime() - req!.receivedAt.getTime()).toBe(15 * DAY);
  });
});

// reads the requests the transcripts above logged (run the file as a whole)
describe('request register for officers', () => {
  it('lists requests in the officer scope only, oldest first', async () => {
    const unit = await chat.app.db.prisma.orgUnit.findFirstOrThrow({ where: { kind: 'grassroots' }, orderBy: { code: 'asc' } });
    const other = await chat.app.db.prisma.orgUnit.findFirstOrThrow({ where: { kind: 'grassroots', NOT: { path: { startsWith: unit.path.split('/').slice(0, 3).join('/') } } } });
    const mine = await listRequests(chat.app.db.prisma, { scopePath: unit.path });
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((r) => r.scopePath?.startsWith(unit.path))).toBe(true);
    expect(await listRequests(chat.app.db.prisma, { scopePath: other.path })).toHaveLength(0);
    const pending = await listRequests(chat.app.db.prisma, { scopePath: '/', status: 'pending' });
    expect(pending.every((r) => r.status === 'pending')).toBe(true);
    expect(pending.some((r) => r.hasDetail)).toBe(true);
    const unscoped = await listRequests(chat.app.db.prisma, { scopePath: '/', includeUnscoped: true });
    expect(unscoped.some((r) => r.scopePath === null)).toBe(true);
    // the correction waiting for an officer: opened in scope (and audited), nothing outside it
    const waiting = pending.find((r) => r.hasDetail)!;
    const officerId = '00000000-0000-4000-8000-0000000000aa';
    const args = { id: waiting.id, officerId, now: NOW };
    expect(await openRequestDetail(chat.app.db.prisma, chat.app.services.keyring, { ...args, scopePath: other.path })).toBeNull();
    expect(await openRequestDetail(chat.app.db.prisma, chat.app.services.keyring, { ...args, scopePath: unit.path })).toMatchObject({ field: 'workplace' });
    expect(await chat.app.db.prisma.auditLog.count({ where: { actorId: officerId, action: 'privacy.request_detail_read', entityId: waiting.id } })).toBe(1);
  });
});
