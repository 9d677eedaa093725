/**
 * A small world for the broadcast tests on this machine's PostgreSQL: a fresh schema with the
 * migrations applied, an org tree (/TLD/ -> province P01 -> unions A and B), and helpers to add
 * people with conversations on chosen channels. Delivery runs through the real delivery worker
 * (deliverConversation) with recording fake adapters, so "sent" means the pipeline sent it.
 */
import { openDatabase, type Database } from '../../src/db/client.ts';
import { createKeyring } from '../../src/security/crypto.ts';
import { MemoryNotifier } from '../../src/queue/notifier.ts';
import { deliverConversation } from '../../src/pipeline/delivery.ts';
import type { ChannelAdapter, SendRequest, SendResult } from '../../src/channels/types.ts';
import type { ChannelId } from '../../src/core/model.ts';
import type { EnqueueOptions, JobName, JobQueue } from '../../src/queue/types.ts';
import type { BroadcastDeps } from '../../src/broadcasts/deps.ts';
import { createLogger } from '../../src/logger.ts';
import { freshSchema, type TestSchema } from '../env.ts';

/** Collects delivery hints; the test decides when to deliver. */
export class HintQueue implements JobQueue {
  readonly kind = 'memory' as const;
  readonly hints = new Set<string>();
  async enqueue(_name: JobName, conversationId: string, _opts?: EnqueueOptions) {
    this.hints.add(conversationId);
  }
  work() {}
  async close() {}
}

export interface Sent {
  channel: string;
  externalId: string;
  outboxId: string;
  text: string;
}

export interface World {
  db: Database;
  schema: TestSchema;
  deps: BroadcastDeps;
  queue: HintQueue;
  now: { value: Date };
  sent: Sent[];
  /** what a channel's fake platform answers (default ok) */
  behaviour: Map<string, (req: SendRequest) => SendResult>;
  units: Record<'root' | 'province' | 'a' | 'b', { id: string; path: string; code: string }>;
  addPerson(opts: {
    unit: 'a' | 'b';
    member?: boolean;
    channels: Array<{ channel: ChannelId; lastInboundHoursAgo?: number | null; locale?: string; unfollowed?: boolean }>;
    memberNo?: string;
    joinedAt?: Date;
  }): Promise<{ memberId: string | null; conversations: string[] }>;
  /** runs the delivery worker over every hinted conversation until nothing is left */
  deliverAll(): Promise<void>;
  close(): Promise<void>;
}

const SECRET = 'broadcast-test-secret-0123456789abcdefgh';

