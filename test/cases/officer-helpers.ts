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

/** What the worker's chat received that was not a reply to a message of theirs (notices). */
export async function noticesTo(chat: Transcript, conversationId: string): Promise<string[]> {
  const rows = await chat.app.db.prisma.outboxMessage.findMany({ where: { conversationId, inboxId: null }, orderBy: { id: 'asc' } });
  return rows.map((r) => {
    const m = openMessage(chat.app.services.keyring, r.message as unknown as StoredMessage);
    return 'text' in m ? (m.text ?? '') : '';
  });
}

/** An officer changes the status the way the API does: one transaction, then a delivery run. */
export async function officerSets(chat: Transcript, ctx: OfficerContext, caseId: string, status: CaseStatus, message?: string) {
  const r = await chat.app.db.prisma.$transaction((tx) =>
    changeStatus(tx, chat.app.services.keyring, ctx, caseId, { status, note: 'internal note', message: message ?? null }, chat.app.services.clock()),
  );
  if (r.kind === 'changed') await chat.app.drain(r.conversationId);
  return r;
}

export async function officerAsks(chat: Transcript, ctx: OfficerContext, caseId: string, question: string) {
  const r = await chat.app.db.prisma.$transaction((tx) => requestInformation(tx, chat.app.services.keyring, ctx, caseId, question, chat.app.services.clock()));
  if (r.kind === 'changed') await chat.app.drain(r.conversationId);
  return r;
}
