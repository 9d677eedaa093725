/**
 * Admin routes of the console: units in scope (pickers), officers in scope (list, create, change) and
 * the audit log. Every query is filtered by the caller's scope in SQL; a unit, actor or target
 * outside it answers 404 and leaves an audit row, exactly like an unknown one.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { OfficerRouteDeps } from './routes.ts';
import { exportFormat, sendExport, type ExportColumn } from './export.ts';
import { asRole, createOfficer, hashPassword, OfficerAccountError, roleRank, viewOfficer } from '../officers/accounts.ts';
import { auditOfficer, refuseOutOfScope } from '../officers/audit.ts';
import { listAuditEntries, type AuditEntry } from '../officers/audit-log.ts';
import { OFFICER_ROLES, rolesFrom, type OfficerContext } from '../officers/context.ts';
import { listOfficers, searchUnits, type OfficerListItem } from '../officers/directory.ts';
import { isUuid, unitInScope } from '../officers/scope-sql.ts';
import { onlineOfficerIds, revokeOfficerSessions } from '../officers/sessions.ts';

const ADMINS = rolesFrom('unit_admin');
const MAX_EXPORT_ROWS = 10_000;

const limitOf = (max: number, dflt: number) => z.coerce.number().int().min(1).max(max).default(dflt);
const code = z.string().trim().min(1).max(40);

const UnitsQuery = z.object({
  q: z.string().trim().max(100).optional(),
  unit: code.optional(),
  kind: z.enum(['root', 'province', 'sector', 'local', 'grassroots']).optional(),
  limit: limitOf(200, 50),
});

const OfficersQuery = z.object({
  unit: code.optional(),
  role: z.enum(OFFICER_ROLES).optional(),
  q: z.string().trim().max(100).optional(),
  active: z.enum(['true', 'false']).optional(),
  limit: limitOf(200, 100),
  offset: z.coerce.number().int().min(0).default(0),
  format: z.string().optional(),
});

const NewOfficerBody = z.object({
  username: z.string().trim().min(3).max(40),
  name: z.string().trim().min(1).max(120),
  // length is what matters (NIST 800-63B); no composition rules
  password: z.string().min(10).max(256),
  role: z.enum(OFFICER_ROLES),
  unitCode: code,
  capacity: z.number().int().min(0).max(50).optional(),
});

const OfficerChange = z
  .object({
    name: z.string().trim().min(1).max(120),
    role: z.enum(OFFICER_ROLES),
    capacity: z.number().int().min(0).max(50),
    active: z.boolean(),
    /** an admin's reset: ends the officer's sessions and lifts a lockout */
    password: z.string().min(10).max(256),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');

const AuditQuery = z.object({
  actor: z.string().trim().max(100).optional(),
  action: z.string().trim().max(100).optional(),
  entity: z.string().trim().max(100).optional(),
  entityId: z.string().trim().max(100).optional(),
  before: z.string().regex(/^\d{1,19}$/).optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  limit: limitOf(200, 100),
  format: z.string().optional(),
});

const badQuery = (reply: FastifyReply, error: z.ZodError) =>
  reply.code(400).send({ error: 'bad_request', message: `Invalid ${error.issues.map((i) => i.path.join('.')).join(', ') || 'request'}` });

const today = (d: Date) => d.toISOString().slice(0, 10);

