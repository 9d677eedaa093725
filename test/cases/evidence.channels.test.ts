/**
 * Evidence files end to end on every channel, through the real adapter and its fake platform:
 * two photos filed with a case are downloaded (Zalo and Messenger from their CDN links,
 * Telegram through getFile, web chat uploaded with the message), sniffed and stored sealed; a
 * 20 MB file is refused, whether the platform said so (in the chat, at once) or claimed it was
 * small (stopped at the 10 MB cap, the worker told afterwards); an .exe named .pdf is caught by
 * its bytes. An officer of the case's unit downloads a photo (audited); another unit gets 404.
 * Last, an officer moves a benefit request of the same worker and the notice reaches them there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contracts } from '../../adapters/contracts.ts';
import { workerAttachments, signedPost } from '../../adapters/messenger/testing/webhook.ts';
import { telegramMediaUpdate } from '../../adapters/telegram/testing/media.ts';
import { uploadRequest } from '../../adapters/webchat/testing/upload.ts';
import { zaloMediaMessage } from '../../adapters/zalo/testing/media.ts';
import type { ChannelId } from '../../src/core/model.ts';
import { createBenefitRequest } from '../../src/benefits/requests.ts';
import { mintOfficerToken } from '../../src/cases/token.ts';
import { openChannelApp, type ChannelApp } from '../channel-app.ts';
import { evidenceOf, fetchAll } from './evidence-helpers.ts';
import { TYPED_FILING } from './helpers.ts';
import { samples, startFakeCdn, type FakeCdn } from './fake-cdn.ts';


type Sample = 'photo1' | 'photo2' | 'declaredHuge' | 'exeAsPdf' | 'undeclaredHuge';

/** One worker action with a file, as each platform delivers it; null where a platform cannot say it. */
type Sender = (c: ChannelApp, cdn: FakeCdn, user: string, s: Sample, seq: number) => Promise<string> | null;

const bytesOf: Record<Exclude<Sample, 'declaredHuge'>, () => Buffer> = {
  photo1: () => samples.jpeg(1),
  photo2: () => samples.jpeg(2),
  exeAsPdf: samples.exe,
  undeclaredHuge: samples.huge,
};

async function post(c: ChannelApp, user: string, req: { method: string; url: string; headers: Record<string, string>; body?: string }): Promise<string> {
  c.h.reset();
  const res = await c.app.http.inject({ method: req.method as 'POST', url: req.url, headers: req.headers, payload: req.body });
  expect(res.statusCode, res.body).toBeLessThan(300);
  await c.app.drain(await c.conversationOf(user));
  return c.h.seen(c.h.calls()).join('\n');
}

const now = new Date('2026-11-22T09:00:00+07:00');

const SENDERS: Record<Exclude<ChannelId, 'webchat'>, Sender> = {
  zalo: (c, cdn, user, s, seq) => {
    if (s === 'declaredHuge') return post(c, user, zaloMediaMessage(user, { event: 'user_send_image', url: cdn.put('z-big.jpg', samples.jpeg(9)), size: 20 * 1024 * 1024 }, seq, now.getTime()));
    const url = cdn.put(`z-${s}`, bytesOf[s]());
    if (s === 'exeAsPdf') return post(c, user, zaloMediaMessage(user, { event: 'user_send_file', url, name: 'bang-luong.pdf', size: 4002 }, seq, now.getTime()));
    return post(c, user, zaloMediaMessage(user, { event: 'user_send_image', url, size: s === 'undeclaredHuge' ? 500_000 : 40_012 }, seq, now.getTime()));
  },
  messenger: (c, cdn, user, s, seq) => {
    // Messenger declares no size: a 20 MB file can only be caught by the download's own count
    if (s === 'declaredHuge') return null;
    const url = cdn.put(`m-${s}`, bytesOf[s](), 'image/jpeg');
    const type = s === 'exeAsPdf' ? 'file' : 'image';
    return post(c, user, signedPost(workerAttachments(user, [{ type, url }], `m_media_${user}_${seq}`, now.getTime())));
  },
  telegram: (c, _cdn, user, s, seq) => {
    if (s === 'declaredHuge') return post(c, user, telegramMediaUpdate(user, { kind: 'photo', fileId: `big-${seq}`, bytes: samples.jpeg(9), declaredSize: 20 * 1024 * 1024 }, seq, now.getTime()));
    if (s === 'exeAsPdf') return post(c, user, telegramMediaUpdate(user, { kind: 'document', fileId: `exe-${seq}`, bytes: samples.exe(), name: 'hop-dong.pdf', mime: 'application/pdf' }, seq, now.getTime()));
    const declaredSize = s === 'undeclaredHuge' ? 500_000 : undefined;
    return post(c, user, telegramMediaUpdate(user, { kind: 'photo', fileId: `${s}-${seq}`, bytes: bytesOf[s](), ...(declaredSize ? { declaredSize } : {}) }, seq, now.getTime()));
  },
};

