import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { ChannelAdapter, InboundSink } from '../../src/channels/types.ts';
import type { Sql } from '../../src/db/client.ts';
import type { Logger } from '../../src/logger.ts';
import type { Notifier } from '../../src/queue/notifier.ts';
import type { Keyring } from '../../src/security/crypto.ts';
import { webchatCapabilities } from './capabilities.ts';
import type { WebchatContext } from './context.ts';
import { registerPage } from './page.ts';
import { registerRestRoutes } from './routes.ts';
import { ResumeKeys } from './resume-keys.ts';
import { registerResumeRoutes } from './resume.ts';
import { createSender } from './send.ts';
import { ActivityStore } from './store.ts';
import { registerStreamRoute } from './stream.ts';
import { registerUploadRoute } from './upload.ts';
import { TokenService } from './token.ts';

export interface WebchatDeps {
  sql: Sql;
  notifier: Notifier;
  sink: InboundSink;
  keyring: Keyring;
  log: Logger;
  /** WEBCHAT_SITE_ID: the accountId of every web chat conversation */
  siteId: string;
  tokenTtlSeconds: number;
  /** PUBLIC_URL, when a proxy hides the public host from the request */
  publicUrl?: string;
  /** token clock, pinned in tests */
  now?: () => number;
  /**
   * how often an open stream re-reads the table in case a notification was lost (default 15 s).
   * Only a safety net: each stream is woken at once by its conversation's notifier topic. At
   * national scale it is the cost of every open socket (10,000 open chats: ~670 reads/s at 15 s,
   * 5,000/s at 2 s), so it is kept long.
   */
  streamPollMs?: number;
  /** seal webchat_activity bodies at rest like inbox/outbox bodies (readers then need the keyring) */
  sealTranscript?: boolean;
  /** WEBCHAT_RESUME_DAYS: how long a browser may come back to its conversation (0 or unset = off) */
  resumeDays?: number;
}

/**
 * Web chat: a self-hosted Direct Line 3.0 subset under /directline, so Microsoft's unmodified
 * Web Chat and botframework-directlinejs talk to us without Azure, plus the page at `/`.
 */
export function createWebchatAdapter(deps: WebchatDeps): ChannelAdapter {
  const store = new ActivityStore(deps.sql, deps.siteId, deps.sealTranscript ? deps.keyring : undefined);
  const now = deps.now ?? Date.now;
  const resumeDays = deps.resumeDays ?? 0;
  const resumeKeys = resumeDays > 0 ? new ResumeKeys(deps.sql, deps.keyring, deps.siteId, resumeDays) : undefined;
  const ctx: WebchatContext = {
    site: deps.siteId,
    tokens: new TokenService(deps.keyring, deps.siteId, now),
    now,
    store,
    notifier: deps.notifier,
    sink: deps.sink,
    log: deps.log,
    tokenTtlSeconds: deps.tokenTtlSeconds,
    streamPollMs: deps.streamPollMs ?? 15_000,
    ...(deps.publicUrl ? { publicUrl: deps.publicUrl } : {}),
  };
  const sockets = new Set<WebSocket>();

  return {
    channel: 'webchat',
    capabilities: webchatCapabilities,
    send: createSender({ store, notifier: deps.notifier, keyring: deps.keyring, capabilities: webchatCapabilities }),
    async routes(app: FastifyInstance) {
      await app.register(
        async (dl) => {
          // Another part of the app may already have registered the plugin; twice would
          // attach two upgrade listeners to one server.
          if (!dl.hasDecorator('websocketServer')) await dl.register(websocket);
          registerRestRoutes(dl, ctx);
          registerResumeRoutes(dl, ctx, resumeKeys);
          await registerUploadRoute(dl, ctx, { sql: deps.sql, keyring: deps.keyring });
          registerStreamRoute(dl, ctx, sockets);
        },
        { prefix: '/directline' },
      );
      registerPage(app, { resumeDays });
    },
    async close() {
      for (const s of sockets) s.terminate();
      sockets.clear();
    },
  };
}
