import type { PrismaClient } from '../generated/prisma/client.ts';
import type { Tx } from '../app/services.ts';
import type { Keyring } from '../security/crypto.ts';
import { cardToken, cardTokenHash, isCardTokenShape, newCardNonce } from './token.ts';

type Db = PrismaClient | Tx;

export interface IssuedCard {
  id: string;
  token: string;
  memberNo: string;
  verifyBase: string;
}

/**
 * Issues a new card for a member and revokes the ones it replaces: a member holds at most one
 * valid card, so a card handed out before (another unit, another number) stops verifying.
 */
export async function issueCard(
  tx: Tx,
  keyring: Keyring,
  input: { memberId: string; unitId: string; memberNo: string; verifyBase: string; issuedBy: string; now: Date },
): Promise<IssuedCard> {
  await tx.memberCard.updateMany({
    where: { memberId: input.memberId, revokedAt: null },
    data: { revokedAt: input.now, revokeReason: 'replaced', revokedBy: input.issuedBy },
  });
  const nonce = newCardNonce();
  const token = cardToken(keyring, nonce);
  const row = await tx.memberCard.create({
    data: {
      memberId: input.memberId,
      nonce,
      tokenHash: cardTokenHash(keyring, token),
      unitId: input.unitId,
      memberNo: input.memberNo,
      verifyBase: input.verifyBase,
      issuedAt: input.now,
      issuedBy: input.issuedBy,
    },
    select: { id: true },
  });
  return { id: row.id, token, memberNo: input.memberNo, verifyBase: input.verifyBase };
}

/** The member's valid card with its token rebuilt, or null (never issued, or revoked). */
export async function currentCard(db: Db, keyring: Keyring, memberId: string): Promise<IssuedCard | null> {
  const row = await db.memberCard.findFirst({
    where: { memberId, revokedAt: null },
    orderBy: { issuedAt: 'desc' },
    select: { id: true, nonce: true, memberNo: true, verifyBase: true },
  });
  return row ? { id: row.id, token: cardToken(keyring, row.nonce), memberNo: row.memberNo, verifyBase: row.verifyBase } : null;
}

export interface CardByToken {
  id: string;
  memberId: string;
  unitId: string;
  memberNo: string;
  verifyBase: string;
  issuedAt: Date;
  revoked: boolean;
}

/** The card behind a public token, valid or revoked; null for a token that is not ours. */
export async function findCardByToken(db: Db, keyring: Keyring, token: string): Promise<CardByToken | null> {
  if (!isCardTokenShape(token)) return null;
  const row = await db.memberCard.findUnique({ where: { tokenHash: cardTokenHash(keyring, token) } });
  if (!row) return null;
  return {
    id: row.id,
    memberId: row.memberId,
    unitId: row.unitId,
    memberNo: row.memberNo,
    verifyBase: row.verifyBase,
    issuedAt: row.issuedAt,
    revoked: row.revokedAt !== null,
  };
}

/** Revokes every valid card of a member; returns how many were valid. */
export async function revokeCards(tx: Db, memberId: string, reason: string, by: string, now: Date): Promise<number> {
  const r = await tx.memberCard.updateMany({
    where: { memberId, revokedAt: null },
    data: { revokedAt: now, revokeReason: reason, revokedBy: by },
  });
  return r.count;
}