const KEY_RE = /PA-2026-\d{6}/;

async function finishFiling(c: ChannelApp, user: string, doneExpect: RegExp) {
  expect(await c.says(user, 'xong')).toMatch(doneExpect);
  expect(await c.says(user, 'khong can')).toMatch(/đã đúng chưa/);
  const last = await c.says(user, 'dung roi');
  const code = KEY_RE.exec(last)?.[0];
  expect(code, last).toBeDefined();
  return c.app.db.prisma.grievanceCase.findUniqueOrThrow({ where: { code: code! } });
}

async function officerGet(c: ChannelApp, unitCode: string, officerId: string, url: string) {
  const u = await c.app.db.prisma.orgUnit.findUniqueOrThrow({ where: { code: unitCode } });
  const token = mintOfficerToken(c.app.services.keyring, { officerId, unitCode, scopePath: u.path }, { now });
  return c.app.http.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
}

async function checkOfficerDownload(c: ChannelApp, caseId: string, attachmentId: string, expected: Buffer) {
  const url = `/api/officer/cases/${caseId}/attachments/${attachmentId}`;
  const ok = await officerGet(c, 'P24', 'officer-p24', url);
  expect(ok.statusCode).toBe(200);
  expect(ok.rawPayload.equals(expected)).toBe(true);
  expect(ok.headers['content-type']).toBe('image/jpeg');
  expect(ok.headers['content-disposition']).toMatch(/^attachment;/);
  expect(ok.headers['x-content-type-options']).toBe('nosniff');
  const other = await officerGet(c, 'P79', 'officer-p79', url);
  expect(other.statusCode).toBe(404);
  const audit = await c.app.db.prisma.auditLog.findMany({ where: { actorId: { in: ['officer-p24', 'officer-p79'] } }, orderBy: { id: 'asc' } });
  expect(audit.map((a) => [a.actorId, a.action, a.entityId])).toEqual([
    ['officer-p24', 'case.evidence_read', caseId],
    ['officer-p79', 'case.evidence_read_denied', caseId],
  ]);
}

/** A benefit request of this worker moved by an officer through the API: the notice leaves through the channel's adapter. */
async function checkBenefitNotice(c: ChannelApp, user: string) {
  const conversationId = await c.conversationOf(user);
  const conv = await c.app.db.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } });
  const garment = await c.app.db.prisma.orgUnit.findUniqueOrThrow({ where: { code: 'CS24-0001' } });
  const r = await c.app.db.prisma.$transaction((tx) =>
    createBenefitRequest(tx, c.app.services.keyring, {
      programmeId: 'tham-hoi-om-dau-kho-khan', fullName: 'Trần Thị Hoa', phone: '+84987654321', isMember: true, memberId: null,
      provinceCode: '24', orgUnitId: garment.id, situations: ['sick'], identityId: conv.identityId, conversationId, channel: conv.channel, locale: 'vi', now,
    }),
  );
  if (r.kind !== 'created') throw new Error('benefit request not created');
  const token = mintOfficerToken(c.app.services.keyring, { officerId: 'officer-benefits', unitCode: 'P24', scopePath: (await c.app.db.prisma.orgUnit.findUniqueOrThrow({ where: { code: 'P24' } })).path }, { now });
  const res = await c.app.http.inject({
    method: 'POST',
    url: `/api/officer/benefit-requests/${r.id}/status`,
    headers: { authorization: `Bearer ${token}` },
    payload: { status: 'da_giai_quyet', message: 'Chị nhận hỗ trợ tại văn phòng công đoàn thứ Sáu này.' },
  });
  expect(res.json()).toEqual({ status: 'da_giai_quyet', notified: true, notice: { status: 'sending', channel: conv.channel, reason: null } });
  c.h.reset();
  await c.app.drain(conversationId);
  const seen = c.h.seen(c.h.calls()).join('\n');
  expect(seen).toContain(`Yêu cầu hỗ trợ ${r.code}`);
  expect(seen).toContain('Đã giải quyết');
  expect(seen).toContain('Chị nhận hỗ trợ tại văn phòng công đoàn thứ Sáu này.');
}

