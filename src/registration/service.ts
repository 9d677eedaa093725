import { Prisma } from '../generated/prisma/client.ts';
import type { Tx } from '../app/services.ts';
import type { Keyring } from '../security/crypto.ts';
import { newRegistrationCode } from './code.ts';
import { cccdHash, findByCccd, phoneHash } from './lookup.ts';
import { routeApplication } from './routing.ts';
import type { CreateResult, NewRegistration } from './types.ts';

export { findByCccd, findByCodeAndCccd, listForIdentity } from './lookup.ts';
export { parseRegistrationCode } from './code.ts';
export * from './types.ts';

/** Code collisions are a one-in-hundreds-of-millions event; a few retries are plenty. */
const CODE_ATTEMPTS = 5;
const SAVEPOINT = 'registration_insert';

function isUniqueViolation(err: unknown): boolean {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002';
}

/**
 * Files one membership application. One application per CCCD: a duplicate, whether seen before
 * the insert or lost in a race with another channel (the unique index on cccd_hash), returns the
 * first application's code and status instead. The insert runs under a savepoint because a
 * failed statement aborts the whole PostgreSQL transaction, and the turn's transaction still has
 * the state and the replies to write.
 */
export async function createRegistration(
  tx: Tx,
  keyring: Keyring,
  input: NewRegistration,
  opts: { drawCode?: (at: Date) => string } = {},
): Promise<CreateResult> {
  const drawCode = opts.drawCode ?? newRegistrationCode;
  const existing = await findByCccd(tx, keyring, input.cccd);
  if (existing) return { kind: 'duplicate', code: existing.code, status: existing.status };

  const { routedTo, orgUnitId } = await routeApplication(tx, input.orgUnitId, input.provinceCode);
  const data = {
    fullName: input.fullName.normalize('NFC'),
    dobEnc: keyring.seal(input.dob),
    gender: input.gender,
    cccdEnc: keyring.seal(input.cccd),
    cccdHash: cccdHash(keyring, input.cccd),
    phoneEnc: keyring.seal(input.phone),
    phoneHash: phoneHash(keyring, input.phone),
    employer: input.employer,
    workplaceAddress: input.workplaceAddress,
    provinceCode: input.provinceCode,
    orgUnitId,
    routedToId: routedTo.id,
    identityId: input.identityId,
    channel: input.channel,
    locale: input.locale,
    createdAt: input.now,
  };

  for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
    const code = drawCode(input.now);
    await tx.$executeRawUnsafe(`SAVEPOINT ${SAVEPOINT}`);
    try {
      const row = await tx.registration.create({ data: { ...data, code }, select: { id: true, code: true } });
      await tx.$executeRawUnsafe(`RELEASE SAVEPOINT ${SAVEPOINT}`);
      await tx.auditLog.create({
        data: {
          at: input.now,
          actorType: 'worker',
          actorId: input.identityId,
          action: 'registration.created',
          entity: 'registration',
          entityId: row.id,
          // ids and routing only: never personal data in the audit trail
          details: { channel: input.channel, routedToId: routedTo.id, viaFederation: orgUnitId === null },
        },
      });
      return { kind: 'created', id: row.id, code: row.code, status: 'cho_duyet', routedTo, viaFederation: orgUnitId === null };
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      await tx.$executeRawUnsafe(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
      const raced = await findByCccd(tx, keyring, input.cccd);
      if (raced) return { kind: 'duplicate', code: raced.code, status: raced.status };
      // not the CCCD, so it was the code: draw another
    }
  }
  throw new Error(`could not draw a free registration code in ${CODE_ATTEMPTS} attempts`);
}
