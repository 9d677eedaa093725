/**
 * The retention job on a pinned clock: only data older than its class's period goes, a second
 * run finds nothing, a dry run changes nothing, two runs at once do each row once, and every run
 * leaves one audit row with its counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTranscript, type Transcript } from '../transcript.ts';
import { loadPrivacyConfig } from '../../src/privacy/config.ts';
import { runRetention, type RetentionDeps } from '../../src/privacy/retention.ts';
import { identityOf, seedCase, seedRegistration } from './fixtures.ts';

const NOW = new Date('2027-06-01T03:00:00Z');
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

let chat: Transcript;
let deps: RetentionDeps;

beforeAll(async () => {
  chat = await openTranscript();
  deps = {
    sql: chat.app.db.sql,
    keyring: chat.app.services.keyring,
    // small batches so every class loops; periods: conversation 180 d, attachments 365 d,
    // closed cases 730 d, rejected applications 90 d, export links 24 h (the defaults)
    config: loadPrivacyConfig({ PRIVACY_RETENTION_BATCH: '2' }),
  };
});
afterAll(() => chat.close());

async function talk(user: string, days: number) {
  const w = chat.worker(user);
  await w.says('chào');
  await w.says('menu');
  const ids = await identityOf(chat.app, user);
  const at = ago(days);
  await chat.app.db.sql.query(`UPDATE inbox_message SET received_at = $2 WHERE conversation_id = $1::uuid`, [ids.conversationId, at]);
  await chat.app.db.sql.query(`UPDATE outbox_message SET created_at = $2 WHERE conversation_id = $1::uuid`, [ids.conversationId, at]);
  await chat.app.db.sql.query(`UPDATE webchat_activity SET created_at = $2 WHERE conversation_id = $1::uuid`, [ids.conversationId, at]);
  await chat.app.db.sql.query(`UPDATE conversation SET updated_at = $2 WHERE id = $1::uuid`, [ids.conversationId, at]);
  return ids;
}

async function handoffWithNote(conversationId: string, status: 'closed' | 'active', closedAt: Date) {
  const u = await chat.app.db.prisma.orgUnit.findFirstOrThrow({ where: { kind: 'grassroots' } });
  const h = await chat.app.db.prisma.handoff.create({
    data: {
      conversationId,
      unitId: u.id,
      unitPath: u.path,
      originUnitId: u.id,
      status,
      reason: 'worker_asked',
      requestedAt: closedAt,
      slaDueAt: closedAt,
      lastActivityAt: closedAt,
      ...(status === 'closed' ? { closedAt } : {}),
    },
  });
  return chat.app.db.prisma.handoffNote.create({
    data: { handoffId: h.id, conversationId, officerId: u.id, textEnc: chat.app.services.keyring.seal('ghi chú về người lao động') },
  });
}

async function link(expiresAt: Date) {
  return chat.app.db.prisma.dataExportLink.create({
    data: { tokenHash: `h-${Math.random()}`, requestId: '00000000-0000-4000-8000-000000000000', format: 'json', fileName: 'x.json', bodyEnc: 'sealed', createdAt: expiresAt, expiresAt },
  });
}

const sealedInbox = async (conversationId: string) =>
  (await chat.app.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM inbox_message WHERE conversation_id = $1::uuid AND event ? 'sealed'`, [conversationId]))[0]!.n;

describe('retention', () => {
  it('removes only what is older than its period, idempotently, with one audit row per run', async () => {
    const old = await talk('ret-old', 200);
    // a registration left half-way in that old conversation: its sealed answers are in the state
    await chat.app.db.sql.query(`UPDATE conversation SET state = state || '{"flow": {"id": "registration", "answers": {"cccd": "v1.sealed"}}}'::jsonb WHERE id = $1::uuid`, [old.conversationId]);
    const recent = await talk('ret-recent', 10);
    const db = chat.app.db.prisma;
    const oldClosed = await seedCase(chat.app, old, { status: 'dong', updatedAt: ago(800), withAttachment: true });
    const closedWithEvidence = await seedCase(chat.app, old, { status: 'da_giai_quyet', updatedAt: ago(400), withAttachment: true });
    const recentClosed = await seedCase(chat.app, old, { status: 'dong', updatedAt: ago(100), withAttachment: true });
    const oldOpen = await seedCase(chat.app, old, { status: 'dang_xu_ly', updatedAt: ago(800), withAttachment: true });
    const rejectedOld = await seedRegistration(chat.app, old.identityId, { status: 'tu_choi', decidedAt: ago(100) });
    const rejectedNew = await seedRegistration(chat.app, old.identityId, { status: 'tu_choi', decidedAt: ago(30) });
    const pendingOld = await seedRegistration(chat.app, recent.identityId, { decidedAt: ago(300) });
    const oldNote = await handoffWithNote(old.conversationId, 'closed', ago(200));
    const recentNote = await handoffWithNote(recent.conversationId, 'closed', ago(10));
    const openNote = await handoffWithNote(old.conversationId, 'active', ago(300));
    const gone = await link(new Date(NOW.getTime() - 2 * DAY));
    const justExpired = await link(new Date(NOW.getTime() - 3_600_000));
    const valid = await link(new Date(NOW.getTime() + 600_000));
    const oldMessages = await sealedInbox(old.conversationId);
    const oldActivities = await db.webchatActivity.count({ where: { conversationId: old.conversationId } });
    const oldOutbox = await db.outboxMessage.count({ where: { conversationId: old.conversationId, status: 'sent' } });
    expect(oldMessages).toBe(2);
    expect(oldOutbox).toBeGreaterThan(0);
    expect(oldActivities).toBeGreaterThan(0);

    const expected = {
      inbox_text: oldMessages,
      outbox_text: oldOutbox,
      webchat_transcript: oldActivities,
      abandoned_flow_state: 1,
      handoff_notes: 1, // of the handoff closed 200 days ago; the open one's notes stay
      attachments: 2, // of the cases closed 800 and 400 days ago
      closed_cases: 1, // closed 800 days ago
      rejected_registrations: 1,
      export_link_bodies: 2,
      export_links: 1,
    };
    const dry = await runRetention(deps, NOW, { dryRun: true });
    expect(dry.counts).toEqual(expected);
    expect(await sealedInbox(old.conversationId)).toBe(oldMessages);

    const first = await runRetention(deps, NOW);
    expect(first.counts).toEqual(expected);

    const k = chat.app.services.keyring;
    expect(await sealedInbox(old.conversationId)).toBe(0);
    expect((await db.conversation.findUniqueOrThrow({ where: { id: old.conversationId } })).state).not.toHaveProperty('flow');
    expect(await sealedInbox(recent.conversationId)).toBe(2);
    expect(await db.webchatActivity.count({ where: { conversationId: old.conversationId } })).toBe(0);
    expect(await db.webchatActivity.count({ where: { conversationId: recent.conversationId } })).toBeGreaterThan(0);
    const anon = await db.grievanceCase.findUniqueOrThrow({ where: { id: oldClosed.id } });
    expect(k.open(anon.descriptionEnc)).toBe('—');
    expect(await db.grievanceCaseEvent.count({ where: { caseId: oldClosed.id, kind: 'anonymized' } })).toBe(1);
    expect(await db.grievanceCaseEvent.count({ where: { caseId: oldClosed.id, noteEnc: { not: null } } })).toBe(0);
    for (const c of [closedWithEvidence, recentClosed, oldOpen]) {
      expect(k.open((await db.grievanceCase.findUniqueOrThrow({ where: { id: c.id } })).descriptionEnc)).not.toBe('—');
    }
    expect(await db.grievanceAttachment.count({ where: { caseId: closedWithEvidence.id } })).toBe(0);
    expect(await db.grievanceAttachment.count({ where: { caseId: recentClosed.id } })).toBe(1);
    expect(await db.grievanceAttachment.count({ where: { caseId: oldOpen.id } })).toBe(1);
    expect(await db.evidenceBlob.count()).toBe(2);
    expect(await db.registration.count({ where: { id: rejectedOld.registrationId } })).toBe(0);
    expect(await db.registration.count({ where: { id: { in: [rejectedNew.registrationId, pendingOld.registrationId] } } })).toBe(2);
    expect(await db.handoffNote.count({ where: { id: { in: [oldNote.id, recentNote.id, openNote.id] } } })).toBe(2);
    expect(await db.handoffNote.count({ where: { id: oldNote.id } })).toBe(0);
    expect(await db.dataExportLink.count({ where: { id: gone.id } })).toBe(0);
    expect((await db.dataExportLink.findUniqueOrThrow({ where: { id: justExpired.id } })).bodyEnc).toBeNull();
    expect((await db.dataExportLink.findUniqueOrThrow({ where: { id: valid.id } })).bodyEnc).toBe('sealed');

    const second = await runRetention(deps, NOW);
    expect(Object.values(second.counts).every((n) => n === 0)).toBe(true);

    const audits = await db.auditLog.findMany({ where: { entity: 'retention_run' }, orderBy: { id: 'asc' } });
    expect(audits.map((a) => a.action)).toEqual(['privacy.retention_dry_run', 'privacy.retention', 'privacy.retention']);
    expect(audits[1]!.details).toMatchObject({ counts: expected, dryRun: false });
  });

  it('two runs at once process each row once', async () => {
    const ids = await talk('ret-parallel', 300);
    const cases = await Promise.all([1, 2, 3, 4, 5].map(() => seedCase(chat.app, ids, { status: 'dong', updatedAt: ago(900) })));
    const [a, b] = await Promise.all([runRetention(deps, NOW), runRetention(deps, NOW)]);
    expect(a.counts.closed_cases + b.counts.closed_cases).toBe(5);
    expect(a.counts.inbox_text + b.counts.inbox_text).toBe(2);
    for (const c of cases) expect(await chat.app.db.prisma.grievanceCaseEvent.count({ where: { caseId: c.id, kind: 'anonymized' } })).toBe(1);
  });

  it('a period of 0 keeps that class forever, and a bad value names its variable', async () => {
    const ids = await talk('ret-keep', 3000);
    const keepAll = { ...deps, config: loadPrivacyConfig({ PRIVACY_RETENTION_CONVERSATION_DAYS: '0' }) };
    const r = await runRetention(keepAll, NOW);
    expect(r.counts.inbox_text).toBe(0);
    expect(await sealedInbox(ids.conversationId)).toBe(2);
    expect(() => loadPrivacyConfig({ PRIVACY_RETENTION_CLOSED_CASE_DAYS: 'hai năm' })).toThrow(/PRIVACY_RETENTION_CLOSED_CASE_DAYS/);
    expect(() => loadPrivacyConfig({ PRIVACY_EXPORT_FILE_CHANNELS: 'webchat,fax' })).toThrow(/PRIVACY_EXPORT_FILE_CHANNELS/);
  });
});
