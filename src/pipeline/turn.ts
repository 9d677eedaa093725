import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import type { InboundEvent, OutboundMessage } from '../core/model.ts';
import type { FlowEngine, TurnOutcome } from '../flowkit/engine.ts';
import { isLocale, translator, DEFAULT_LOCALE } from '../i18n.ts';
import type { Services } from '../app/services.ts';
import type { Logger } from '../logger.ts';
import { openEvent, sealMessage, type StoredEvent, type StoredMessage } from './seal.ts';
import { turnSeconds, turnsTotal } from '../metrics.ts';

/** A turn that failed this many times is given up: the worker gets an apology, the row stays for review. */
export const MAX_TURN_ATTEMPTS = 3;

const USER_ACTIONS = new Set<InboundEvent['kind']>(['text', 'choice', 'contact', 'media', 'location', 'start']);

interface ConversationRow {
  id: string;
  channel: InboundEvent['channel'];
  account_id: string;
  identity_id: string;
  member_id: string | null;
  locale: string;
  owner: string;
  state: unknown;
}

interface InboxRow {
  id: bigint;
  event: StoredEvent;
  attempts: number;
  received_at: Date;
}

type HeadRow = ConversationRow & { inbox_id: bigint } & Omit<InboxRow, 'id'>;

export interface TurnDeps {
  prisma: PrismaClient;
  engine: FlowEngine;
  services: Services;
  log: Logger;
}

/**
 * Step 2: runs every pending inbox row of one conversation, oldest first, each in ONE
 * transaction that locks the conversation row (so turns of a conversation are serialized across
 * every process), runs the flow, and writes state + domain rows + outbox + inbox status together.
 * Returns how many outbox rows were written, so the caller can hint delivery.
 */
export async function processTurns(deps: TurnDeps, conversationId: string): Promise<number> {
  let written = 0;
  for (;;) {
    let current: InboxRow | undefined;
    let committed: TurnOutcome | undefined;
    const timer = turnSeconds.startTimer();
    try {
      const result = await deps.prisma.$transaction(
        async (tx) => {
          // The head pending row and its conversation, both locked. Locking the conversation row
          // serializes turns of one conversation across every process; when this statement had to
          // wait for another turn, PostgreSQL re-checks and returns the latest committed versions
          // (READ COMMITTED + FOR UPDATE), so the state read here is never stale and a row the
          // other turn finished is skipped.
          const head = (
            await tx.$queryRaw<HeadRow[]>`
              SELECT c.id::text AS id, c.channel, c.account_id, c.identity_id::text AS identity_id,
                     ci.member_id::text AS member_id, c.locale, c.owner, c.state,
                     i.id AS inbox_id, i.event, i.attempts, i.received_at
                FROM inbox_message i
                JOIN conversation c ON c.id = i.conversation_id
                JOIN channel_identity ci ON ci.id = c.identity_id
               WHERE i.conversation_id = ${conversationId}::uuid AND i.status = 'pending'
               ORDER BY i.id LIMIT 1
                 FOR UPDATE OF i, c`
          )[0];
          if (!head) return null;
          const conv: ConversationRow = head;
          const row: InboxRow = { id: head.inbox_id, event: head.event, attempts: head.attempts, received_at: head.received_at };
          current = row;
          const event = openEvent(deps.services.keyring, row.event);
          const now = deps.services.clock();
          const outcome = await deps.engine.run({
            state: conv.state,
            locale: isLocale(conv.locale) ? conv.locale : DEFAULT_LOCALE,
            owner: conv.owner === 'human' ? 'human' : 'bot',
            event,
            conversation: {
              id: conv.id,
              channel: conv.channel,
              accountId: conv.account_id,
              identityId: conv.identity_id,
              memberId: conv.member_id,
            },
            services: deps.services,
            tx,
            now,
          });
          // State, replies and the inbox status in one statement: fewer round trips per turn.
          await tx.$queryRaw`
            WITH conv AS (
              UPDATE conversation
                 SET state = ${JSON.stringify(outcome.state)}::jsonb, locale = ${outcome.locale}, owner = ${outcome.owner},
                     turn_count = turn_count + 1, updated_at = now(),
                     last_inbound_at = CASE WHEN ${USER_ACTIONS.has(row.event.kind)}
                                            THEN GREATEST(last_inbound_at, ${row.received_at}) ELSE last_inbound_at END
               WHERE id = ${conversationId}::uuid
              RETURNING id),
            done AS (
              UPDATE inbox_message SET status = 'done', processed_at = clock_timestamp(), attempts = attempts + 1
               WHERE id = ${row.id}
              RETURNING id),
            out AS (
              INSERT INTO outbox_message (conversation_id, inbox_id, channel, message, status, next_attempt_at, created_at)
              SELECT ${conversationId}::uuid, ${row.id}, ${conv.channel}, m.message, 'pending', now(), now()
                FROM jsonb_array_elements(${JSON.stringify(outcome.messages.map((m) => sealMessage(deps.services.keyring, m)))}::jsonb) WITH ORDINALITY AS m(message, n)
               ORDER BY m.n
              RETURNING id)
            SELECT (SELECT count(*) FROM conv) + (SELECT count(*) FROM done) AS updated, (SELECT count(*) FROM out) AS written`;
          committed = outcome;
          return outcome.messages.length;
        },
        { timeout: 20_000, maxWait: 20_000 },
      );
      if (result === null) return written;
      // handoff changes are announced only now that they are committed (console events, hints)
      if (committed) await deps.engine.afterCommit(committed).catch((err: unknown) => deps.log.warn({ err, conversationId }, 'handoff effects not announced'));
      timer();
      turnsTotal.inc({ outcome: 'done' });
      written += result;
    } catch (err) {
      if (!current) throw err; // could not even read: let the queue retry the job
      const failed = current as InboxRow;
      deps.log.error({ err, conversationId, inboxId: String(failed.id) }, 'turn failed');
      const gaveUp = await recordFailure(deps, conversationId, failed, err);
      if (!gaveUp) throw err; // retried by the queue with backoff; later rows wait (order)
      turnsTotal.inc({ outcome: 'failed' });
      written += 1;
    }
  }
}

