import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { OfficerRouteDeps } from './routes.ts';
import type { OfficerContext } from '../officers/context.ts';
import { auditOfficer, refuseOutOfScope } from '../officers/audit.ts';
import { broadcastDeps } from '../broadcasts/deps.ts';
import { CreateBroadcast } from '../broadcasts/schema.ts';
import { parseCustomList } from '../broadcasts/audience.ts';
import { createBroadcast, getBroadcast, listBroadcasts } from '../broadcasts/store.ts';
import { planBroadcast, PlanError } from '../broadcasts/plan.ts';
import { control, type ControlAction } from '../broadcasts/control.ts';
import { progress } from '../broadcasts/progress.ts';

/** Creating and sending reach thousands of people: unit admins and above only. */
const ADMINS = ['unit_admin', 'federation_admin'] as const;

const CreateBody = CreateBroadcast.extend({
  /** a custom list as uploaded: CSV of member numbers, phone numbers or keyed phone hashes */
  customList: z.string().max(50_000_000).optional(),
});
const CREATE_BODY_LIMIT = 8 * 1024 * 1024;
const ListQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0) });

/**
 * Broadcasts (issue 8): create, plan (who is reached now / later / never and why, duration,
 * quota), start, pause, resume, cancel, and progress per channel. Every read and write is
 * scoped: a broadcast belongs to its creator's unit and is visible to officers of that unit and
 * above; the audience never leaves the creator's scope. Sending itself is the worker's runner
 * (src/broadcasts/runner.ts) feeding the outbox; this file never sends.
 */
export async function registerOfficerBroadcastRoutes(app: FastifyInstance, deps: OfficerRouteDeps): Promise<void> {
  const bdeps = broadcastDeps({ sql: deps.db.sql, queue: deps.queue, keyring: deps.keyring, notifier: deps.notifier, adapters: deps.adapters, clock: deps.clock, log: deps.log, config: deps.config });
  const prisma = deps.db.prisma;
  const idOf = (req: { params: unknown }) => (req.params as { id: string }).id;
  const refuse = (reply: FastifyReply, ctx: OfficerContext, id: string, action: string) =>
    refuseOutOfScope(prisma, reply, ctx, { entity: 'broadcast', entityId: id, action: `broadcast.${action}.denied` }, deps.clock());

  app.get('/api/officer/broadcasts', async (req, reply) => {
    const ctx = await deps.guard(req, reply);
    if (!ctx) return reply;
    const q = ListQuery.safeParse(req.query);
    if (!q.success) return reply.code(400).send({ error: 'bad_request', message: 'limit must be 1-200, offset ≥ 0' });
    const rows = await listBroadcasts(deps.db.sql, ctx.scopePath, q.data.limit, q.data.offset);
    // the console's list shows each one's progress: one grouped read of the sender's counters for the page
    const counts = new Map(
      (
        await deps.db.sql.query<{ id: string; total: number; sent: number; failed: number; skipped: number }>(
          `SELECT broadcast_id::text AS id, sum(total)::int AS total, sum(sent)::int AS sent, sum(failed)::int AS failed, sum(skipped)::int AS skipped
             FROM broadcast_channel_stat WHERE broadcast_id = ANY($1::uuid[]) GROUP BY 1`,
          [rows.map((r) => r.id)],
        )
      ).map(({ id, ...c }) => [id, c]),
    );
    return { broadcasts: rows.map(({ plan, ...b }) => ({ ...b, reachableNow: plan?.reachableNow ?? null, total: plan?.total ?? null, counts: counts.get(b.id) ?? null })) };
  });

  // a custom list of ~600,000 phone numbers (the console's CSV upload) is more than the app's 256 KB
  // default; kept at 8 MB because the body is read before the guard runs
  app.post('/api/officer/broadcasts', { bodyLimit: CREATE_BODY_LIMIT }, async (req, reply) => {
    const ctx = await deps.guard(req, reply, { roles: ADMINS });
    if (!ctx) return reply;
    const body = CreateBody.safeParse(req.body);
    if (!body.success) return reply.code(400).send({ error: 'bad_request', message: `Invalid broadcast: ${body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` });
    const { customList, ...input } = body.data;
    if (customList) {
      const list = parseCustomList(deps.keyring, customList);
      input.audience = { ...input.audience, memberNos: [...(input.audience.memberNos ?? []), ...list.memberNos], phoneHashes: [...(input.audience.phoneHashes ?? []), ...list.phoneHashes] };
    }
    const b = await createBroadcast(deps.db.sql, input, { id: ctx.officerId, scopePath: ctx.scopePath });
    await auditOfficer(prisma, ctx, { action: 'broadcast.created', entity: 'broadcast', entityId: b.id }, deps.clock());
    return reply.code(201).send({ broadcast: b });
  });

  app.get('/api/officer/broadcasts/:id', async (req, reply) => {
    const ctx = await deps.guard(req, reply);
    if (!ctx) return reply;
    const b = await getBroadcast(deps.db.sql, idOf(req), ctx.scopePath);
    if (!b) return refuse(reply, ctx, idOf(req), 'read');
    return progress(deps.db.sql, b);
  });

  app.post('/api/officer/broadcasts/:id/plan', async (req, reply) => {
    const ctx = await deps.guard(req, reply, { roles: ADMINS });
    if (!ctx) return reply;
    try {
      const plan = await planBroadcast(bdeps, idOf(req), ctx.scopePath);
      await auditOfficer(prisma, ctx, { action: 'broadcast.planned', entity: 'broadcast', entityId: idOf(req), details: { total: plan.total } }, deps.clock());
      return { plan };
    } catch (err) {
      if (!(err instanceof PlanError)) throw err;
      if (err.code === 'not_found') return refuse(reply, ctx, idOf(req), 'plan');
      return reply.code(err.code === 'wrong_status' ? 409 : 400).send({ error: err.code, message: err.message });
    }
  });

  for (const action of ['start', 'pause', 'resume', 'cancel'] as const satisfies readonly ControlAction[]) {
    app.post(`/api/officer/broadcasts/:id/${action}`, async (req, reply) => {
      const ctx = await deps.guard(req, reply, { roles: ADMINS });
      if (!ctx) return reply;
      const r = await control(bdeps, idOf(req), action, ctx.scopePath);
      if (!r.ok && r.error === 'not_found') return refuse(reply, ctx, idOf(req), action);
      if (!r.ok) return reply.code(409).send({ error: r.error, message: r.message });
      await auditOfficer(prisma, ctx, { action: `broadcast.${action}`, entity: 'broadcast', entityId: r.broadcast.id }, deps.clock());
      return { broadcast: r.broadcast };
    });
  }
}
