import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { approveRegistration, rejectRegistration, type DecisionResult } from '../membership/decide.ts';
import { publicBase } from '../membership/links.ts';
import { revokeMemberCard } from '../membership/members.ts';
import { EXPORT_COLUMNS, getRegistration, listRegistrations, ListQuery } from '../membership/officer-read.ts';
import { publishOfficerEvent } from '../officers/events.ts';
import { noticeView, sendNotice } from '../broadcasts/notify.ts';
import { broadcastDeps } from '../broadcasts/deps.ts';
import { registerCardPublicRoutes } from './card-public.ts';
import { sendExport } from './export.ts';
import type { OfficerRouteDeps } from './routes.ts';

const RejectBody = z.object({ reason: z.string().trim().min(3).max(1000) });
const RevokeBody = z.object({ reason: z.string().trim().min(3).max(500) });

const notFound = (reply: FastifyReply, what = 'registration') => reply.code(404).send({ error: 'not_found', message: `No such ${what}` });

/**
 * Membership for officers (issue 7, "Registrations"): the applications routed to units in their
 * scope, one application with its personal data (audited), approve (member number + digital
 * card, sent to the worker's chat) and reject with a reason; revoking a member's card. Also
 * registers the card's public routes (image and verification page), which belong with it.
 */
export async function registerMembershipRoutes(app: FastifyInstance, deps: OfficerRouteDeps): Promise<void> {
  const prisma = deps.db.prisma;
  const base = publicBase(deps.config);

  const bdeps = broadcastDeps({ sql: deps.db.sql, queue: deps.queue, keyring: deps.keyring, notifier: deps.notifier, adapters: deps.adapters, clock: deps.clock, log: deps.log, config: deps.config });

  /** After commit: send the notice written with the decision (or leave it to the runner: quiet hours), and tell the consoles. */
  const afterDecision = async (r: Extract<DecisionResult, { kind: 'approved' | 'rejected' }>) => {
    await sendNotice(bdeps, r.notice);
    if (!r.already) publishOfficerEvent(deps.notifier, { type: 'registration.updated', unitPath: r.unitPath, registrationId: r.registrationId });
  };

  const decided = (reply: FastifyReply, r: DecisionResult) => {
    if (r.kind === 'not_found') return notFound(reply);
    if (r.kind === 'already_decided') {
      return reply.code(409).send({ error: 'already_decided', status: r.status, message: `The application was already decided (${r.status})` });
    }
    return null;
  };

  app.get('/api/officer/registrations', async (req, reply) => {
    const ctx = await deps.guard(req, reply);
    if (!ctx) return reply;
    const q = ListQuery.safeParse(req.query);
    if (!q.success) return reply.code(400).send({ error: 'bad_request', message: `Invalid filter: ${q.error.issues.map((i) => i.path.join('.')).join(', ')}` });
    const rows = await listRegistrations(prisma, ctx, q.data, deps.clock());
    if (!rows) return reply.code(404).send({ error: 'not_found', message: 'No such unit' });
    if (q.data.format) return sendExport(reply, q.data.format, `ho-so-dang-ky-${deps.clock().toISOString().slice(0, 10)}`, EXPORT_COLUMNS, rows);
    return { registrations: rows };
  });

  app.get('/api/officer/registrations/:id', async (req, reply) => {
    const ctx = await deps.guard(req, reply);
    if (!ctx) return reply;
    const found = await getRegistration(prisma, deps.keyring, ctx, (req.params as { id: string }).id, deps.clock());
    return found ?? notFound(reply);
  });

  app.post('/api/officer/registrations/:id/approve', async (req, reply) => {
    const ctx = await deps.guard(req, reply);
    if (!ctx) return reply;
    const id = (req.params as { id: string }).id;
    const r = await prisma.$transaction((tx) => approveRegistration(tx, deps.keyring, ctx, id, { now: deps.clock(), verifyBase: base }));
    const refused = decided(reply, r);
    if (refused) return refused;
    if (r.kind !== 'approved') return notFound(reply);
    await afterDecision(r);
    return { status: 'da_duyet', memberId: r.memberId, memberNo: r.memberNo, cardUrl: r.cardUrl, already: r.already, notice: noticeView(r.notice) };
  });

  app.post('/api/officer/registrations/:id/reject', async (req, reply) => {
    const ctx = await deps.guard(req, reply);
    if (!ctx) return reply;
    const body = RejectBody.safeParse(req.body);
    if (!body.success) return reply.code(400).send({ error: 'bad_request', message: 'Expected {reason} (3 to 1000 characters)' });
    const id = (req.params as { id: string }).id;
    const r = await prisma.$transaction((tx) => rejectRegistration(tx, deps.keyring, ctx, id, body.data.reason, deps.clock()));
    const refused = decided(reply, r);
    if (refused) return refused;
    if (r.kind !== 'rejected') return notFound(reply);
    await afterDecision(r);
    return { status: 'tu_choi', already: r.already, notice: noticeView(r.notice) };
  });

  app.post('/api/officer/members/:id/revoke-card', async (req, reply) => {
    const ctx = await deps.guard(req, reply);
    if (!ctx) return reply;
    const body = RevokeBody.safeParse(req.body);
    if (!body.success) return reply.code(400).send({ error: 'bad_request', message: 'Expected {reason} (3 to 500 characters)' });
    const id = (req.params as { id: string }).id;
    const r = await prisma.$transaction((tx) => revokeMemberCard(tx, ctx, id, body.data.reason, deps.clock()));
    if (r.kind === 'not_found') return notFound(reply, 'member');
    return { revoked: r.revoked };
  });

  await registerCardPublicRoutes(app, deps);
}
