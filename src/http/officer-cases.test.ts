/**
 * The officer case API: a bearer token signed with the keyring, every query filtered by the
 * officer's subtree, out-of-scope and unknown cases indistinguishable (404) and audited, status
 * changes with history and a notice to the worker's chat.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTranscript, type Transcript } from '../../test/transcript.ts';
import { noticesTo } from '../../test/cases/officer-helpers.ts';
import { createCase, type NewCase } from '../cases/service.ts';
import { mintOfficerToken } from '../cases/token.ts';
import { DEMO_UNITS } from '../org/seed-data.ts';
import { registerOfficerCaseRoutes } from './officer-cases.ts';

describe('officer case API', () => {
  let chat: Transcript;
  let conversationId: string;
  let identityId: string;
  const cases: Record<'garment' | 'hcmc' | 'bacninh', string> = { garment: '', hcmc: '', bacninh: '' };
  const enqueued: string[] = [];
  const now = new Date('2026-11-22T09:00:00+07:00');

  const token = async (unitCode: string, officerId = `officer-${unitCode}`, opts: { ttlSeconds?: number } = {}) => {
    const u = await chat.app.db.prisma.orgUnit.findUniqueOrThrow({ where: { code: unitCode } });
    return mintOfficerToken(chat.app.services.keyring, { officerId, unitCode, scopePath: u.path }, { now, ...opts });
  };
  const get = async (url: string, tok?: string) =>
    chat.app.http.inject({ method: 'GET', url, headers: tok ? { authorization: `Bearer ${tok}` } : {} });
  const post = async (url: string, tok: string, payload: object) =>
    chat.app.http.inject({ method: 'POST', url, headers: { authorization: `Bearer ${tok}` }, payload });

  beforeAll(async () => {
    chat = await openTranscript({ now });
    await registerOfficerCaseRoutes(chat.app.http, {
      config: chat.app.config,
      db: chat.app.db,
      queue: { enqueue: async (_name, id) => void enqueued.push(id) },
      keyring: chat.app.services.keyring,
      clock: () => now,
    });
    await chat.app.http.ready();
    const w = chat.worker('api-worker', 'telegram');
    await w.says('xin chao');
    conversationId = w.conversationId!;
    const conv = await chat.app.db.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    identityId = conv.identityId;
    const unit = (code: string) => chat.app.db.prisma.orgUnit.findUniqueOrThrow({ where: { code } }).then((u) => u.id);
    const base: Omit<NewCase, 'category' | 'provinceCode' | 'orgUnitId'> = {
      urgency: null,
      employer: 'Công ty TNHH May Sông Hồng Việt',
      aboutUnion: false,
      description: 'Công ty nợ lương tháng 9 của chuyền may số 3.',
      discoveredOn: '2026-10-15',
      affectedCount: 40,
      anonymous: true,
      attachments: [{ type: 'image', mime: 'image/jpeg', size: 1000, name: 'a.jpg', url: 'https://cdn.test/a.jpg' }],
      memberId: null,
      identityId,
      conversationId,
      channel: 'telegram',
      locale: 'vi',
      now,
    };
    // looked up before the transaction: PGlite runs one statement at a time and would wait on it
    const garmentId = await unit(DEMO_UNITS.garmentBacNinh);
    await chat.app.db.prisma.$transaction(async (tx) => {
      const k = chat.app.services.keyring;
      cases.garment = (await createCase(tx, k, { ...base, category: 'wages', provinceCode: '24', orgUnitId: garmentId })).id;
      cases.hcmc = (await createCase(tx, k, { ...base, category: 'dismissal', provinceCode: '79', orgUnitId: null, affectedCount: 1 })).id;
      cases.bacninh = (await createCase(tx, k, { ...base, category: 'safety', provinceCode: '24', orgUnitId: null, affectedCount: 1, urgency: 'danger' })).id;
    });
  });
  afterAll(() => chat.close());

  it('refuses a missing, forged or expired token', async () => {
    expect((await get('/api/officer/cases')).statusCode).toBe(401);
    const good = await token(DEMO_UNITS.bacNinhFederation);
    const [payload, sig] = good.split('.');
    const widened = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), scopePath: '/TLD/' })).toString('base64url');
    expect((await get('/api/officer/cases', `${widened}.${sig}`)).statusCode).toBe(401);
    expect((await get('/api/officer/cases', await token(DEMO_UNITS.bacNinhFederation, 'x', { ttlSeconds: -1 }))).statusCode).toBe(401);
    expect((await get('/api/officer/cases', good)).statusCode).toBe(200);
  });

  it('lists only the cases in the officer\'s subtree, urgent first, with filters', async () => {
    const p24 = await token(DEMO_UNITS.bacNinhFederation);
    const all = (await get('/api/officer/cases', p24)).json().cases as Array<{ id: string; urgent: boolean }>;
    expect(all.map((c) => c.id).sort()).toEqual([cases.garment, cases.bacninh].sort());
    expect(all.every((c, i) => i === 0 || all[i - 1]!.urgent >= c.urgent)).toBe(true);
    expect(JSON.stringify(all)).not.toMatch(/nợ lương|descriptionEnc|accessKey/);

    const ids = async (q: string, tok = p24) => ((await get(`/api/officer/cases?${q}`, tok)).json().cases as Array<{ id: string }>).map((c) => c.id);
    expect(await ids('category=safety')).toEqual([cases.bacninh]);
    expect(await ids('urgency=urgent')).toHaveLength(2);
    expect(await ids(`unit=${DEMO_UNITS.garmentBacNinh}`)).toEqual([cases.garment]);
    // a unit outside the scope never widens it: 404, audited, like a read outside the scope
    const outside = await get(`/api/officer/cases?unit=${DEMO_UNITS.hcmcFederation}`, p24);
    expect(outside.statusCode).toBe(404);
    const denied = await chat.app.db.prisma.auditLog.findMany({ where: { action: 'grievance_case.list_denied' } });
    expect(denied.map((a) => a.entityId)).toEqual([DEMO_UNITS.hcmcFederation]);
    expect(await ids('status=moi')).toHaveLength(2);
    expect((await get('/api/officer/cases?status=open', p24)).statusCode).toBe(400);

    expect(await ids('', await token(DEMO_UNITS.garmentBacNinh))).toEqual([cases.garment]);
    expect(await ids('', await token(DEMO_UNITS.hcmcFederation))).toEqual([cases.hcmc]);
    expect(await ids('', await token(DEMO_UNITS.root))).toHaveLength(3);
  });

  it('opens one case in scope with its personal data, and audits the read', async () => {
    const tok = await token(DEMO_UNITS.garmentBacNinh, 'officer-an');
    const res = await get(`/api/officer/cases/${cases.garment}`, tok);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ code: expect.stringMatching(/^PA-2026-\d{6}$/), description: 'Công ty nợ lương tháng 9 của chuyền may số 3.', anonymous: true, urgent: true });
    // the platform link is not shown: the bytes come from the download route once fetched
    expect(body.attachments).toEqual([expect.objectContaining({ type: 'image', mime: 'image/jpeg', size: 1000, name: 'a.jpg', status: 'pending', download: null })]);
    expect(body.attachments[0]).not.toHaveProperty('ref');
    expect(body.history.map((h: { kind: string }) => h.kind)).toEqual(['created']);
    expect(body).not.toHaveProperty('accessKeyHash');
    const audit = await chat.app.db.prisma.auditLog.findMany({ where: { actorId: 'officer-an' } });
    expect(audit.map((a) => [a.action, a.entityId])).toEqual([['case.read', cases.garment]]);
  });

  it('answers 404 alike for a case out of scope and one that does not exist, and audits both', async () => {
    const tok = await token(DEMO_UNITS.garmentBacNinh, 'officer-probe');
    const out = await get(`/api/officer/cases/${cases.hcmc}`, tok);
    const none = await get(`/api/officer/cases/${crypto.randomUUID()}`, tok);
    const junk = await get('/api/officer/cases/not-a-uuid', tok);
    expect([out.statusCode, none.statusCode, junk.statusCode]).toEqual([404, 404, 404]);
    expect(out.body).toBe(none.body);
    const audit = await chat.app.db.prisma.auditLog.findMany({ where: { actorId: 'officer-probe' }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['case.read_denied', 'case.read_denied', 'case.read_denied']);
    expect(audit[0]!.entityId).toBe(cases.hcmc);
  });

  it('changes a status with a note: history row, audit row, a notice to the worker, delivery woken', async () => {
    const tok = await token(DEMO_UNITS.bacNinhFederation, 'officer-binh');
    const res = await post(`/api/officer/cases/${cases.bacninh}/status`, tok, { status: 'dang_xu_ly', note: 'Đã gọi cho HR', message: 'Chúng tôi đã liên hệ công ty.' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'dang_xu_ly', notified: true, notice: { status: 'sending', channel: 'telegram', reason: null } });
    expect(enqueued).toContain(conversationId);
    const notices = await noticesTo(chat, conversationId);
    expect(notices.at(-1)).toMatch(/vừa được cập nhật: Đang xử lý/);
    expect(notices.at(-1)).toMatch(/Chúng tôi đã liên hệ công ty/);
    expect(notices.at(-1)).not.toMatch(/HR/);
    const events = await chat.app.db.prisma.grievanceCaseEvent.findMany({ where: { caseId: cases.bacninh }, orderBy: { id: 'asc' } });
    expect(events.map((e) => [e.kind, e.fromStatus, e.toStatus, e.actorId])).toEqual([
      ['created', null, 'moi', identityId],
      ['status', 'moi', 'dang_xu_ly', 'officer-binh'],
    ]);
    expect(chat.app.services.keyring.open(events[1]!.noteEnc!)).toBe('Đã gọi cho HR');

    expect((await post(`/api/officer/cases/${cases.bacninh}/status`, tok, { status: 'open' })).statusCode).toBe(400);
    expect((await post(`/api/officer/cases/${cases.bacninh}/status`, tok, { status: 'moi' })).statusCode).toBe(409);
    await post(`/api/officer/cases/${cases.bacninh}/status`, tok, { status: 'dong' });
    expect((await post(`/api/officer/cases/${cases.bacninh}/status`, tok, { status: 'cho_bo_sung' })).statusCode).toBe(409);
  });

  it('cannot change a case out of scope: 404, audited, nothing written', async () => {
    const tok = await token(DEMO_UNITS.bacNinhFederation, 'officer-far');
    const before = await noticesTo(chat, conversationId);
    const res = await post(`/api/officer/cases/${cases.hcmc}/status`, tok, { status: 'dong' });
    expect(res.statusCode).toBe(404);
    expect((await chat.app.db.prisma.grievanceCase.findUniqueOrThrow({ where: { id: cases.hcmc } })).status).toBe('moi');
    expect(await noticesTo(chat, conversationId)).toEqual(before);
    expect((await chat.app.db.prisma.auditLog.findMany({ where: { actorId: 'officer-far' } })).map((a) => a.action)).toEqual(['case.write_denied']);
  });

  it('requests information: the case waits for the worker, who is asked in their chat', async () => {
    const tok = await token(DEMO_UNITS.garmentBacNinh);
    const res = await post(`/api/officer/cases/${cases.garment}/request-info`, tok, { question: 'Bạn gửi giúp bảng chấm công tháng 9.' });
    expect(res.json()).toEqual({ status: 'cho_bo_sung', notified: true, notice: { status: 'sending', channel: 'telegram', reason: null } });
    expect((await noticesTo(chat, conversationId)).at(-1)).toMatch(/cần bạn bổ sung thông tin cho phản ánh PA-2026-\d{6}: Bạn gửi giúp bảng chấm công tháng 9\./);
    expect((await post(`/api/officer/cases/${cases.garment}/request-info`, tok, { question: '' })).statusCode).toBe(400);
  });
});
