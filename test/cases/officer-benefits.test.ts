/**
 * The officer API for benefit requests ("Đăng ký nhận hỗ trợ"): lists filtered by scope in the
 * query, one request with name and phone opened (audited), a status change that reaches the
 * worker on their own channel in their language, and 404 + audit for anything outside the scope.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/benefits/load.ts';
import { readCatalog } from '../../src/benefits/read.ts';
import { createBenefitRequest } from '../../src/benefits/requests.ts';
import { mintOfficerToken } from '../../src/cases/token.ts';
import type { ChannelId } from '../../src/core/model.ts';
import { registerOfficerBenefitRoutes } from '../../src/http/officer-benefits.ts';
import { createOfficerGuard } from '../../src/officers/guard.ts';
import { DEMO_UNITS } from '../../src/org/seed-data.ts';
import { projectRoot } from '../../src/paths.ts';
import { openTranscript, type Transcript } from '../transcript.ts';
import { noticesTo } from './officer-helpers.ts';

const NOW = new Date('2026-11-22T09:00:00+07:00');

describe('officer benefit request API', () => {
  let chat: Transcript;
  const req: Record<'bacninh' | 'hcmc', { id: string; code: string; conversationId: string }> = {
    bacninh: { id: '', code: '', conversationId: '' },
    hcmc: { id: '', code: '', conversationId: '' },
  };

  const unit = (code: string) => chat.app.db.prisma.orgUnit.findUniqueOrThrow({ where: { code } });
  const tokenOf = async (unitCode: string, officerId: string) =>
    mintOfficerToken(chat.app.services.keyring, { officerId, unitCode, scopePath: (await unit(unitCode)).path }, { now: NOW });
  const get = async (url: string, officer: [string, string]) =>
    chat.app.http.inject({ method: 'GET', url, headers: { authorization: `Bearer ${await tokenOf(...officer)}` } });
  const post = async (url: string, officer: [string, string], payload: object) =>
    chat.app.http.inject({ method: 'POST', url, headers: { authorization: `Bearer ${await tokenOf(...officer)}` }, payload });

  /** A worker who greeted on `channel` in `lang`, then a request filed for them the way the flow files it. */
  async function filed(worker: string, channel: ChannelId, lang: 'vi' | 'en', r: { programmeId: string; provinceCode: string; orgUnitCode: string | null }) {
    const w = chat.worker(worker, channel);
    await w.says(lang === 'en' ? 'hello' : 'xin chao');
    if (lang === 'en') await w.says('english');
    const conv = await chat.app.db.prisma.conversation.findUniqueOrThrow({ where: { id: w.conversationId! } });
    const orgUnitId = r.orgUnitCode ? (await unit(r.orgUnitCode)).id : null;
    const created = await chat.app.db.prisma.$transaction((tx) =>
      createBenefitRequest(tx, chat.app.services.keyring, {
        programmeId: r.programmeId,
        fullName: 'Trần Thị Hoa',
        phone: '+84987654321',
        isMember: true,
        memberId: null,
        provinceCode: r.provinceCode,
        orgUnitId,
        situations: ['sick'],
        identityId: conv.identityId,
        conversationId: conv.id,
        channel,
        locale: lang,
        now: NOW,
      }),
    );
    if (created.kind !== 'created') throw new Error('not created');
    return { id: created.id, code: created.code, conversationId: conv.id };
  }

  beforeAll(async () => {
    chat = await openTranscript({ now: NOW });
    // the transcript app serves no HTTP of its own: mount the routes under test the way routes.ts does
    const { app } = chat;
    const keyring = app.services.keyring;
    const clock = () => NOW;
    await registerOfficerBenefitRoutes(app.http, {
      config: app.config, db: app.db, adapters: app.adapters, queue: app.queue, log: app.log, notifier: app.notifier,
      keyring, clock, guard: createOfficerGuard({ keyring, clock }),
    });
    await app.http.ready();
    const catalog = readCatalog(resolve(projectRoot, 'content/benefits'));
    await loadCatalog(chat.app.db.prisma, catalog.entries);
    req.bacninh = await filed('benefit-vi', 'webchat', 'vi', { programmeId: 'tham-hoi-om-dau-kho-khan', provinceCode: '24', orgUnitCode: DEMO_UNITS.garmentBacNinh });
    req.hcmc = await filed('benefit-en', 'telegram', 'en', { programmeId: 'mai-am-cong-doan', provinceCode: '79', orgUnitCode: null });
  });
  afterAll(() => chat.close());

  it('lists only the requests routed into the officer\'s subtree, with filters; no name or phone in a row', async () => {
    const p24 = await get('/api/officer/benefit-requests', ['P24', 'o-p24']);
    expect(p24.statusCode).toBe(200);
    expect(p24.json().requests.map((r: { code: string }) => r.code)).toEqual([req.bacninh.code]);
    expect(p24.body).not.toMatch(/Trần Thị Hoa|987654321/);
    const p79 = await get('/api/officer/benefit-requests?status=moi&programme=mai-am-cong-doan', ['P79', 'o-p79']);
    expect(p79.json().requests.map((r: { code: string; unit: { code: string } }) => [r.code, r.unit.code])).toEqual([[req.hcmc.code, 'P79']]);
    const unitFilter = await get(`/api/officer/benefit-requests?unit=${DEMO_UNITS.garmentBacNinh}`, ['P24', 'o-p24']);
    expect(unitFilter.json().requests).toHaveLength(1);
    expect((await get('/api/officer/benefit-requests?status=da_giai_quyet', ['P24', 'o-p24'])).json().requests).toEqual([]);
    expect((await get('/api/officer/benefit-requests?status=bogus', ['P24', 'o-p24'])).statusCode).toBe(400);
    const csv = await get('/api/officer/benefit-requests?format=csv', ['P24', 'o-p24']);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(req.bacninh.code);
  });

  it('a unit filter outside the scope is 404 and audited, like a read', async () => {
    const res = await get('/api/officer/benefit-requests?unit=P79', ['P24', 'o-filter']);
    expect(res.statusCode).toBe(404);
    const audit = await chat.app.db.prisma.auditLog.findMany({ where: { actorId: 'o-filter' } });
    expect(audit.map((a) => a.action)).toEqual(['benefit_request.list_denied']);
  });

  it('opens one request in scope with name and phone, audited; another unit gets 404, audited too', async () => {
    const ok = await get(`/api/officer/benefit-requests/${req.bacninh.id}`, ['CS24-0001', 'o-garment']);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().request).toMatchObject({ code: req.bacninh.code, fullName: 'Trần Thị Hoa', phone: '+84987654321', status: 'moi' });
    const out = await get(`/api/officer/benefit-requests/${req.hcmc.id}`, ['CS24-0001', 'o-garment']);
    const none = await get(`/api/officer/benefit-requests/${crypto.randomUUID()}`, ['CS24-0001', 'o-garment']);
    expect([out.statusCode, none.statusCode]).toEqual([404, 404]);
    expect(out.body).toBe(none.body);
    const audit = await chat.app.db.prisma.auditLog.findMany({ where: { actorId: 'o-garment' }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => [a.action, a.entityId])).toEqual([
      ['benefit_request.read', req.bacninh.id],
      ['benefit_request.read_denied', req.hcmc.id],
      ['benefit_request.read_denied', expect.any(String)],
    ]);
  });

  it('a status change writes history and audit, and the worker is told on their channel in their language', async () => {
    const res = await post(`/api/officer/benefit-requests/${req.bacninh.id}/status`, ['P24', 'o-p24'], {
      status: 'dang_xu_ly',
      note: 'Đã chuyển tổ công đoàn',
      message: 'Tổ trưởng công đoàn sẽ đến thăm chị trong tuần này.',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'dang_xu_ly', notified: true, notice: { status: 'sending', channel: 'webchat', reason: null } });
    const [vi] = await noticesTo(chat, req.bacninh.conversationId);
    expect(vi).toContain(`Yêu cầu hỗ trợ ${req.bacninh.code} (Thăm hỏi khi ốm đau, tai nạn, khó khăn) của bạn vừa được cập nhật: Đang xử lý.`);
    expect(vi).toContain('Tổ trưởng công đoàn sẽ đến thăm chị trong tuần này.');
    // delivered through the outbox like any reply (the transcript app has the web chat adapter)
    await chat.app.drain(req.bacninh.conversationId);
    const sent = await chat.app.db.prisma.outboxMessage.findMany({ where: { conversationId: req.bacninh.conversationId, inboxId: null } });
    expect(sent.map((m) => m.status)).toEqual(['sent']);

    const detail = (await get(`/api/officer/benefit-requests/${req.bacninh.id}`, ['P24', 'o-p24'])).json().request;
    expect(detail.history).toEqual([expect.objectContaining({ fromStatus: 'moi', toStatus: 'dang_xu_ly', actorId: 'o-p24', note: 'Đã chuyển tổ công đoàn' })]);
    const audit = await chat.app.db.prisma.auditLog.findMany({ where: { actorId: 'o-p24', action: 'benefit_request.status_changed' } });
    expect(audit.map((a) => a.details)).toEqual([expect.objectContaining({ from: 'moi', to: 'dang_xu_ly' })]);

    const en = await post(`/api/officer/benefit-requests/${req.hcmc.id}/status`, ['P79', 'o-p79'], { status: 'tu_choi', message: 'The fund has no places left this year.' });
    expect(en.statusCode).toBe(200);
    const [notice] = await noticesTo(chat, req.hcmc.conversationId);
    expect(notice).toContain(`Your support request ${req.hcmc.code}`);
    expect(notice).toContain('Not approved');
    expect(notice).toContain('The fund has no places left this year.');
  });

  it('cannot change a request outside the scope (404, audited, nothing written) nor make an impossible move (409)', async () => {
    const before = await chat.app.db.prisma.benefitRequest.findUniqueOrThrow({ where: { id: req.hcmc.id } });
    const out = await post(`/api/officer/benefit-requests/${req.hcmc.id}/status`, ['P24', 'o-intruder'], { status: 'da_giai_quyet' });
    expect(out.statusCode).toBe(404);
    expect((await chat.app.db.prisma.benefitRequest.findUniqueOrThrow({ where: { id: req.hcmc.id } })).status).toBe(before.status);
    const audit = await chat.app.db.prisma.auditLog.findMany({ where: { actorId: 'o-intruder' } });
    expect(audit.map((a) => a.action)).toEqual(['benefit_request.write_denied']);
    // refused -> resolved directly is not a move; reopening first is
    const bad = await post(`/api/officer/benefit-requests/${req.hcmc.id}/status`, ['P79', 'o-p79'], { status: 'da_giai_quyet' });
    expect(bad.statusCode).toBe(409);
  });
});