export async function openWorld(start: Date): Promise<World> {
  const schema = await freshSchema('bc');
  const db = await openDatabase({ url: schema.url, schema: schema.schema, poolMax: 4, dataDir: 'memory://' });
  await db.migrate();
  const keyring = createKeyring(SECRET);
  const queue = new HintQueue();
  const now = { value: start };
  const sent: Sent[] = [];
  const behaviour = new Map<string, (req: SendRequest) => SendResult>();
  const adapters = new Map<string, ChannelAdapter>();
  for (const channel of ['zalo', 'messenger', 'telegram', 'webchat'] as const) {
    adapters.set(channel, {
      channel,
      capabilities: {
        maxTextLength: 2000,
        choices: { native: false, maxCount: 0, maxLabelLength: 1, maxKeyBytes: 1 },
        requestContact: false,
        cards: { native: false, maxCount: 0, maxButtons: 0 },
        media: true,
        rateLimits: { perAccount: { count: 10, perMs: 1000 } },
      },
      async send(req) {
        const r = behaviour.get(channel)?.(req) ?? { ok: true };
        if (r.ok) sent.push({ channel, externalId: req.externalId, outboxId: req.outboxId, text: req.message.kind === 'text' ? req.message.text : '' });
        return r;
      },
    });
  }
  const unit = async (code: string, path: string, parent: string | null, kind: string) =>
    (
      await db.sql.query<{ id: string }>(
        `INSERT INTO org_unit (id, code, name, search_key, kind, parent_id, path, province_code)
         VALUES (gen_random_uuid(), $1, $1, lower($1), $2::"OrgKind", $3::uuid, $4, 'P01') RETURNING id::text AS id`,
        [code, kind, parent, path],
      )
    )[0]!.id;
  const root = await unit('TLD', '/TLD/', null, 'confederation');
  const province = await unit('P01', '/TLD/P01/', root, 'province');
  const a = await unit('CS-A', '/TLD/P01/CS-A/', province, 'grassroots');
  const b = await unit('CS-B', '/TLD/P01/CS-B/', province, 'grassroots');
  const units = {
    root: { id: root, path: '/TLD/', code: 'TLD' },
    province: { id: province, path: '/TLD/P01/', code: 'P01' },
    a: { id: a, path: '/TLD/P01/CS-A/', code: 'CS-A' },
    b: { id: b, path: '/TLD/P01/CS-B/', code: 'CS-B' },
  };
  let seq = 0;
  const deps: BroadcastDeps = { sql: db.sql, queue, keyring, notifier: new MemoryNotifier(), adapters, clock: () => now.value };
  const delivery = { sql: db.sql, queue, adapters, // rate limits are the delivery worker's own tested concern; here they would only slow the test
    limiter: { take: async () => 0, block: async () => {}, close: async () => {} }, keyring, log: createLogger('silent') };

  return {
    db,
    schema,
    deps,
    queue,
    now,
    sent,
    behaviour,
    units,
    async addPerson(opts) {
      const n = ++seq;
      const memberId =
        opts.member === false
          ? null
          : (
              await db.sql.query<{ id: string }>(
                `INSERT INTO member (id, member_no, full_name, org_unit_id, joined_at) VALUES (gen_random_uuid(), $1, $2, $3::uuid, $4) RETURNING id::text AS id`,
                [opts.memberNo ?? `M${n}`, `Person ${n}`, units[opts.unit].id, opts.joinedAt ?? new Date('2025-01-01T00:00:00Z')],
              )
            )[0]!.id;
      const conversations: string[] = [];
      for (const [i, ch] of opts.channels.entries()) {
        const identity = (
          await db.sql.query<{ id: string }>(
            `INSERT INTO channel_identity (id, channel, account_id, platform_user_id, member_id) VALUES (gen_random_uuid(), $1, 'acc', $2, $3::uuid) RETURNING id::text AS id`,
            [ch.channel, `u${n}-${i}`, memberId],
          )
        )[0]!.id;
        const last = ch.lastInboundHoursAgo === null || ch.lastInboundHoursAgo === undefined ? null : new Date(now.value.getTime() - ch.lastInboundHoursAgo * 3_600_000);
        const conv = (
          await db.sql.query<{ id: string }>(
            `INSERT INTO conversation (id, identity_id, channel, account_id, external_id, locale, last_inbound_at)
             VALUES (gen_random_uuid(), $1::uuid, $2, 'acc', $3, $4, $5) RETURNING id::text AS id`,
            [identity, ch.channel, `u${n}-${i}`, ch.locale ?? 'vi', last],
          )
        )[0]!.id;
        if (ch.unfollowed) {
          await db.sql.query(
            `INSERT INTO inbox_message (dedupe_key, conversation_id, event, status) VALUES ($1, $2::uuid, '{"kind":"unfollow"}'::jsonb, 'done')`,
            [`unf-${n}-${i}`, conv],
          );
        }
        if (memberId === null) {
          // a non-member belongs to the unit of their registration
          await db.sql.query(
            `INSERT INTO registration (id, code, full_name, dob_enc, gender, cccd_enc, cccd_hash, phone_enc, phone_hash, employer, workplace_address, province_code, org_unit_id, routed_to_id, identity_id, channel)
             VALUES (gen_random_uuid(), $1, 'X', 'x', 'nam', 'x', $1, 'x', $1, 'E', 'W', 'P01', $2::uuid, $2::uuid, $3::uuid, $4)`,
            [`DK-${n}-${i}`, units[opts.unit].id, identity, ch.channel],
          );
        }
        conversations.push(conv);
      }
      return { memberId, conversations };
    },
    async deliverAll() {
      while (queue.hints.size) {
        const ids = [...queue.hints];
        queue.hints.clear();
        for (const id of ids) await deliverConversation(delivery, id);
      }
    },
    async close() {
      await db.close();
      await schema.drop();
    },
  };
}
