import { sendNotice } from '../../src/broadcasts/notify.ts';
import { broadcastDeps } from '../../src/broadcasts/deps.ts';
import { changeStatus, requestInformation } from '../../src/cases/officer.ts';
import type { OfficerContext } from '../../src/cases/token.ts';
import type { CaseStatus } from '../../src/cases/types.ts';
import { openMessage, type StoredMessage } from '../../src/pipeline/seal.ts';
import type { Transcript } from '../transcript.ts';

/** An officer scoped to the unit with this code (its whole subtree). */
export async function officerOf(chat: Transcript, unitCode: string, officerId = 'officer-1'): Promise<OfficerContext> {
  const u = await chat.app.db.prisma.orgUnit.findUniqueOrThrow({ where: { code: unitCode }, select: { path: true } });
  return { officerId, scopePath: u.path };
}

export async function caseByCode(chat: Transcript, code: string) {
  return chat.app.db.prisma.grievanceCase.findUniqueOrThrow({ where: { code } });
}

/**
 * What the worker's chat received that was not the bot's answer to a message of theirs: officers'
 * words and notices. A notice on Zalo inside the free window points at the worker's last message
 * (to reply by message_id), so notices are also found through their broadcast recipient row.
 */
export async function noticeRows(chat: Transcript, conversationId: string) {
  const noticeIds = (
    await chat.app.db.sql.query<{ id: string }>(`SELECT outbox_id::text AS id FROM broadcast_recipient WHERE conversation_id = $1::uuid AND outbox_id IS NOT NULL`, [conversationId])
  ).map((r) => BigInt(r.id));
  return chat.app.db.prisma.outboxMessage.findMany({ where: { conversationId, OR: [{ inboxId: null }, { id: { in: noticeIds } }] }, orderBy: { id: 'asc' } });
}

/** The texts of `noticeRows`. */
export async function noticesTo(chat: Transcript, conversationId: string): Promise<string[]> {
  const rows = await noticeRows(chat, conversationId);
  return rows.map((r) => {
    const m = openMessage(chat.app.services.keyring, r.message as unknown as StoredMessage);
    return 'text' in m ? (m.text ?? '') : '';
  });
}

/** The broadcast machinery of the transcript's app (notices go through it). */
const depsOf = (chat: Transcript) =>
  broadcastDeps({ sql: chat.app.db.sql, queue: chat.app.queue, keyring: chat.app.services.keyring, notifier: chat.app.notifier, adapters: chat.app.adapters, clock: chat.app.services.clock, config: chat.app.config });

/** An officer changes the status the way the API does: one transaction, its notice hinted after commit, then a delivery run. */
export async function officerSets(chat: Transcript, ctx: OfficerContext, caseId: string, status: CaseStatus, message?: string) {
  const r = await chat.app.db.prisma.$transaction((tx) =>
    changeStatus(tx, chat.app.services.keyring, ctx, caseId, { status, note: 'internal note', message: message ?? null }, chat.app.services.clock()),
  );
  if (r.kind === 'changed') {
    await sendNotice(depsOf(chat), r.notice);
    await chat.app.drain(r.conversationId);
  }
  return r;
}

export async function officerAsks(chat: Transcript, ctx: OfficerContext, caseId: string, question: string) {
  const r = await chat.app.db.prisma.$transaction((tx) => requestInformation(tx, chat.app.services.keyring, ctx, caseId, question, chat.app.services.clock()));
  if (r.kind === 'changed') {
    await sendNotice(depsOf(chat), r.notice);
    await chat.app.drain(r.conversationId);
  }
  return r;
}
