import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../config.ts';
import type { Database } from '../db/client.ts';
import type { ChannelAdapter } from '../channels/types.ts';
import type { JobQueue } from '../queue/types.ts';
import type { Logger } from '../logger.ts';
import type { Notifier } from '../queue/notifier.ts';
import { registerNluRoutes } from './nlu.ts';
import { registerKbRoutes } from './kb.ts';
import { registerMyDataDownload } from './my-data-download.ts';
import { registerOfficerCaseRoutes } from './officer-cases.ts';
import { registerOfficerBenefitRoutes } from './officer-benefits.ts';
import { registerConsole } from './console.ts';
import { registerOfficerEventRoutes } from './officer-events.ts';
import { registerOfficerCannedRoutes } from './officer-canned.ts';
import { registerMembershipRoutes } from './officer-registrations.ts';
import { registerOfficerAuthRoutes } from './officer-auth.ts';
import { registerOfficerAdminRoutes } from './officer-admin.ts';
import { registerOfficerInboxRoutes } from './officer-inbox.ts';
import { registerOfficerDashboardRoutes } from './officer-dashboard.ts';
import { registerOfficerBroadcastRoutes } from './officer-broadcasts.ts';
import { registerOfficerContestRoutes } from './officer-contests.ts';
import { registry } from '../metrics.ts';
import { createOfficerGuard, type OfficerGuard } from '../officers/guard.ts';
import { createKeyring, type Keyring } from '../security/crypto.ts';

export interface HttpDeps {
  config: AppConfig;
  db: Database;
  adapters: Map<string, ChannelAdapter>;
  queue: JobQueue;
  log: Logger;
  /** live fan-out (officer console events, web chat streams) */
  notifier: Notifier;
  /** the pipeline's keyring (defaults to one made from config.appSecret) */
  keyring?: Keyring;
  clock?: () => Date;
}

/** What every officer route registration receives: the shared deps plus the one guard. */
export interface OfficerRouteDeps extends HttpDeps {
  keyring: Keyring;
  clock: () => Date;
  guard: OfficerGuard;
}

/**
 * The HTTP surface: health, then each adapter's own routes. Errors become short JSON bodies with
 * a status code; a stack trace never reaches a client, and a client's bad input is a 4xx.
 */
export async function registerHttp(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  app.setErrorHandler((err: Error & { statusCode?: number; validation?: unknown; code?: string }, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    if (status >= 500) deps.log.error({ err, url: req.url, method: req.method }, 'request failed');
    void reply.code(status).send({
      error: status >= 500 ? 'internal_error' : (err.code ?? 'bad_request'),
      message: status >= 500 ? 'Internal error' : err.message,
    });
  });
  app.setNotFoundHandler((req, reply) => {
    void reply.code(404).send({ error: 'not_found', message: `No route ${req.method} ${req.url.split('?')[0]}` });
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    try {
      await deps.db.prisma.$queryRaw`SELECT 1`;
      return { status: 'ready', database: deps.db.kind, queue: deps.queue.kind };
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: deps.db.kind });
    }
  });

  app.get('/metrics', async (_req, reply) => reply.type(registry.contentType).send(await registry.metrics()));
  await registerNluRoutes(app, {});
  await registerKbRoutes(app, {});
  await registerMyDataDownload(app, deps);
  for (const adapter of deps.adapters.values()) await adapter.routes?.(app);
  const keyring = deps.keyring ?? createKeyring(deps.config.appSecret);
  const clock = deps.clock ?? (() => new Date());
  const officer: OfficerRouteDeps = { ...deps, keyring, clock, guard: createOfficerGuard({ keyring, clock }) };
  // officer routes: one line each (issue 4: cases; issue 7: console; issue 8: broadcasts)
  await registerOfficerAuthRoutes(app, officer);
  await registerOfficerAdminRoutes(app, officer);
  await registerOfficerCaseRoutes(app, officer);
  await registerOfficerBenefitRoutes(app, officer);
  await registerConsole(app);
  await registerOfficerEventRoutes(app, officer);
  await registerOfficerCannedRoutes(app, officer);
  await registerMembershipRoutes(app, officer);
  await registerOfficerInboxRoutes(app, officer);
  await registerOfficerDashboardRoutes(app, officer);
  await registerOfficerBroadcastRoutes(app, officer);
  await registerOfficerContestRoutes(app, officer);
}
