import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { OfficerRouteDeps } from './routes.ts';
import { exportFormat, sendExport } from './export.ts';
import { txSql } from '../cases/tx-sql.ts';
import { auditOfficer, auditReadOnce, refuseOutOfScope } from '../officers/audit.ts';
import type { OfficerContext } from '../officers/context.ts';
import { ONLINE_WITHIN_MS } from '../officers/sessions.ts';
import { handoffConfig } from '../handoff/config.ts';
import { Effects } from '../handoff/effects.ts';
import { addNote, close, reply as replyTo, take, transfer, type ActionDeps, type ActionResult } from '../handoff/actions.ts';
import { conversationItem, history, listConversations, memberPanel, queueStats, VIEWS } from '../handoff/inbox.ts';

/**
 * The officer inbox (console-api.md "Inbox & handoff"): views of the handoff queue, one
 * conversation with its whole history, and what an officer does with it. Scope is in every
 * query; an id outside the scope answers 404 exactly like an unknown one, with an audit row.
 * Every change publishes officer events after commit so consoles update live.
 */
const ListQuery = z.object({
  view: z.enum(VIEWS).default('waiting'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  format: z.string().optional(),
});
const TextBody = z.object({ text: z.string().trim().min(1).max(4000) });
const TransferBody = z.union([
  z.object({ officerId: z.string().min(1).max(64) }).strict(),
  z.object({ unitCode: z.string().min(1).max(40) }).strict(),
]);

const bad = (reply: FastifyReply, message: string) => reply.code(400).send({ error: 'bad_request', message });

export async function registerOfficerInboxRoutes(app: FastifyInstance, deps: OfficerRouteDeps): Promise<void> {
  const cfg = handoffConfig(deps.config.env);
  const prisma = deps.db.prisma;
  const sql = deps.db.sql;
  const idOf = (req: { params: unknown }) => (req.params as { id: string }).id;

  const refuse = (reply: FastifyReply, ctx: OfficerContext, id: string, action: string) =>
    refuseOutOfScope(prisma, reply, ctx, { entity: 'conversation', entityId: id, action: `conversation.${action}_denied`, message: 'No such conversation' }, deps.clock());

  /** Runs an officer action in one transaction, announces it after commit, maps refusals to HTTP. */
  async function act<T extends object>(
    reply: FastifyReply,
    ctx: OfficerContext,
    id: string,
    name: string,
    fn: (d: ActionDeps) => Promise<ActionResult<T>>,
  ): Promise<(T & { ok: true }) | null> {
    const fx = new Effects();
    const now = deps.clock();
    const r = await prisma.$transaction((tx) => fn({ sql: txSql(tx), keyring: deps.keyring, cfg, fx, now }), { timeout: 20_000, maxWait: 20_000 });
    if (!r.ok) {
      if (r.status === 404) await refuse(reply, ctx, id, name);
      else void reply.code(r.status).send({ error: r.error, message: r.message });
      return null;
    }
    await fx.flush({ notifier: deps.notifier, queue: deps.queue });
    return r;
  }

  app.get('/api/officer/conversations', async (req, reply) => {
    const ctx = await deps.guard(req, reply);
    if (!ctx) return reply;
    const q = ListQuery.safeParse(req.query ?? {});
    if (!q.success) return bad(reply, 'Expected ?view=waiting|mine|unit|closed&limit=1..200&offset');
    const format = exportFormat(req.query);
    if (format === 'invalid') return bad(reply, 'format must be csv or xlsx');
    const items = await listConversations(sql, cfg, ctx, q.data.view, deps.clock(), { limit: q.data.limit, offset: q.data.offset });
    if (format) {
      return sendExport(reply, format, `hoi-thoai-${q.data.view}`, [
        { key: 'id', header: 'Mã hội thoại / Conversation' },
        { key: 'channel', header: 'Kênh / Channel' },
        { key: 'handoffStatus', header: 'Trạng thái / Status' },
        { key: 'urgent', header: 'Khẩn / Urgent' },
        { key: 'reason', header: 'Lý do / Reason' },
        { key: 'waitingSince', header: 'Chờ từ / Waiting since' },
        { key: 'queuePosition', header: 'Vị trí / Position' },
        { key: 'unit', header: 'Đơn vị / Unit', value: (r) => r.unit.name },
        { key: 'assignedTo', header: 'Cán bộ / Officer', value: (r) => r.assignedTo?.name ?? '' },
        { key: 'firstResponseAt', header: 'Phản hồi đầu / First response' },
        { key: 'closedAt', header: 'Kết thúc / Closed' },
        { key: 'csat', header: 'Hài lòng / CSAT' },
      ], items);
    }
    return { conversations: items };
  });

  app.get('/api/officer/queue', async (req, reply) => {
    const ctx = await deps.guard(req, reply);
    if (!ctx) return reply;
    return queueStats(sql, ctx, deps.clock(), ONLINE_WITHIN_MS);
  });

  app.get('/api/officer/conversations/:id', async (req, reply) => {
    const ctx = await deps.guard(req, reply);
    if (!ctx) return reply;
    const id = idOf(req);
    const now = deps.clock();
    const conversation = await conversationItem(sql, cfg, ctx, id, now);
    if (!conversation) return refuse(reply, ctx, id, 'read');
    const h = await history(sql, deps.keyring, id);
    const panel = await memberPanel(sql, deps.keyring, ctx, h.memberId, h.identityIds);
    // messages and the profile are personal data: the read is on record, once per officer and
    // conversation per 10 minutes (live refreshes re-read it; see auditReadOnce)
    const audited = await auditReadOnce(prisma, ctx, { action: 'conversation.read', entity: 'conversation', entityId: id, details: { memberId: h.memberId } }, now);
    if (audited && panel.member) await auditOfficer(prisma, ctx, { action: 'member.profile_read', entity: 'member', entityId: panel.member.id, details: { conversationId: id } }, now);
    return { conversation, messages: h.messages, member: panel.member, openCases: panel.openCases };
  });

  app.post('/api/officer/conversations/:id/take', async (req, reply) => {
    const ctx = await deps.guard(req, reply);
    if (!ctx) return reply;
    const id = idOf(req);
    const r = await act(reply, ctx, id, 'take', (d) => take(d, ctx, id));
    if (!r) return reply;
    return { conversation: await conversationItem(sql, cfg, ctx, id, deps.clock()) };
  });

  app.post('/api/officer/conversations/:id/reply', async (req, reply) => {
    const ctx = await deps.guard(req, reply);
    if (!ctx) return reply;
    const body = TextBody.safeParse(req.body);
    if (!body.success) return bad(reply, 'Expected {text} (1..4000 characters)');
    const id = idOf(req);
    const r = await act(reply, ctx, id, 'reply', (d) => replyTo(d, ctx, id, body.data.text));
    if (!r) return reply;
    return { outboxId: r.outboxId, replyWindow: r.replyWindow };
  });

  app.post('/api/officer/conversations/:id/notes', async (req, reply) => {
    const ctx = await deps.guard(req, reply);
    if (!ctx) return reply;
    const body = TextBody.safeParse(req.body);
    if (!body.success) return bad(reply, 'Expected {text} (1..4000 characters)');
    const id = idOf(req);
    const r = await act(reply, ctx, id, 'note', (d) => addNote(d, ctx, id, body.data.text));
    if (!r) return reply;
    return reply.code(201).send({ note: r.note });
  });

  app.post('/api/officer/conversations/:id/transfer', async (req, reply) => {
    const ctx = await deps.guard(req, reply);
    if (!ctx) return reply;
    const body = TransferBody.safeParse(req.body);
    if (!body.success) return bad(reply, 'Expected {officerId} or {unitCode}');
    const id = idOf(req);
    const r = await act(reply, ctx, id, 'transfer', (d) => transfer(d, ctx, id, body.data));
    if (!r) return reply;
    return { conversation: await conversationItem(sql, cfg, ctx, id, deps.clock()) };
  });

  app.post('/api/officer/conversations/:id/close', async (req, reply) => {
    const ctx = await deps.guard(req, reply);
    if (!ctx) return reply;
    const id = idOf(req);
    const r = await act(reply, ctx, id, 'close', (d) => close(d, ctx, id));
    if (!r) return reply;
    return { conversation: await conversationItem(sql, cfg, ctx, id, deps.clock()) };
  });
}