async function insertOutbox(
  tx: Prisma.TransactionClient,
  conv: Pick<ConversationRow, 'id' | 'channel'>,
  inboxId: bigint | null,
  messages: StoredMessage[],
) {
  if (messages.length === 0) return;
  const values = messages.map(
    (m) => Prisma.sql`(${conv.id}::uuid, ${inboxId}, ${conv.channel}, ${JSON.stringify(m)}::jsonb, 'pending', now(), now())`,
  );
  await tx.$executeRaw`
    INSERT INTO outbox_message (conversation_id, inbox_id, channel, message, status, next_attempt_at, created_at)
    VALUES ${Prisma.join(values)}`;
}

/** Counts a failed attempt; past the limit, marks the row failed and apologises to the worker. */
async function recordFailure(deps: TurnDeps, conversationId: string, row: InboxRow, err: unknown): Promise<boolean> {
  const reason = err instanceof Error ? err.message.slice(0, 500) : String(err);
  return deps.prisma.$transaction(async (tx) => {
    const updated = await tx.$queryRaw<Array<{ attempts: number; locale: string; channel: InboundEvent['channel'] }>>`
      UPDATE inbox_message i SET attempts = i.attempts + 1, error = ${reason}
        FROM conversation c
       WHERE i.id = ${row.id} AND c.id = i.conversation_id AND i.status = 'pending'
       RETURNING i.attempts, c.locale, c.channel`;
    const u = updated[0];
    if (!u || u.attempts < MAX_TURN_ATTEMPTS) return false;
    await tx.$executeRaw`UPDATE inbox_message SET status = 'failed', processed_at = now() WHERE id = ${row.id}`;
    const t = translator(isLocale(u.locale) ? u.locale : DEFAULT_LOCALE);
    await insertOutbox(tx, { id: conversationId, channel: u.channel }, row.id, [
      sealMessage(deps.services.keyring, { kind: 'text', text: t('system.error') }),
    ]);
    return true;
  });
}
