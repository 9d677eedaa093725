import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { authorize, toWire, type WebchatContext } from './context.ts';
import { parseWatermark, topics } from './ids.ts';
import type { TokenClaims } from './token.ts';

type StreamRoute = { Params: { id: string }; Querystring: { watermark?: string; t?: string } };

const KEEPALIVE_MS = 15_000;
const BATCH = 100;

/**
 * The streamUrl WebSocket: pushes `{ activities, watermark }` sets, starting after the watermark
 * in the URL. A notifier message wakes it at once; the poll is the safety net for a lost
 * notification (Redis pub/sub is fire-and-forget). Empty frames keep idle proxies from closing it.
 */
export function registerStreamRoute(app: FastifyInstance, ctx: WebchatContext, sockets: Set<WebSocket>): void {
  app.get<StreamRoute>(
    '/conversations/:id/stream',
    {
      websocket: true,
      // Runs before the upgrade, so a bad token is a plain 401/403 the client can act on.
      preValidation: async (req, reply) => {
        if (!authorize(ctx, req, reply, req.params.id, req.query.t, 'directline-stream')) return reply;
      },
    },
    (socket, req) => {
      const check = ctx.tokens.verify(req.query.t, 'directline-stream');
      if (!check.ok) return socket.close(1008, 'token');
      sockets.add(socket);
      openStream(ctx, socket, check.claims, parseWatermark(req.query.watermark), () => sockets.delete(socket));
    },
  );
}

function openStream(ctx: WebchatContext, socket: WebSocket, claims: TokenClaims, from: bigint, onClose: () => void): void {
  let watermark = from;
  let uuid: string | undefined;
  let closed = false;
  let running = false;
  let again = false;
  const unsubscribe: Array<() => void> = [];

  const listen = (id: string) => {
    uuid = id;
    unsubscribe.push(ctx.notifier.subscribe(topics.conversation(id), flush));
  };

  async function drain(): Promise<void> {
    if (!uuid) {
      const id = await ctx.store.conversationUuid(claims.conv);
      if (!id) return;
      listen(id);
    }
    for (;;) {
      const rows = await ctx.store.after(uuid!, watermark, BATCH);
      if (!rows.length || closed) return;
      watermark = rows[rows.length - 1]!.seq;
      socket.send(JSON.stringify({ activities: rows.map((r) => toWire(claims.conv, r)), watermark: String(watermark) }));
      if (rows.length < BATCH) return;
    }
  }

  // One drain at a time; a wake-up during a drain runs it once more, so nothing is skipped.
  function flush(): void {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    void (async () => {
      try {
        do {
          again = false;
          await drain();
        } while (again && !closed);
      } catch (err) {
        ctx.log.warn({ err, conversation: uuid }, 'webchat stream read failed');
      } finally {
        running = false;
      }
    })();
  }

  // Before the first post there is no conversation row: learn its id the moment it appears.
  unsubscribe.push(
    ctx.notifier.subscribe(topics.opened(ctx.site, claims.conv), (id) => {
      if (!uuid && id) {
        ctx.store.remember(claims.conv, id);
        listen(id);
      }
      flush();
    }),
  );
  const poll = setInterval(flush, ctx.streamPollMs);
  const keepAlive = setInterval(() => {
    if (socket.readyState === socket.OPEN) socket.send('');
  }, KEEPALIVE_MS);

  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(poll);
    clearInterval(keepAlive);
    for (const off of unsubscribe) off();
    onClose();
  };
  socket.on('close', close);
  socket.on('error', close);
  // Client frames are only directlinejs's empty pings: nothing to do with them.
  flush();
}
