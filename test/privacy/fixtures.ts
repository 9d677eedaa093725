/**
 * Records of one worker, written straight into the database (sealed like the flows seal them), so
 * the my-data tests do not replay the registration or grievance flows first.
 */
import type { App } from '../../src/app/app.ts';
import type { BotReply, Worker } from '../transcript.ts';

export const CCCD = '001095012345';
export const DOB = '1995-03-15';
export const DOB_TYPED = '15/03/1995';
export const PHONE = '+84912345678';
export const NAME = 'Nguyễn Văn An';

let seq = 0;
const next = () => String(++seq).padStart(6, '0');

export async function identityOf(app: App, platformUserId: string): Promise<{ identityId: string; conversationId: string }> {
  const id = await app.db.prisma.channelIdentity.findFirstOrThrow({ where: { platformUserId } });
  const conv = await app.db.prisma.conversation.findFirstOrThrow({ where: { identityId: id.id } });
  return { identityId: id.id, conversationId: conv.id };
}

async function unit(app: App) {
  return app.db.prisma.orgUnit.findFirstOrThrow({ where: { kind: 'grassroots' }, orderBy: { code: 'asc' } });
}

export async function seedRegistration(
  app: App,
  identityId: string,
  o: { status?: 'cho_duyet' | 'da_duyet' | 'tu_choi'; cccd?: string; member?: boolean; decidedAt?: Date } = {},
): Promise<{ registrationId: string; code: string; memberId: string | null; cccd: string }> {
  const k = app.services.keyring;
  const u = await unit(app);
  // 001 Hà Nội, 0 = male born 19xx, 95 = 1995: a well-formed CCCD, unique per call
  const cccd = o.cccd ?? `00109500${String(++seq).padStart(4, '0')}`;
  let memberId: string | null = null;
  if (o.member) {
    const m = await app.db.prisma.member.create({
      data: { memberNo: `DV-${next()}`, fullName: NAME, orgUnitId: u.id, cccdHash: k.lookupHash('cccd', cccd), phoneHash: k.lookupHash('phone', PHONE), joinedAt: new Date('2026-01-10T00:00:00Z') },
    });
    memberId = m.id;
    await app.db.prisma.channelIdentity.update({ where: { id: identityId }, data: { memberId } });
  }
  const code = `DK-2026-${next()}`;
  const r = await app.db.prisma.registration.create({
    data: {
      code,
      status: o.status ?? (o.member ? 'da_duyet' : 'cho_duyet'),
      fullName: NAME,
      dobEnc: k.seal(DOB),
      gender: 'male',
      cccdEnc: k.seal(cccd),
      cccdHash: k.lookupHash('cccd', cccd),
      phoneEnc: k.seal(PHONE),
      phoneHash: k.lookupHash('phone', PHONE),
      employer: 'Công ty TNHH May Sông Hồng',
      workplaceAddress: 'KCN Bắc Thăng Long, Đông Anh, Hà Nội',
      provinceCode: '01',
      orgUnitId: u.id,
      routedToId: u.id,
      memberId,
      identityId,
      channel: 'webchat',
      ...(o.decidedAt ? { decidedAt: o.decidedAt } : {}),
    },
  });
  return { registrationId: r.id, code, memberId, cccd };
}

export async function seedCase(
  app: App,
  ids: { identityId: string; conversationId: string },
  o: { status: string; description?: string; updatedAt?: Date; withAttachment?: boolean },
): Promise<{ id: string; code: string }> {
  const k = app.services.keyring;
  const u = await unit(app);
  const code = `PA-2026-${next()}`;
  const c = await app.db.prisma.grievanceCase.create({
    data: {
      code,
      accessKeyHash: k.lookupHash('case-key', code),
      status: o.status,
      category: 'wages',
      employer: 'Công ty TNHH May Sông Hồng',
      provinceCode: '01',
      routedToId: u.id,
      routedPath: u.path,
      descriptionEnc: k.seal(o.description ?? 'Công ty nợ lương hai tháng'),
      identityId: ids.identityId,
      conversationId: ids.conversationId,
      channel: 'webchat',
      ...(o.updatedAt ? { updatedAt: o.updatedAt, createdAt: o.updatedAt } : {}),
    },
  });
  await app.db.prisma.grievanceCaseEvent.create({
    data: { caseId: c.id, kind: 'created', actorType: 'worker', actorId: ids.identityId, noteEnc: k.seal('ghi chú riêng'), ...(o.updatedAt ? { at: o.updatedAt } : {}) },
  });
  if (o.withAttachment) {
    const blob = await app.db.prisma.evidenceBlob.create({
      data: { data: Buffer.from('x'), keyEnc: k.seal('key'), sha256: 'x', size: 1, mime: 'image/png' },
    });
    await app.db.prisma.grievanceAttachment.create({ data: { caseId: c.id, type: 'image', channel: 'webchat', refEnc: k.seal('ref'), blobId: blob.id } });
  }
  return { id: c.id, code };
}

export async function seedConsent(app: App, identityId: string, purpose: string, at = new Date('2026-11-01T00:00:00Z')) {
  return app.db.prisma.consent.create({ data: { identityId, purpose, noticeVersion: '1', granted: true, evidence: 'test', decidedAt: at } });
}

/** Starts the flow and verifies with CCCD + date of birth; returns the reply to the date. */
export async function verify(w: Worker, opening: string, cccd = CCCD, dob = DOB_TYPED): Promise<BotReply> {
  await w.says(opening);
  await w.taps('Xác minh bằng CCCD');
  await w.says(cccd);
  return w.says(dob);
}
