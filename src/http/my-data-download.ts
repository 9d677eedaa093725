import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createKeyring } from '../security/crypto.ts';
import { DOWNLOAD_PATH, tokenHash } from '../privacy/export.ts';
import type { HttpDeps } from './routes.ts';

const Params = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });

interface Claimed {
  body_enc: string;
  file_name: string;
  format: string;
  request_id: string;
}

/**
 * GET /my-data/download/:token — a worker's data export (flows/my-data). The token is 256 random
 * bits and only its hash is stored. The first request that presents it before it expires takes
 * the body and clears it in one statement (the row lock makes a second, concurrent request find
 * it used), so a link forwarded, logged or previewed later yields nothing. Every miss — unknown,
 * used, expired — is the same 404.
 */
export async function registerMyDataDownload(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  const keyring = deps.keyring ?? createKeyring(deps.config.appSecret);
  const clock = deps.clock ?? (() => new Date());

  app.get(`${DOWNLOAD_PATH}:token`, async (req, reply) => {
    void reply.header('Cache-Control', 'no-store').header('Referrer-Policy', 'no-referrer').header('X-Content-Type-Options', 'nosniff');
    const p = Params.safeParse(req.params);
    if (!p.success) return reply.code(404).send({ error: 'not_found', message: 'Link not found or expired' });
    const now = clock();
    const rows = await deps.db.sql.query<Claimed>(
      `WITH hit AS (
         SELECT id, body_enc, file_name, format, request_id FROM data_export_link
          WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 AND body_enc IS NOT NULL
          FOR UPDATE
       )
       UPDATE data_export_link d SET used_at = $2, body_enc = NULL
         FROM hit WHERE d.id = hit.id
       RETURNING hit.body_enc, hit.file_name, hit.format, hit.request_id::text AS request_id`,
      [tokenHash(p.data.token), now],
    );
    const hit = rows[0];
    if (!hit) return reply.code(404).send({ error: 'not_found', message: 'Link not found or expired' });
    await deps.db.sql.query(
      `INSERT INTO audit_log (at, actor_type, actor_id, action, entity, entity_id, details)
       VALUES ($1, 'subject', 'download', 'privacy.export_downloaded', 'data_subject_request', $2, '{}'::jsonb)`,
      [now, hit.request_id],
    );
    const type = hit.format === 'json' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8';
    const ascii = hit.file_name.replace(/[^A-Za-z0-9._-]/g, '_');
    return reply
      .header('Content-Type', type)
      .header('Content-Disposition', `attachment; filename="${ascii}"`)
      .send(keyring.open(hit.body_enc));
  });
}
