import type { Tx } from '../app/services.ts';
import type { Keyring } from '../security/crypto.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';

/** Questions are sealed: a worker's question often tells their own story. */
export async function recordFeedback(
  tx: Tx,
  keyring: Keyring,
  row: { conversationId: string; entryId: string; helpful: boolean; question: string },
): Promise<void> {
  await tx.legalFeedback.create({ data: { ...row, question: keyring.seal(row.question) } });
}

export async function recordUnanswered(
  tx: Tx,
  keyring: Keyring,
  row: { conversationId: string; question: string; bestEntryId?: string; bestScore: number },
): Promise<void> {
  await tx.legalUnanswered.create({
    data: { conversationId: row.conversationId, question: keyring.seal(row.question), bestEntryId: row.bestEntryId ?? null, bestScore: row.bestScore },
  });
}

export interface OfficerItem {
  kind: 'unanswered' | 'unhelpful';
  id: string;
  at: Date;
  question: string;
  entryId: string | null;
  score?: number;
}

/**
 * Open unanswered questions and answers rated unhelpful, newest first, for officers to turn into
 * new entries. Opening sealed questions is an officer read of personal data: one audit row per read.
 */
export async function listForOfficers(db: PrismaClient, keyring: Keyring, actorId: string, limit = 50): Promise<OfficerItem[]> {
  const [open, unhelpful] = await Promise.all([
    db.legalUnanswered.findMany({ where: { resolvedAt: null }, orderBy: { createdAt: 'desc' }, take: limit }),
    db.legalFeedback.findMany({ where: { helpful: false }, orderBy: { createdAt: 'desc' }, take: limit }),
  ]);
  const items: OfficerItem[] = [
    ...open.map((r) => ({ kind: 'unanswered' as const, id: String(r.id), at: r.createdAt, question: keyring.open(r.question), entryId: r.bestEntryId, score: r.bestScore })),
    ...unhelpful.map((r) => ({ kind: 'unhelpful' as const, id: String(r.id), at: r.createdAt, question: keyring.open(r.question), entryId: r.entryId })),
  ].sort((a, b) => b.at.getTime() - a.at.getTime());
  if (items.length) {
    await db.auditLog.create({
      data: {
        actorType: 'officer',
        actorId,
        action: 'read',
        entity: 'legal_question',
        entityId: items.map((i) => `${i.kind}:${i.id}`).join(',').slice(0, 2000),
        details: { count: items.length },
      },
    });
  }
  return items.slice(0, limit);
}

/** An officer turned the question into an entry (or dismissed it): it leaves the list. */
export async function resolveUnanswered(db: PrismaClient, id: bigint, at: Date): Promise<boolean> {
  const r = await db.legalUnanswered.updateMany({ where: { id, resolvedAt: null }, data: { resolvedAt: at } });
  return r.count === 1;
}
