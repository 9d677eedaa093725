/** Probes of registrations and membership cards (src/http/officer-registrations.ts). */
import { randomInt } from 'node:crypto';
import { issueCard } from '../../../src/membership/cards.ts';
import { cccdHash, phoneHash } from '../../../src/registration/lookup.ts';
import type { Probe, ProbeWorld } from '../probe.ts';

/** A pending application routed to unit A, filed from a worker conversation of A. */
async function pendingInA(w: ProbeWorld): Promise<string> {
  const { identityId } = await w.conversationInA();
  const k = w.app.services.keyring;
  const cccd = `0010950${String(randomInt(100_000)).padStart(5, '0')}`;
  const phone = `+8491${String(randomInt(10_000_000)).padStart(7, '0')}`;
  const row = await w.app.db.prisma.registration.create({
    data: {
      code: `DK-2026-P${String(randomInt(100_000)).padStart(5, '0')}`,
      fullName: 'Người nộp đơn thử',
      dobEnc: k.seal('1995-03-15'),
      gender: 'nam',
      cccdEnc: k.seal(cccd),
      cccdHash: cccdHash(k, cccd),
      phoneEnc: k.seal(phone),
      phoneHash: phoneHash(k, phone),
      employer: 'Công ty TNHH Thép An Phát',
      workplaceAddress: 'KCN Quế Võ',
      provinceCode: w.unitA.provinceCode,
      orgUnitId: w.unitA.id,
      routedToId: w.unitA.id,
      identityId,
      channel: 'webchat',
      locale: 'vi',
      createdAt: w.app.services.clock(),
    },
  });
  return row.id;
}

export const probes: Probe[] = [
  // B filtering by A's unit: 404 and audited, like any other request outside the scope
  {
    method: 'GET',
    route: '/api/officer/registrations',
    setup: async (w) => {
      await pendingInA(w);
      return { url: `/api/officer/registrations?unit=${w.unitA.code}&status=cho_duyet` };
    },
  },
  {
    method: 'GET',
    route: '/api/officer/registrations/:id',
    setup: async (w) => ({ url: `/api/officer/registrations/${await pendingInA(w)}` }),
  },
  {
    method: 'POST',
    route: '/api/officer/registrations/:id/approve',
    setup: async (w) => ({ url: `/api/officer/registrations/${await pendingInA(w)}/approve`, payload: {} }),
  },
  {
    method: 'POST',
    route: '/api/officer/registrations/:id/reject',
    setup: async (w) => ({ url: `/api/officer/registrations/${await pendingInA(w)}/reject`, payload: { reason: 'Hồ sơ chưa có chữ ký số' } }),
  },
  {
    method: 'POST',
    route: '/api/officer/members/:id/revoke-card',
    setup: async (w) => {
      const { identityId } = await w.conversationInA();
      const identity = await w.app.db.prisma.channelIdentity.findUniqueOrThrow({ where: { id: identityId }, select: { memberId: true } });
      const memberId = identity.memberId!;
      await w.app.db.prisma.$transaction((tx) =>
        issueCard(tx, w.app.services.keyring, { memberId, unitId: w.unitA.id, memberNo: 'DV-24-2026-999999', verifyBase: 'http://localhost:3000', issuedBy: 'probe', now: w.app.services.clock() }),
      );
      return { url: `/api/officer/members/${memberId}/revoke-card`, payload: { reason: 'Báo mất thẻ' } };
    },
  },
];
