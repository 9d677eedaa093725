/** Probes of grievance cases, their evidence files and benefit requests (src/http/officer-cases.ts, officer-benefits.ts). */
import { putBlob } from '../../../src/blobs/store.ts';
import { createBenefitRequest } from '../../../src/benefits/requests.ts';
import { createCase } from '../../../src/cases/service.ts';
import type { Probe, ProbeWorld } from '../probe.ts';

/** A case routed to unit A (its grassroots union), filed from a worker conversation of A. */
async function caseInA(w: ProbeWorld): Promise<string> {
  const { conversationId, identityId } = await w.conversationInA();
  const now = w.app.services.clock();
  const created = await w.app.db.prisma.$transaction((tx) =>
    createCase(tx, w.app.services.keyring, {
      category: 'wages',
      urgency: null,
      employer: 'Công ty TNHH Thép An Phát',
      provinceCode: w.unitA.provinceCode,
      orgUnitId: w.unitA.id,
      aboutUnion: false,
      description: 'Công ty chậm trả lương tháng 10 cho cả tổ cán thép.',
      discoveredOn: '2026-11-05',
      affectedCount: 12,
      anonymous: false,
      attachments: [{ type: 'image', mime: 'image/jpeg', size: 16, name: 'bang-luong.jpg', url: 'https://cdn.example.test/bang-luong.jpg' }],
      memberId: null,
      identityId,
      conversationId,
      channel: 'webchat',
      locale: 'vi',
      now,
    }),
  );
  return created.id;
}

/** A case of A whose photo is already downloaded and stored: returns the download URL. */
async function storedEvidenceInA(w: ProbeWorld): Promise<string> {
  const caseId = await caseInA(w);
  const a = await w.app.db.prisma.grievanceAttachment.findFirstOrThrow({ where: { caseId } });
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 1, 2, 3, 4]);
  const blob = await putBlob(w.app.db.sql, w.app.services.keyring, jpeg, { mime: 'image/jpeg' });
  await w.app.db.prisma.grievanceAttachment.update({ where: { id: a.id }, data: { fetchStatus: 'stored', blobId: blob.id, fetchAfter: null } });
  return `/api/officer/cases/${caseId}/attachments/${a.id}`;
}

/** A benefit request routed to unit A. */
async function requestInA(w: ProbeWorld): Promise<string> {
  const { conversationId, identityId } = await w.conversationInA();
  const r = await w.app.db.prisma.$transaction((tx) =>
    createBenefitRequest(tx, w.app.services.keyring, {
      // a fresh programme id each time: one open request per worker and programme
      programmeId: `probe-${crypto.randomUUID().slice(0, 8)}`,
      fullName: 'Nguyễn Văn Thử',
      phone: '+84912345678',
      isMember: true,
      memberId: null,
      provinceCode: w.unitA.provinceCode,
      orgUnitId: w.unitA.id,
      situations: [],
      identityId,
      conversationId,
      channel: 'webchat',
      locale: 'vi',
      now: w.app.services.clock(),
    }),
  );
  if (r.kind !== 'created') throw new Error('benefit request not created');
  return r.id;
}

export const probes: Probe[] = [
  // lists: B filtering by A's unit is 404 and audited, like a read outside the scope
  {
    method: 'GET',
    route: '/api/officer/cases',
    setup: async (w) => {
      await caseInA(w);
      return { url: `/api/officer/cases?unit=${w.unitA.code}` };
    },
  },
  { method: 'GET', route: '/api/officer/cases/:id', setup: async (w) => ({ url: `/api/officer/cases/${await caseInA(w)}` }) },
  {
    method: 'POST',
    route: '/api/officer/cases/:id/status',
    setup: async (w) => ({ url: `/api/officer/cases/${await caseInA(w)}/status`, payload: { status: 'dang_xu_ly', note: 'Đã gọi công ty', message: 'Cán bộ đã liên hệ công ty.' } }),
  },
  {
    method: 'POST',
    route: '/api/officer/cases/:id/request-info',
    setup: async (w) => ({ url: `/api/officer/cases/${await caseInA(w)}/request-info`, payload: { question: 'Bạn gửi giúp ảnh bảng lương tháng 10.' } }),
  },
  { method: 'GET', route: '/api/officer/cases/:id/attachments/:attachmentId', setup: async (w) => ({ url: await storedEvidenceInA(w) }) },
  {
    method: 'GET',
    route: '/api/officer/benefit-requests',
    setup: async (w) => {
      await requestInA(w);
      return { url: `/api/officer/benefit-requests?unit=${w.unitA.code}` };
    },
  },
  { method: 'GET', route: '/api/officer/benefit-requests/:id', setup: async (w) => ({ url: `/api/officer/benefit-requests/${await requestInA(w)}` }) },
  {
    method: 'POST',
    route: '/api/officer/benefit-requests/:id/status',
    setup: async (w) => ({ url: `/api/officer/benefit-requests/${await requestInA(w)}/status`, payload: { status: 'dang_xu_ly', message: 'Cán bộ sẽ liên hệ bạn.' } }),
  },
];
