import type { PrismaClient } from '../generated/prisma/client.ts';
import { txSql } from '../cases/tx-sql.ts';
import type { Notifier } from '../queue/notifier.ts';
import type { JobQueue } from '../queue/types.ts';
import type { Keyring } from '../security/crypto.ts';
import type { HandoffConfig } from './config.ts';
import { Effects } from './effects.ts';
import { audit, endEpisode } from './actions.ts';
import { dueUnanswered, requeueUnanswered } from './unanswered.ts';
import { assignFree, officerOnlineSql, onlineParams, slaDue, type OpenHandoff } from './queue.ts';

export interface SweepDeps {
  prisma: PrismaClient;
  keyring: Keyring;
  cfg: HandoffConfig;
  notifier?: Pick<Notifier, 'publish'>;
  queue?: Pick<JobQueue, 'enqueue'>;
  now: Date;
}

export interface SweepResult {
  escalated: number;
  resumed: number;
  requeued: number;
  assigned: number;
}

const BATCH = 100;

/**
 * The scheduled handoff check (worker process, beside the recovery sweep). Each item is its own
 * transaction and is claimed with FOR UPDATE SKIP LOCKED, so several worker processes can run it
 * at once without doing anything twice.
 *  1. SLA: a conversation still waiting past its first-response deadline moves to the next unit
 *     up the org tree (grassroots → province → national); the original unit is told (officer
 *     event + audit row).
 *  2. Idle: an active conversation where nobody wrote for the idle time goes back to the bot.
 *  2b. Unanswered: an active conversation whose worker waits for the officer's answer too long
 *     (opening hours) goes back to the unit queue (unanswered.ts). After the idle step: a chat
 *     nobody wrote in at all is the bot's again, not requeued.
 *  3. Free capacity: waiting conversations are offered to officers with free places (an officer
 *     just added, a place freed in another process).
 */
export async function runHandoffSweep(deps: SweepDeps): Promise<SweepResult> {
  const result: SweepResult = { escalated: 0, resumed: 0, requeued: 0, assigned: 0 };
  for (;;) {
    const n = await step(deps, async (sql, fx) => {
      const rows = await sql.query<OpenHandoff & { origin_unit_id: string; requested_at: Date }>(
        `SELECT id::text AS id, conversation_id::text AS conversation_id, unit_id::text AS unit_id, unit_path, status, urgent,
                assigned_officer_id::text AS assigned_officer_id, origin_unit_id::text AS origin_unit_id, requested_at
           FROM handoff WHERE status = 'waiting' AND sla_due_at <= $1
          ORDER BY sla_due_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [deps.now],
      );
      const h = rows[0];
      if (!h) return 0;
      const parent = (await sql.query<{ id: string; path: string; code: string; from_code: string }>(
        `SELECT p.id::text AS id, p.path, p.code, u.code AS from_code FROM org_unit u JOIN org_unit p ON p.id = u.parent_id WHERE u.id = $1::uuid`,
        [h.unit_id],
      ))[0];
      const due = slaDue(deps.cfg, deps.now);
      if (!parent) {
        // the top of the tree: nowhere higher to go; check again after another SLA period
        await sql.query(`UPDATE handoff SET sla_due_at = $2 WHERE id = $1::uuid`, [h.id, due]);
        return 1;
      }
      await sql.query(
        `UPDATE handoff SET unit_id = $2::uuid, unit_path = $3, escalation_level = escalation_level + 1, escalated_at = $4, sla_due_at = $5
          WHERE id = $1::uuid`,
        [h.id, parent.id, parent.path, deps.now, due],
      );
      await audit(sql, { type: 'system', id: 'handoff-sla' }, 'handoff.escalated', h.conversation_id, deps.now, {
        handoffId: h.id,
        fromUnit: parent.from_code,
        toUnit: parent.code,
        waitedSeconds: Math.round((deps.now.getTime() - new Date(h.requested_at).getTime()) / 1000),
      });
      // the unit it leaves hears about it (its console drops it from the queue with a reason)
      fx.changed(h.conversation_id, h.unit_path);
      fx.changed(h.conversation_id, parent.path);
      result.escalated++;
      result.assigned += (await assignFree(sql, deps.keyring, fx, deps.cfg, parent.id, deps.now)).length;
      return 1;
    });
    if (n === 0) break;
  }
  for (;;) {
    const n = await step(deps, async (sql, fx) => {
      const h = (await sql.query<OpenHandoff>(
        `SELECT id::text AS id, conversation_id::text AS conversation_id, unit_id::text AS unit_id, unit_path, status, urgent,
                assigned_officer_id::text AS assigned_officer_id
           FROM handoff WHERE status = 'active' AND last_activity_at <= $1
          ORDER BY last_activity_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [new Date(deps.now.getTime() - deps.cfg.idleMs)],
      ))[0];
      if (!h) return 0;
      await endEpisode({ sql, keyring: deps.keyring, cfg: deps.cfg, fx, now: deps.now }, h, 'idle', 'idle_resumed');
      result.resumed++;
      return 1;
    });
    if (n === 0) break;
  }
  // a unit whose officer just came online (logged in, opened the console) is found here too
  // bounded: a batch that keeps coming back (rows locked by another sweep) ends the step
  for (let round = 0; round < 50; round++) {
    const due = await dueUnanswered(txSql(deps.prisma), deps);
    if (due.length === 0) break;
    let done = 0;
    for (const row of due) {
      done += await step(deps, async (sql, fx) => {
        const r = await requeueUnanswered(sql, fx, deps, row);
        result.requeued += r.requeued;
        result.assigned += r.assigned;
        return r.requeued;
      });
    }
    if (done === 0) break;
  }
  const units = await deps.prisma.$queryRawUnsafe<Array<{ unit_id: string }>>(
    `SELECT DISTINCT h.unit_id::text AS unit_id FROM handoff h
      WHERE h.status = 'waiting'
        AND EXISTS (SELECT 1 FROM officer o WHERE o.unit_id = h.unit_id AND o.active
                      AND o.capacity > (SELECT count(*) FROM handoff a WHERE a.assigned_officer_id = o.id AND a.status = 'active')
                      AND (NOT $4::boolean OR ${officerOnlineSql('$1', '$2', '$3')}))
      LIMIT ${BATCH}`,
    deps.now,
    ...onlineParams(deps.now),
    deps.cfg.assignOnlineOnly,
  );
  for (const u of units) {
    await step(deps, async (sql, fx) => {
      const a = await assignFree(sql, deps.keyring, fx, deps.cfg, u.unit_id, deps.now);
      result.assigned += a.length;
      return a.length;
    });
  }
  return result;
}

async function step(deps: SweepDeps, fn: (sql: ReturnType<typeof txSql>, fx: Effects) => Promise<number>): Promise<number> {
  const fx = new Effects();
  const n = await deps.prisma.$transaction((tx) => fn(txSql(tx), fx), { timeout: 20_000, maxWait: 20_000 });
  await fx.flush(deps);
  return n;
}
