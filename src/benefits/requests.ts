import { randomInt } from 'node:crypto';
import type { Tx } from '../app/services.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { CODE_ALPHABET, vnYear } from '../registration/code.ts';
import { routeApplication } from '../registration/routing.ts';
import type { UnitRef } from '../registration/types.ts';
import type { Keyring } from '../security/crypto.ts';

export interface NewBenefitRequest {
  programmeId: string;
  fullName: string;
  /** E.164 */
  phone: string;
  isMember: boolean;
  memberId: string | null;
  provinceCode: string;
  /** the worker's grassroots union, when known */
  orgUnitId: string | null;
  situations: string[];
  identityId: string;
  conversationId: string;
  channel: string;
  locale: string;
  now: Date;
}

export type BenefitRequestResult =
  | { kind: 'created'; id: string; code: string; routedTo: UnitRef; viaFederation: boolean }
  | { kind: 'duplicate'; code: string };

export const BENEFIT_CONSENT_PURPOSE = 'benefit_request';

export function newBenefitRequestCode(at: Date, pick: (n: number) => number = randomInt): string {
  let tail = '';
  for (let i = 0; i < 6; i++) tail += CODE_ALPHABET[pick(CODE_ALPHABET.length)];
  return `PL-${vnYear(at)}-${tail}`;
}

const SAVEPOINT = 'benefit_request_insert';

/**
 * Files "Đăng ký nhận hỗ trợ". Routed like a case: the worker's grassroots union, or the
 * provincial federation when they have none (the same rule as membership applications). One
 * open request per worker and programme: asking twice returns the first code.
 */
export async function createBenefitRequest(tx: Tx, keyring: Keyring, input: NewBenefitRequest): Promise<BenefitRequestResult> {
  const open = await tx.benefitRequest.findFirst({
    where: { identityId: input.identityId, programmeId: input.programmeId, status: { in: ['moi', 'dang_xu_ly'] } },
    select: { code: true },
  });
  if (open) return { kind: 'duplicate', code: open.code };

  const { routedTo, orgUnitId } = await routeApplication(tx, input.orgUnitId, input.provinceCode);
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = newBenefitRequestCode(input.now);
    await tx.$executeRawUnsafe(`SAVEPOINT ${SAVEPOINT}`);
    try {
      const row = await tx.benefitRequest.create({
        data: {
          code,
          programmeId: input.programmeId,
          fullNameEnc: keyring.seal(input.fullName.normalize('NFC')),
          phoneEnc: keyring.seal(input.phone),
          isMember: input.isMember,
          memberId: input.memberId,
          provinceCode: input.provinceCode,
          orgUnitId,
          routedToId: routedTo.id,
          situations: input.situations,
          identityId: input.identityId,
          conversationId: input.conversationId,
          channel: input.channel,
          locale: input.locale,
          createdAt: input.now,
        },
        select: { id: true, code: true },
      });
      await tx.$executeRawUnsafe(`RELEASE SAVEPOINT ${SAVEPOINT}`);
      await tx.auditLog.create({
        data: {
          at: input.now,
          actorType: 'worker',
          actorId: input.identityId,
          action: 'benefit_request.created',
          entity: 'benefit_request',
          entityId: row.id,
          // ids and routing only: never personal data in the audit trail
          details: { programmeId: input.programmeId, routedToId: routedTo.id, viaFederation: orgUnitId === null },
        },
      });
      return { kind: 'created', id: row.id, code: row.code, routedTo, viaFederation: orgUnitId === null };
    } catch (err) {
      if (!(err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002')) throw err;
      await tx.$executeRawUnsafe(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
    }
  }
  throw new Error('could not draw a unique benefit request code');
}
