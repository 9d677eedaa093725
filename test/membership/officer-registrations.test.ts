/**
 * Registrations in the officer API (issue 7): a worker applies in chat, an officer of their
 * grassroots union lists, opens (audited), approves — member number, digital card, news in the
 * worker's chat — or rejects with a reason; the card's public page says valid, then revoked; an
 * officer of another union sees and changes nothing, and every attempt is audited.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AN, register, type Applicant } from '../../flows/registration/test-helpers.ts';
import { openTranscript, type Transcript, type Worker } from '../transcript.ts';
import { noticesTo, officerOf, pngSize, textOf, tokenOf, withHttp, type Officer } from './helpers.ts';

const BINH: Applicant = {
  ...AN,
  name: 'tran thi binh',
  dob: '20/7/1995',
  gender: 'nu',
  cccd: '001195067890',
  phone: '0987 654 321',
};

let chat: Transcript;
let own: Officer;
let other: Officer;
let federation: Officer;
let anId: string;
let binhId: string;
let unitName: string;
let ownUnitCode: string;
let anChat: Worker;
let binhChat: Worker;

const inject = (o: Officer, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  chat.app.http.inject({ method, url, headers: o.headers, ...(payload === undefined ? {} : { payload: payload as object }) });

const audits = (actorId: string, action: string) => chat.app.db.prisma.auditLog.findMany({ where: { actorId, action } });

beforeAll(async () => {
  chat = await openTranscript();
  await withHttp(chat);
  anChat = chat.worker('an');
  binhChat = chat.worker('binh', 'telegram');
  const anCode = await register(anChat, AN);
  const binhCode = await register(binhChat, BINH);
  // the worker switches to English afterwards: the decision follows the chat's language now
  await binhChat.says('English');
  const p = chat.app.db.prisma;
  const an = await p.registration.findUniqueOrThrow({ where: { code: anCode }, include: { routedTo: true } });
  anId = an.id;
  binhId = (await p.registration.findUniqueOrThrow({ where: { code: binhCode } })).id;
  unitName = an.routedTo.name;
  ownUnitCode = an.routedTo.code;
  // another grassroots union of the same province: a neighbour, not a parent
  const neighbour = await p.orgUnit.findFirstOrThrow({ where: { kind: 'grassroots', provinceCode: an.routedTo.provinceCode, NOT: { id: an.routedToId } } });
  own = await officerOf(chat.app, an.routedTo.code);
  other = await officerOf(chat.app, neighbour.code, 'unit_admin');
  federation = await officerOf(chat.app, 'P24', 'federation_admin');
  // two whole applications typed through the pipeline: slow on a busy CI machine
}, 300_000);
afterAll(async () => {
  await chat?.close();
});

describe('the list', () => {
  test('shows the applications routed into the scope, without personal data', async () => {
    const res = await inject(own, 'GET', '/api/officer/registrations?status=cho_duyet');
    expect(res.statusCode).toBe(200);
    const { registrations } = res.json() as { registrations: Array<{ id: string; status: string; routedTo: { name: string } }> };
    expect(registrations.map((r) => r.id).sort()).toEqual([anId, binhId].sort());
    expect(registrations[0]!.routedTo.name).toBe(unitName);
    for (const secret of ['001095012345', '912345678', '1995', 'Nguyễn Văn An', 'NGUYEN', 'Trần Thị Bình']) expect(res.body).not.toContain(secret);
  });

  test('the federation sees its grassroots unions; a neighbour union sees none of them', async () => {
    const fed = (await inject(federation, 'GET', '/api/officer/registrations')).json() as { registrations: unknown[] };
    expect(fed.registrations).toHaveLength(2);
    const neighbour = (await inject(other, 'GET', '/api/officer/registrations')).json() as { registrations: unknown[] };
    expect(neighbour.registrations).toHaveLength(0);
  });

  test('filters by status and unit; a bad filter is a 400', async () => {
    const none = (await inject(own, 'GET', '/api/officer/registrations?status=da_duyet')).json() as { registrations: unknown[] };
    expect(none.registrations).toHaveLength(0);
    const ownUnit = (await inject(federation, 'GET', `/api/officer/registrations?unit=${ownUnitCode}`)).json() as { registrations: unknown[] };
    expect(ownUnit.registrations).toHaveLength(2);
    // a unit outside the scope, or no unit at all: the same 404, audited
    const outside = await inject(other, 'GET', `/api/officer/registrations?unit=${ownUnitCode}`);
    const unknown = await inject(other, 'GET', '/api/officer/registrations?unit=NO-SUCH-UNIT');
    expect([outside.statusCode, unknown.statusCode]).toEqual([404, 404]);
    expect(outside.body).toBe(unknown.body);
    expect(await audits(other.id, 'registration.list_denied')).toHaveLength(2);
    expect((await inject(own, 'GET', '/api/officer/registrations?status=approved')).statusCode).toBe(400);
    expect((await inject(own, 'GET', '/api/officer/registrations?limit=500')).statusCode).toBe(400);
  });

  test('exports as CSV with the same columns (no personal data)', async () => {
    const res = await inject(own, 'GET', '/api/officer/registrations?format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename=/);
    expect(res.body).toContain('Mã hồ sơ');
    expect(res.body).not.toContain('001095012345');
    expect(res.body.trim().split('\r\n')).toHaveLength(3);
    const xlsx = await inject(own, 'GET', '/api/officer/registrations?format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    expect(xlsx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    expect((await inject(own, 'GET', '/api/officer/registrations?format=pdf')).statusCode).toBe(400);
  });

  test('needs an officer', async () => {
    expect((await chat.app.http.inject({ method: 'GET', url: '/api/officer/registrations' })).statusCode).toBe(401);
  });
});

describe('one application', () => {
  test('opens CCCD, phone and date of birth for the officer in scope, and audits the read', async () => {
    const res = await inject(own, 'GET', `/api/officer/registrations/${anId}`);
    expect(res.statusCode).toBe(200);
    const { registration: r } = res.json() as { registration: Record<string, unknown> };
    expect(r).toMatchObject({ cccd: '001095012345', phone: '+84912345678', dob: '1995-03-15', status: 'cho_duyet' });
    expect(await audits(own.id, 'registration.read')).toHaveLength(1);
  });

  test('is a 404 for an officer of another union, audited with their id', async () => {
    const res = await inject(other, 'GET', `/api/officer/registrations/${anId}`);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('001095012345');
    const denied = await audits(other.id, 'registration.read_denied');
    expect(denied.map((a) => a.entityId)).toEqual([anId]);
    // an unknown id answers exactly the same
    const unknown = await inject(other, 'GET', '/api/officer/registrations/00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toBe(res.body);
  });
});

describe('approval', () => {
  let cardUrl: string;
  let memberId: string;

  test('an officer of another union cannot approve: 404, audited, nothing changes', async () => {
    const res = await inject(other, 'POST', `/api/officer/registrations/${anId}/approve`);
    expect(res.statusCode).toBe(404);
    expect(await audits(other.id, 'registration.write_denied')).toHaveLength(1);
    const row = await chat.app.db.prisma.registration.findUniqueOrThrow({ where: { id: anId } });
    expect(row.status).toBe('cho_duyet');
    expect(await chat.app.db.prisma.member.count()).toBe(0);
  });

  test('two clicks at once make one member, one number, one card and one notice', async () => {
    const [a, b] = await Promise.all([inject(own, 'POST', `/api/officer/registrations/${anId}/approve`), inject(own, 'POST', `/api/officer/registrations/${anId}/approve`)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const ra = a.json() as { memberNo: string; cardUrl: string; memberId: string; already: boolean };
    const rb = b.json() as typeof ra;
    expect(ra.memberNo).toBe('DV-24-2026-000001');
    expect(rb.memberNo).toBe(ra.memberNo);
    expect(rb.cardUrl).toBe(ra.cardUrl);
    expect([ra.already, rb.already].sort()).toEqual([false, true]);
    cardUrl = ra.cardUrl;
    memberId = ra.memberId;
    const p = chat.app.db.prisma;
    expect(await p.member.count()).toBe(1);
    expect(await p.memberCard.count()).toBe(1);
    const again = (await inject(own, 'POST', `/api/officer/registrations/${anId}/approve`)).json() as typeof ra;
    expect(again).toMatchObject({ memberNo: ra.memberNo, cardUrl: ra.cardUrl, already: true });
    expect(cardUrl).toMatch(/^http:\/\/localhost:3000\/card\/[A-Za-z0-9_-]{43}\.png$/);
  });

  test('the member row carries the hashes, the unit and the date; the chat account is linked', async () => {
    const p = chat.app.db.prisma;
    const reg = await p.registration.findUniqueOrThrow({ where: { id: anId } });
    const m = await p.member.findUniqueOrThrow({ where: { id: memberId } });
    expect(m).toMatchObject({ memberNo: 'DV-24-2026-000001', cccdHash: reg.cccdHash, phoneHash: reg.phoneHash, orgUnitId: reg.routedToId, status: 'active' });
    expect(m.joinedAt?.toISOString()).toBe('2026-11-22T02:00:00.000Z');
    expect(reg).toMatchObject({ status: 'da_duyet', memberId, decidedBy: own.id });
    const identity = await p.channelIdentity.findUniqueOrThrow({ where: { id: reg.identityId } });
    expect(identity.memberId).toBe(memberId);
    // the token is not stored anywhere, only its keyed hash
    const card = await p.memberCard.findFirstOrThrow({ where: { memberId } });
    expect(JSON.stringify(card)).not.toContain(tokenOf(cardUrl));
  });

  test('the worker reads the news and gets the card image in their chat, once', async () => {
    const convId = anChat.conversationId!;
    const notices = await noticesTo(chat.app, convId);
    // one message (one outbox row of the notice): the card image with the news as its caption
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: 'media', mediaType: 'image', url: cardUrl });
    expect(textOf(notices[0]!)).toContain(`Chúc mừng bạn! Đơn gia nhập Công đoàn`);
    expect(textOf(notices[0]!)).toContain(`Số thẻ đoàn viên: DV-24-2026-000001`);
    expect(textOf(notices[0]!)).toContain(unitName);
    expect(textOf(notices[0]!)).toMatch(/gõ "thẻ đoàn viên" để xem lại thẻ/);
    // delivered through the web chat adapter into the worker's activity stream
    await chat.app.drain(convId);
    const activities = await chat.app.db.prisma.webchatActivity.findMany({ where: { conversationId: convId }, orderBy: { seq: 'desc' }, take: 2 });
    const delivered = activities.map((a) => chat.app.services.keyring.open(String((a.activity as { sealed: string }).sealed))).join('\n');
    expect(delivered).toContain(cardUrl);
    expect(delivered).toContain('DV-24-2026-000001');
  });

  test('the card image is a PNG of the card size, publicly cached for a short while', async () => {
    const res = await chat.app.http.inject({ method: 'GET', url: new URL(cardUrl).pathname });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(pngSize(res.rawPayload)).toEqual({ width: 1000, height: 630 });
    expect(res.rawPayload.length).toBeGreaterThan(10_000);
    const etag = String(res.headers.etag);
    const cached = await chat.app.http.inject({ method: 'GET', url: new URL(cardUrl).pathname, headers: { 'if-none-match': etag } });
    expect(cached.statusCode).toBe(304);
    // one wrong character and there is no card
    const token = tokenOf(cardUrl);
    const forged = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect((await chat.app.http.inject({ method: 'GET', url: `/card/${forged}.png` })).statusCode).toBe(404);
  });

  test('the verification page says valid and names the union, never the member', async () => {
    const res = await chat.app.http.inject({ method: 'GET', url: `/verify/${tokenOf(cardUrl)}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('Thẻ đoàn viên hợp lệ');
    expect(res.body).toContain(unitName.replace(/&/g, '&amp;'));
    for (const secret of ['DV-24-2026-000001', 'Nguyễn', 'NGUYỄN', 'Văn An', '001095012345']) expect(res.body).not.toContain(secret);
    expect(res.body).not.toMatch(/<script/i);
    const unknown = await chat.app.http.inject({ method: 'GET', url: '/verify/not-a-token' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('Không tìm thấy thẻ');
  });

  test('"the doan vien" shows the card again; an unlinked chat gets an explanation', async () => {
    for (const typed of ['the doan vien', 'thẻ ĐV', 'cho e xem the doan vien cua e']) {
      const bot = await anChat.says(typed);
      expect(bot.messages, typed).toEqual([expect.objectContaining({ kind: 'media', mediaType: 'image', url: cardUrl })]);
      expect(bot.text).toContain('DV-24-2026-000001');
    }
    const stranger = await chat.worker('stranger').says('thẻ đoàn viên');
    expect(stranger.text).toMatch(/chưa thấy tài khoản chat này gắn với đoàn viên/);
    expect(JSON.stringify(stranger.messages)).not.toContain('/card/');
  });

  test('an approved application cannot be rejected', async () => {
    const res = await inject(own, 'POST', `/api/officer/registrations/${anId}/reject`, { reason: 'Nhầm' });
    expect(res.statusCode).toBe(409);
    expect((res.json() as { error: string }).error).toBe('already_decided');
  });

  describe('revocation', () => {
    test('an officer of another union cannot revoke: 404, audited, the card stays valid', async () => {
      const res = await inject(other, 'POST', `/api/officer/members/${memberId}/revoke-card`, { reason: 'thử' + ' thu hồi' });
      expect(res.statusCode).toBe(404);
      expect(await audits(other.id, 'member.write_denied')).toHaveLength(1);
      expect((await chat.app.http.inject({ method: 'GET', url: `/verify/${tokenOf(cardUrl)}` })).body).toContain('hợp lệ');
    });

    test('after revocation the page says revoked, the image is gone and the chat says there is no valid card', async () => {
      const res = await inject(own, 'POST', `/api/officer/members/${memberId}/revoke-card`, { reason: 'Báo mất thẻ' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ revoked: 1 });
      const page = await chat.app.http.inject({ method: 'GET', url: `/verify/${tokenOf(cardUrl)}` });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Thẻ đã bị thu hồi');
      expect(page.body).not.toContain('hợp lệ');
      expect(page.body).toContain(unitName.replace(/&/g, '&amp;'));
      expect((await chat.app.http.inject({ method: 'GET', url: new URL(cardUrl).pathname })).statusCode).toBe(404);
      const bot = await anChat.says('the doan vien');
      expect(bot.text).toMatch(/không có thẻ đoàn viên nào còn hiệu lực/);
      expect(JSON.stringify(bot.messages)).not.toContain('/card/');
      // the officer's view of the application shows the card revoked
      const view = (await inject(own, 'GET', `/api/officer/registrations/${anId}`)).json() as { registration: { member: { card: { valid: boolean } } } };
      expect(view.registration.member.card.valid).toBe(false);
    });
  });
});

describe('rejection', () => {
  test('needs a reason', async () => {
    expect((await inject(own, 'POST', `/api/officer/registrations/${binhId}/reject`, {})).statusCode).toBe(400);
  });

  test('an officer of another union cannot reject: 404 and audited', async () => {
    const res = await inject(other, 'POST', `/api/officer/registrations/${binhId}/reject`, { reason: 'Không thuộc đơn vị' });
    expect(res.statusCode).toBe(404);
    expect((await audits(other.id, 'registration.write_denied')).map((a) => a.entityId)).toContain(binhId);
  });

  test('the reason reaches the worker in their language on their channel, once', async () => {
    const reason = 'Bạn đang giữ chức vụ giám đốc nên không thuộc diện kết nạp';
    const res = await inject(own, 'POST', `/api/officer/registrations/${binhId}/reject`, { reason });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'tu_choi', already: false, notice: { status: 'sending', channel: 'telegram', reason: null } });
    expect((await inject(own, 'POST', `/api/officer/registrations/${binhId}/reject`, { reason })).json()).toEqual({ status: 'tu_choi', already: true, notice: null });
    const worker = binhChat;
    const notices = await noticesTo(chat.app, worker.conversationId!);
    expect(notices).toHaveLength(1);
    expect(textOf(notices[0]!)).toContain('was not accepted by');
    expect(textOf(notices[0]!)).toContain(`Reason: ${reason}`);
    // the status lookup shows it too
    const lookup = await worker.says('check my application');
    expect(lookup.text).toContain(reason);
    // and a rejected applicant has no card
    expect((await worker.says('membership card')).text).toMatch(/not linked to a union member/);
  });

  test('a rejected application cannot be approved afterwards', async () => {
    const res = await inject(own, 'POST', `/api/officer/registrations/${binhId}/approve`);
    expect(res.statusCode).toBe(409);
    expect(await chat.app.db.prisma.member.count()).toBe(1);
  });
});
