import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { changeRequestStatus, getRequest, listRequests, validateRequestFilters } from '../benefits/officer.ts';
import { REQUEST_STATUSES } from '../benefits/request-status.ts';
import { unitFilterPath } from '../cases/scope.ts';
import { exportFormat, sendExport } from './export.ts';
import type { OfficerRouteDeps } from './routes.ts';
import { noticeView, sendNotice } from '../broadcasts/notify.ts';
import { broadcastDeps } from '../broadcasts/deps.ts';

const StatusBody = z.object({
  status: z.enum(REQUEST_STATUSES),
  /** internal, sealed in the history */
  note: z.string().trim().max(2000).optional(),
  /** what the worker reads in their chat */
  message: z.string().trim().min(1).max(1000).optional(),
});

/**
 * Officer API for "Đăng ký nhận hỗ trợ" requests: list in scope [export], one request (name and
 * phone opened, audited), change of status with a notice to the worker. Outside scope and
 * unknown are the same 404, audited.
 */
export async function registerOfficerBenefitRoutes(app: FastifyInstance, deps: OfficerRouteDeps): Promise<void> {
  const prisma = deps.db.prisma;
  const bdeps = broadcastDeps({ sql: deps.db.sql, queue: deps.queue, keyring: deps.keyring, notifier: deps.notifier, adapters: deps.adapters, clock: deps.clock, log: deps.log, config: deps.config });
  const notFound = (reply: FastifyReply) => reply.code(404).send({ error: 'not_found', message: 'No such benefit request' });

  app.get('/api/officer/benefit-requests', async (req, reply) => {
    const ctx = await deps.guard(req, reply);
    if (!ctx) return reply;
    const format = exportFormat(req.query);
    if (format === 'invalid') return reply.code(400).send({ error: 'bad_request', message: 'format must be csv or xlsx' });
    const filters = validateRequestFilters(req.query as Record<string, unknown>);
    if ('error' in filters) return reply.code(400).send({ error: 'bad_request', message: `Invalid filter: ${filters.error}` });
    if (filters.unit && !(await unitFilterPath(prisma, ctx, filters.unit, 'benefit_request', deps.clock()))) {
      return reply.code(404).send({ error: 'not_found', message: 'No such unit' });
    }
    const rows = await listRequests(prisma, ctx, filters);
    if (format) {
      return sendExport(reply, format, 'yeu-cau-ho-tro', [
        { key: 'code', header: 'Mã yêu cầu / Code' },
        { key: 'programmeId', header: 'Chương trình / Programme' },
        { key: 'status', header: 'Trạng thái / Status' },
        { key: 'unit', header: 'Đơn vị / Unit', value: (r) => r.unit.name },
        { key: 'isMember', header: 'Đoàn viên / Member' },
        { key: 'provinceCode', header: 'Tỉnh / Province' },
        { key: 'channel', header: 'Kênh / Channel' },
        { key: 'createdAt', header: 'Ngày gửi / Filed' },
      ], rows);
    }
    return { requests: rows };
  });

  app.get('/api/officer/benefit-requests/:id', async (req, reply) => {
    const ctx = await deps.guard(req, reply);
    if (!ctx) return reply;
    const found = await getRequest(prisma, deps.keyring, ctx, (req.params as { id: string }).id, deps.clock());
    return found ? { request: found } : notFound(reply);
  });

  app.post('/api/officer/benefit-requests/:id/status', async (req, reply) => {
    const ctx = await deps.guard(req, reply);
    if (!ctx) return reply;
    const body = StatusBody.safeParse(req.body);
    if (!body.success) return reply.code(400).send({ error: 'bad_request', message: 'Expected {status, note?, message?}' });
    const id = (req.params as { id: string }).id;
    const r = await prisma.$transaction((tx) => changeRequestStatus(tx, deps.keyring, ctx, id, body.data, deps.clock()));
    if (r.kind === 'not_found') return notFound(reply);
    if (r.kind === 'bad_transition') return reply.code(409).send({ error: 'bad_transition', message: `Cannot change a request from ${r.from}` });
    // after commit: the notice committed with the change; this feeds it to the outbox now (at
    // 08:00 in quiet hours, or after a crash here: the worker's broadcast runner)
    await sendNotice(bdeps, r.notice);
    return { status: r.status, notified: r.notice.status === 'pending', notice: noticeView(r.notice) };
  });
}