for (const contract of contracts) {
  describe(`evidence files and officer notices on ${contract.channel}`, () => {
    let c: ChannelApp;
    let cdn: FakeCdn;
    const user = `evidence-${contract.channel}`;

    beforeAll(async () => {
      cdn = await startFakeCdn();
      c = await openChannelApp(contract, { clock: () => now, env: { SEED_DEMO: 'true', SEED_CONTENT: 'false' } });
    });
    afterAll(async () => {
      await c?.close();
      await cdn?.close();
    });

    it('two photos are stored, a 20 MB file and an .exe named .pdf are refused, an officer downloads a photo', async () => {
      for (const step of TYPED_FILING) expect(await c.says(user, step.says), `after "${step.says}"`).toMatch(step.expect);

      if (contract.channel === 'webchat') {
        const site = 'contract-site';
        const send = async (files: Parameters<typeof uploadRequest>[3]) => {
          c.h.reset();
          const req = uploadRequest(c.app.services.keyring, site, user, files, { now: () => now.getTime() });
          const res = await c.app.http.inject(req);
          expect(res.statusCode, res.body).toBeLessThan(300);
          await c.app.drain(await c.conversationOf(user));
          return c.h.seen(c.h.calls()).join('\n');
        };
        // both photos in one upload, as Web Chat sends a multi-file pick
        expect(await send([
          { name: 'bang-luong-1.jpg', contentType: 'image/jpeg', bytes: samples.jpeg(1) },
          { name: 'bang-luong-2.jpg', contentType: 'image/jpeg', bytes: samples.jpeg(2) },
        ])).toMatch(/Đã nhận 2 tệp/);
        // the browser says "image/jpeg"; the upload itself is what is measured
        expect(await send([{ name: 'video.jpg', contentType: 'image/jpeg', bytes: samples.huge() }])).toMatch(/vượt quá giới hạn 10 MB/);
        expect(await send([{ name: 'hop-dong.pdf', contentType: 'application/pdf', bytes: samples.exe() }])).toMatch(/chưa nhận được loại tệp này/);
        const kase = await finishFiling(c, user, /giữ kín/);
        expect(await fetchAll(c.app)).toEqual(['stored', 'stored']);
        const files = (await evidenceOf(c.app, kase.id)).sort((a, b) => a.name!.localeCompare(b.name!));
        expect(files.map((f) => [f.name, f.status, f.mime])).toEqual([
          ['bang-luong-1.jpg', 'stored', 'image/jpeg'],
          ['bang-luong-2.jpg', 'stored', 'image/jpeg'],
        ]);
        expect(files[0]!.bytes!.equals(samples.jpeg(1))).toBe(true);
        expect(files[1]!.bytes!.equals(samples.jpeg(2))).toBe(true);
        await checkOfficerDownload(c, kase.id, files[1]!.id, samples.jpeg(2));
        await checkBenefitNotice(c, user);
        return;
      }

      const sender = SENDERS[contract.channel as Exclude<ChannelId, 'webchat'>];
      let seq = 900;
      expect(await sender(c, cdn, user, 'photo1', seq++)).toMatch(/Đã nhận 1 tệp/);
      expect(await sender(c, cdn, user, 'photo2', seq++)).toMatch(/Đã nhận 2 tệp/);
      const declared = sender(c, cdn, user, 'declaredHuge', seq++);
      if (declared) expect(await declared).toMatch(/vượt quá giới hạn 10 MB/);
      // the platform's word is all the chat has: these two are taken, and checked once downloaded
      expect(await sender(c, cdn, user, 'exeAsPdf', seq++)).toMatch(/Đã nhận 3 tệp/);
      expect(await sender(c, cdn, user, 'undeclaredHuge', seq++)).toMatch(/Đã nhận 4 tệp/);
      const kase = await finishFiling(c, user, /giữ kín/);

      // rows filed together share their time: compare as sets
      expect((await fetchAll(c.app)).sort()).toEqual(['rejected', 'rejected', 'stored', 'stored']);
      const files = await evidenceOf(c.app, kase.id);
      expect(files.map((f) => `${f.status}:${f.reason}`).sort()).toEqual(['rejected:too_big', 'rejected:unsupported_type', 'stored:null', 'stored:null']);
      const stored = files.filter((f) => f.status === 'stored');
      expect(stored.map((f) => f.bytes!.toString('base64')).sort()).toEqual([samples.jpeg(1), samples.jpeg(2)].map((b) => b.toString('base64')).sort());
      expect(stored.every((f) => f.mime === 'image/jpeg')).toBe(true);
      expect(files.filter((f) => f.status !== 'stored').every((f) => f.bytes === null)).toBe(true);

      // the worker learns which files were refused, on the same platform
      c.h.reset();
      await c.app.drain(await c.conversationOf(user));
      const seen = c.h.seen(c.h.calls()).join('\n');
      expect(seen).toContain(`Phản ánh ${kase.code}: tệp`);
      expect(seen).toMatch(/không phải ảnh, ghi âm, video, PDF hay Word/);
      expect(seen).toMatch(/thực tế nặng hơn 10 MB/);

      await checkOfficerDownload(c, kase.id, stored[0]!.id, stored[0]!.bytes!);
      await checkBenefitNotice(c, user);
    });
  });
}