export async function registerOfficerAdminRoutes(app: FastifyInstance, deps: OfficerRouteDeps): Promise<void> {
  const prisma = deps.db.prisma;
  const now = deps.clock;

  /** Resolves ?unit= inside the scope; null after answering 404 (and auditing) itself. */
  const scopedUnit = async (reply: FastifyReply, ctx: OfficerContext, unitCode: string | undefined, entity: string) => {
    if (unitCode === undefined) return { path: undefined };
    const unit = await unitInScope(prisma, ctx.scopePath, unitCode);
    if (unit) return { path: unit.path };
    await refuseOutOfScope(prisma, reply, ctx, { entity: 'org_unit', entityId: unitCode, action: `${entity}.unit_denied`, message: 'No such unit' }, now());
    return null;
  };

  app.get('/api/officer/units', async (req, reply) => {
    const ctx = await deps.guard(req, reply);
    if (!ctx) return reply;
    const q = UnitsQuery.safeParse(req.query);
    if (!q.success) return badQuery(reply, q.error);
    const under = await scopedUnit(reply, ctx, q.data.unit, 'units');
    if (!under) return reply;
    return { units: await searchUnits(prisma, ctx.scopePath, { q: q.data.q, underPath: under.path, kind: q.data.kind, limit: q.data.limit }) };
  });

  const officerColumns: ExportColumn<OfficerListItem & { online: boolean }>[] = [
    { key: 'username', header: 'Tên đăng nhập / Username' },
    { key: 'name', header: 'Họ tên / Name', width: 30 },
    { key: 'role', header: 'Vai trò / Role' },
    { key: 'unitCode', header: 'Mã đơn vị / Unit code', value: (o) => o.unit.code },
    { key: 'unitName', header: 'Đơn vị / Unit', value: (o) => o.unit.name, width: 50 },
    { key: 'capacity', header: 'Số hội thoại đồng thời / Capacity' },
    { key: 'active', header: 'Đang hoạt động / Active', value: (o) => (o.active ? 'có / yes' : 'không / no') },
    { key: 'lastLoginAt', header: 'Đăng nhập gần nhất / Last login' },
  ];

  app.get('/api/officer/officers', async (req, reply) => {
    const ctx = await deps.guard(req, reply, { roles: ADMINS });
    if (!ctx) return reply;
    const q = OfficersQuery.safeParse(req.query);
    if (!q.success) return badQuery(reply, q.error);
    const format = exportFormat(req.query);
    if (format === 'invalid') return reply.code(400).send({ error: 'bad_request', message: 'format must be csv or xlsx' });
    const under = await scopedUnit(reply, ctx, q.data.unit, 'officers');
    if (!under) return reply;
    const officers = await listOfficers(prisma, ctx.scopePath, {
      unitPath: under.path,
      role: q.data.role,
      q: q.data.q,
      active: q.data.active === undefined ? undefined : q.data.active === 'true',
      limit: format ? MAX_EXPORT_ROWS : q.data.limit,
      offset: format ? 0 : q.data.offset,
    });
    const online = await onlineOfficerIds(prisma, officers.map((o) => o.id), now());
    const rows = officers.map((o) => ({ ...o, online: online.has(o.id) }));
    if (format) {
      // officers' names leave the system: who took them is on record
      await auditOfficer(prisma, ctx, { action: 'officers.exported', entity: 'officer', entityId: under.path ?? ctx.scopePath, details: { format, rows: rows.length } }, now());
      return sendExport(reply, format, `can-bo-${today(now())}`, officerColumns, rows);
    }
    return { officers: rows };
  });

  app.post('/api/officer/officers', async (req, reply) => {
    const ctx = await deps.guard(req, reply, { roles: ADMINS });
    if (!ctx) return reply;
    const body = NewOfficerBody.safeParse(req.body);
    if (!body.success) return badQuery(reply, body.error);
    const unit = await unitInScope(prisma, ctx.scopePath, body.data.unitCode);
    if (!unit) return refuseOutOfScope(prisma, reply, ctx, { entity: 'org_unit', entityId: body.data.unitCode, action: 'officer.create_denied', message: 'No such unit' }, now());
    if (roleRank(body.data.role) > roleRank(ctx.role ?? 'officer')) {
      await auditOfficer(prisma, ctx, { action: 'officer.create_denied', entity: 'officer', entityId: body.data.username.slice(0, 40), details: { role: body.data.role } }, now());
      return reply.code(403).send({ error: 'forbidden', message: 'You cannot grant a role above your own' });
    }
    try {
      const created = await createOfficer(prisma, { ...body.data, createdBy: ctx.officerId });
      await auditOfficer(prisma, ctx, { action: 'officer.created', entity: 'officer', entityId: created.id, details: { role: body.data.role, unitCode: unit.code } }, now());
      return reply.code(201).send({ officer: await viewOfficer(prisma, created.id) });
    } catch (err) {
      if (!(err instanceof OfficerAccountError)) throw err;
      return reply.code(err.code === 'username_taken' ? 409 : 400).send({ error: err.code, message: err.message });
    }
  });

  app.patch('/api/officer/officers/:id', async (req, reply) => {
    const ctx = await deps.guard(req, reply, { roles: ADMINS });
    if (!ctx) return reply;
    const id = (req.params as { id: string }).id;
    const body = OfficerChange.safeParse(req.body);
    if (!body.success) return badQuery(reply, body.error);
    const target = isUuid(id) ? await prisma.officer.findUnique({ where: { id }, select: { id: true, role: true, unitId: true } }) : null;
    const unit = target ? await prisma.orgUnit.findUnique({ where: { id: target.unitId }, select: { path: true } }) : null;
    if (!target || !unit?.path.startsWith(ctx.scopePath)) {
      return refuseOutOfScope(prisma, reply, ctx, { entity: 'officer', entityId: id, action: 'officer.update_denied', message: 'No such officer' }, now());
    }
    const own = roleRank(ctx.role ?? 'officer');
    // an admin manages accounts at or below their own role, and cannot raise anyone above it
    if (roleRank(asRole(target.role)) > own || (body.data.role && roleRank(body.data.role) > own)) {
      await auditOfficer(prisma, ctx, { action: 'officer.update_denied', entity: 'officer', entityId: id, details: { role: body.data.role ?? null } }, now());
      return reply.code(403).send({ error: 'forbidden', message: 'You cannot manage an account above your own role' });
    }
    if (target.id === ctx.officerId && (body.data.active === false || body.data.role !== undefined)) {
      return reply.code(409).send({ error: 'self', message: 'Ask another admin to change your own role or deactivate you' });
    }
    const { password, ...fields } = body.data;
    await prisma.officer.update({
      where: { id },
      data: { ...fields, ...(password ? { passwordHash: await hashPassword(password), failedLogins: 0, lockedUntil: null } : {}) },
    });
    const ended = password || fields.active === false || fields.role ? await revokeOfficerSessions(prisma, id, now()) : 0;
    await auditOfficer(prisma, ctx, { action: 'officer.updated', entity: 'officer', entityId: id, details: { fields: Object.keys(body.data), sessionsEnded: ended } }, now());
    return { officer: await viewOfficer(prisma, id) };
  });

  const auditColumns: ExportColumn<AuditEntry>[] = [
    { key: 'id', header: 'STT / Id' },
    { key: 'at', header: 'Thời điểm / At', width: 26 },
    { key: 'actorUsername', header: 'Tài khoản / Username' },
    { key: 'actorName', header: 'Cán bộ / Officer', width: 30 },
    { key: 'action', header: 'Hành động / Action', width: 28 },
    { key: 'entity', header: 'Đối tượng / Entity' },
    { key: 'entityId', header: 'Mã đối tượng / Entity id', width: 40 },
    { key: 'details', header: 'Chi tiết / Details', width: 60 },
  ];

  app.get('/api/officer/audit', async (req, reply) => {
    const ctx = await deps.guard(req, reply, { roles: ADMINS });
    if (!ctx) return reply;
    const q = AuditQuery.safeParse(req.query);
    if (!q.success) return badQuery(reply, q.error);
    const format = exportFormat(req.query);
    if (format === 'invalid') return reply.code(400).send({ error: 'bad_request', message: 'format must be csv or xlsx' });
    let actorId: string | undefined;
    if (q.data.actor) {
      // an officer id or a username, inside the scope
      const actor = await prisma.officer.findFirst({
        where: isUuid(q.data.actor) ? { id: q.data.actor } : { username: q.data.actor.toLowerCase() },
        select: { id: true, unitId: true },
      });
      const unit = actor ? await prisma.orgUnit.findUnique({ where: { id: actor.unitId }, select: { path: true } }) : null;
      if (!actor || !unit?.path.startsWith(ctx.scopePath)) {
        return refuseOutOfScope(prisma, reply, ctx, { entity: 'officer', entityId: q.data.actor, action: 'audit.actor_denied', message: 'No such officer' }, now());
      }
      actorId = actor.id;
    }
    const entries = await listAuditEntries(prisma, ctx.scopePath, {
      actorId,
      action: q.data.action,
      entity: q.data.entity,
      entityId: q.data.entityId,
      before: q.data.before === undefined ? undefined : BigInt(q.data.before),
      from: q.data.from ? new Date(q.data.from) : undefined,
      to: q.data.to ? new Date(q.data.to) : undefined,
      limit: format ? MAX_EXPORT_ROWS : q.data.limit,
    });
    if (format) {
      await auditOfficer(prisma, ctx, { action: 'audit.exported', entity: 'audit_log', entityId: ctx.scopePath, details: { format, rows: entries.length } }, now());
      return sendExport(reply, format, `nhat-ky-${today(now())}`, auditColumns, entries);
    }
    return { entries };
  });
}
