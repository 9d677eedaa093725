import type { FastifyInstance } from 'fastify';
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import type { OfficerRouteDeps } from './routes.ts';
import { subscribeOfficerEvents } from '../officers/events.ts';
import { requestAuth } from '../officers/guard.ts';
import { TOUCH_EVERY_MS, touchPresence } from '../officers/sessions.ts';

/** A comment line every so often keeps proxies and NATs from dropping an idle stream. */
const HEARTBEAT_MS = 20_000;
/**
 * Streams end after this long by default; EventSource reconnects by itself (after `retry`). A
 * recycled stream re-checks the session (an expired or revoked one gets 401 and the console shows
 * the login) and lets a load balancer spread officers over new API instances.
 */
const DEFAULT_MAX_SECONDS = 15 * 60;

const Query = z.object({ maxSeconds: z.coerce.number().int().min(0).max(3600).optional() });

/**
 * GET /api/officer/events: Server-Sent Events for the console. Every API instance subscribes to
 * the officer-events topic of the Notifier (Redis pub/sub when REDIS_URL is set), so whichever
 * instance holds the officer's stream hears what any worker or instance published. Only events
 * whose unit lies inside the officer's scope are forwarded; they carry ids, never personal data,
 * and the console re-reads through the scoped API.
 */
export async function registerOfficerEventRoutes(app: FastifyInstance, deps: OfficerRouteDeps): Promise<void> {
  const open = new Set<ServerResponse>();
  // fastify waits for open connections on close: end the streams so shutdown is not held up
  app.addHook('onClose', async () => {
    for (const res of open) res.end();
    open.clear();
  });

  app.get('/api/officer/events', async (req, reply) => {
    // the stream is the console's own doing, never the officer's: presence, not activity
    const ctx = await deps.guard(req, reply, { background: true });
    if (!ctx) return reply;
    const q = Query.safeParse(req.query);
    if (!q.success) return reply.code(400).send({ error: 'bad_request', message: 'maxSeconds must be 0..3600' });

    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store, no-transform',
      connection: 'keep-alive',
      // nginx and similar would otherwise buffer the stream
      'x-accel-buffering': 'no',
      'x-content-type-options': 'nosniff',
    });
    res.write(`retry: 3000\n: connected\n\n`);
    open.add(res);

    const off = subscribeOfficerEvents(deps.notifier, ctx.scopePath, (e) => {
      res.write(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(`: ping\n\n`), HEARTBEAT_MS);
    // An open stream is a console that is there: the officer stays "online" for automatic
    // assignment (on whichever API process holds the stream) without the idle clock being reset.
    const auth = requestAuth(req);
    const presence =
      auth?.via === 'cookie'
        ? setInterval(() => {
            touchPresence(deps.db.prisma, auth.sessionId, deps.clock()).catch((err: unknown) => deps.log.warn({ err }, 'officer presence not recorded'));
          }, TOUCH_EVERY_MS)
        : undefined;
    presence?.unref();
    const maxSeconds = q.data.maxSeconds ?? DEFAULT_MAX_SECONDS;
    const recycle = setTimeout(() => res.end(), maxSeconds * 1000);
    heartbeat.unref();
    recycle.unref();

    let closed = false;
    const cleanup = () => {
      if (closed) return;
      closed = true;
      off();
      clearInterval(heartbeat);
      clearInterval(presence);
      clearTimeout(recycle);
      open.delete(res);
    };
    res.on('close', cleanup);
    res.on('finish', cleanup);
    if (maxSeconds === 0) res.end();
  });
}
