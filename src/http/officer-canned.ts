import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { OfficerRouteDeps } from './routes.ts';
import { CANNED_LOCALES, createCanned, deleteCanned, listCanned, normalizeShortcut } from '../canned/service.ts';
import { ensureDemoCanned } from '../canned/demo.ts';

const CreateBody = z.object({
  shortcut: z.string().trim().min(2).max(40),
  locale: z.enum(CANNED_LOCALES),
  text: z.string().trim().min(1).max(2000),
});
const ListQuery = z.object({ locale: z.enum(CANNED_LOCALES).optional() });

/**
 * Canned responses for the console's reply box (`/luong` + Tab). Reading is for every officer;
 * adding and deleting is for unit admins and above, in their own unit (see src/canned/service.ts).
 */
export async function registerOfficerCannedRoutes(app: FastifyInstance, deps: OfficerRouteDeps): Promise<void> {
  const prisma = deps.db.prisma;
  // The demo set rides on the demo org tree (already loaded by createApp before HTTP is registered).
  if (deps.config.SEED_DEMO) await ensureDemoCanned(prisma);

  app.get('/api/officer/canned', async (req, reply) => {
    const ctx = await deps.guard(req, reply);
    if (!ctx) return reply;
    const q = ListQuery.safeParse(req.query);
    if (!q.success) return reply.code(400).send({ error: 'bad_request', message: 'locale must be vi or en' });
    return { canned: await listCanned(prisma, ctx, q.data.locale) };
  });

  app.post('/api/officer/canned', async (req, reply) => {
    const ctx = await deps.guard(req, reply, { roles: ['unit_admin', 'federation_admin'] });
    if (!ctx) return reply;
    const body = CreateBody.safeParse(req.body);
    const shortcut = body.success ? normalizeShortcut(body.data.shortcut) : null;
    if (!body.success || !shortcut) return reply.code(400).send({ error: 'bad_request', message: 'Expected {shortcut:"/word", locale:"vi"|"en", text}' });
    const r = await createCanned(prisma, ctx, { ...body.data, shortcut }, deps.clock());
    if (r.kind === 'duplicate') return reply.code(409).send({ error: 'duplicate', message: `Your unit already has ${shortcut} in ${body.data.locale}` });
    return reply.code(201).send({ canned: r.row });
  });

  app.delete('/api/officer/canned/:id', async (req, reply) => {
    const ctx = await deps.guard(req, reply, { roles: ['unit_admin', 'federation_admin'] });
    if (!ctx) return reply;
    const ok = await deleteCanned(prisma, ctx, (req.params as { id: string }).id, deps.clock());
    return ok ? reply.code(204).send() : reply.code(404).send({ error: 'not_found', message: 'No such canned response' });
  });
}
