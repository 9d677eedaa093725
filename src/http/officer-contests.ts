import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { OfficerRouteDeps } from './routes.ts';

const ListQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

export interface ContestListItem {
  id: string;
  title: string;
  titleEn: string | null;
  organizer: { code: string; name: string };
  opensAt: Date;
  closesAt: Date;
}

/**
 * Contests an officer can address a broadcast to ("participants of contest X", issue 8): those
 * organized by a unit inside the officer's scope or above it (a provincial or national contest
 * has participants in a grassroots union too). Read-only; titles and dates only, no participant.
 * The broadcast's audience is still cut to the officer's scope when it is planned.
 */
export async function registerOfficerContestRoutes(app: FastifyInstance, deps: OfficerRouteDeps): Promise<void> {
  app.get('/api/officer/contests', async (req, reply) => {
    const ctx = await deps.guard(req, reply);
    if (!ctx) return reply;
    const q = ListQuery.safeParse(req.query);
    if (!q.success) return reply.code(400).send({ error: 'bad_request', message: 'limit must be 1-200' });
    const rows = await deps.db.sql.query<ContestListItem & { organizerCode: string; organizerName: string }>(
      `SELECT c.id, c.title, c.title_en AS "titleEn", c.opens_at AS "opensAt", c.closes_at AS "closesAt",
              u.code AS "organizerCode", u.name AS "organizerName"
         FROM contest c JOIN org_unit u ON u.code = c.organizer_code
        WHERE u.path LIKE $1 || '%' OR $1 LIKE u.path || '%'
        ORDER BY c.opens_at DESC LIMIT $2`,
      [ctx.scopePath, q.data.limit],
    );
    return {
      contests: rows.map(({ organizerCode, organizerName, ...c }) => ({ ...c, organizer: { code: organizerCode, name: organizerName } })),
    };
  });
}
