import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AppConfig } from '../config.ts';
import type { Database } from '../db/client.ts';
import type { JobQueue } from '../queue/types.ts';
import { createKeyring, type Keyring } from '../security/crypto.ts';
import { changeStatus, getCase, listCases, requestInformation, validateFilters, type ChangeResult } from '../cases/officer.ts';
import { createOfficerGuard, type OfficerGuard } from '../officers/guard.ts';
import { CASE_STATUSES } from '../cases/types.ts';
import { attachmentDisposition, readEvidence } from '../cases/evidence-read.ts';
import { unitFilterPath } from '../cases/scope.ts';
import { noticeView, sendNotice } from '../broadcasts/notify.ts';
import { broadcastDeps } from '../broadcasts/deps.ts';
import type { ChannelAdapter } from '../channels/types.ts';
import type { Notifier } from '../queue/notifier.ts';
import type { Logger } from '../logger.ts';

export interface OfficerCaseDeps {
  config: Pick<AppConfig, 'appSecret'> & Partial<Pick<AppConfig, 'ZALO_PROACTIVE_PER_MONTH'>>;
  db: Pick<Database, 'prisma' | 'sql'>;
  queue: Pick<JobQueue, 'enqueue'>;
  /** defaults to the keyring of config.appSecret (the one the pipeline uses) */
  keyring?: Keyring;
  clock?: () => Date;
  /** who is asking; defaults to bearer tokens signed by the keyring */
  guard?: OfficerGuard;
  /** for the notice sent after a change: declared rates (defaults: published rates) and progress events */
  adapters?: Map<string, ChannelAdapter>;
  notifier?: Pick<Notifier, 'publish'>;
  log?: Logger;
}

const StatusBody = z.object({
  status: z.enum(CASE_STATUSES),
  /** internal, kept sealed in the case history */
  note: z.string().trim().max(2000).optional(),
  /** what the worker reads in their chat */
  message: z.string().trim().min(1).max(1000).optional(),
});
const RequestInfoBody = z.object({ question: z.string().trim().min(3).max(1000) });

/**
 * The officer API for grievance cases, until the console exists: list in scope with filters, one
 * case (audited), change of status, request for information. A case outside the officer's scope
 * and an unknown one both answer 404 (and leave an audit row), so the scope cannot be probed.
 */
export async function registerOfficerCaseRoutes(app: FastifyInstance, deps: OfficerCaseDeps): Promise<void> {
  const keyring = deps.keyring ?? createKeyring(deps.config.appSecret);
  const now = deps.clock ?? (() => new Date());
  const prisma = deps.db.prisma;

  const officer = deps.guard ?? createOfficerGuard({ keyring, clock: now });
  const bdeps = broadcastDeps({ sql: deps.db.sql, queue: deps.queue, keyring, notifier: deps.notifier, adapters: deps.adapters, clock: now, log: deps.log, config: deps.config });

  const notFound = (reply: FastifyReply) => reply.code(404).send({ error: 'not_found', message: 'No such case' });

  const answer = async (reply: FastifyReply, r: ChangeResult) => {
    if (r.kind === 'not_found') return notFound(reply);
    if (r.kind === 'bad_transition') return reply.code(409).send({ error: 'bad_transition', message: `Cannot change a case from ${r.from}` });
    // after commit: the notice committed with the change; this feeds it to the outbox now (at
    // 08:00 in quiet hours, or after a crash here: the worker's broadcast runner)
    await sendNotice(bdeps, r.notice);
    return { status: r.status, notified: r.notice.status === 'pending', notice: noticeView(r.notice) };
  };

  app.get('/api/officer/cases', async (req, reply) => {
    const ctx = await officer(req, reply);
    if (!ctx) return reply;
    const filters = validateFilters(req.query as Record<string, unknown>);
    if ('error' in filters) return reply.code(400).send({ error: 'bad_request', message: `Invalid filter: ${filters.error}` });
    if (filters.unit && !(await unitFilterPath(prisma, ctx, filters.unit, 'grievance_case', now()))) {
      return reply.code(404).send({ error: 'not_found', message: 'No such unit' });
    }
    return { cases: await listCases(prisma, ctx, filters) };
  });

  app.get('/api/officer/cases/:id', async (req, reply) => {
    const ctx = await officer(req, reply);
    if (!ctx) return reply;
    const found = await getCase(prisma, keyring, ctx, (req.params as { id: string }).id, now());
    return found ?? notFound(reply);
  });

  // evidence bytes, as a download: never rendered inline by the browser (a worker's upload is untrusted)
  app.get('/api/officer/cases/:id/attachments/:attachmentId', async (req, reply) => {
    const ctx = await officer(req, reply);
    if (!ctx) return reply;
    const p = req.params as { id: string; attachmentId: string };
    const file = await readEvidence(deps.db, keyring, ctx, p.id, p.attachmentId, now());
    if (!file) return reply.code(404).send({ error: 'not_found', message: 'No such file' });
    return reply
      .header('content-type', file.mime)
      .header('content-disposition', attachmentDisposition(file.name))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('etag', `"${file.sha256}"`)
      .send(file.bytes);
  });

  app.post('/api/officer/cases/:id/status', async (req, reply) => {
    const ctx = await officer(req, reply);
    if (!ctx) return reply;
    const body = StatusBody.safeParse(req.body);
    if (!body.success) return reply.code(400).send({ error: 'bad_request', message: 'Expected {status, note?, message?}' });
    const id = (req.params as { id: string }).id;
    const r = await prisma.$transaction((tx) => changeStatus(tx, keyring, ctx, id, body.data, now()));
    return answer(reply, r);
  });

  app.post('/api/officer/cases/:id/request-info', async (req, reply) => {
    const ctx = await officer(req, reply);
    if (!ctx) return reply;
    const body = RequestInfoBody.safeParse(req.body);
    if (!body.success) return reply.code(400).send({ error: 'bad_request', message: 'Expected {question}' });
    const id = (req.params as { id: string }).id;
    const r = await prisma.$transaction((tx) => requestInformation(tx, keyring, ctx, id, body.data.question, now()));
    return answer(reply, r);
  });
}
