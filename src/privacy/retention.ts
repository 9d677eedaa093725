import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Sql } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import type { Keyring } from '../security/crypto.ts';
import type { PrivacyConfig } from './config.ts';
import { CLOSED_CASE_STATUSES } from './erase.ts';

/**
 * The retention job (Law 91/2025 Art. 14: data is deleted when its retention period expires;
 * domain.md 5.5 item 7: "delete grievance data when the case is closed plus a documented
 * period"). One pass per data class, each in batches of PRIVACY_RETENTION_BATCH rows:
 *
 * - bounded memory: every statement touches at most one batch and returns only a count;
 * - idempotent: the condition that selects a row is false once the row is done (sealed text
 *   gone, row deleted, marker set), so a second run finds nothing;
 * - two processes at once: rows are claimed with FOR UPDATE SKIP LOCKED, and each condition is
 *   on the row itself, so a row another run finished meanwhile is re-checked and skipped.
 *
 * One audit_log row per run holds the counts (and whether it was a dry run).
 */
export const RETENTION_CLASSES = [
  'inbox_text',
  'outbox_text',
  'webchat_transcript',
  'abandoned_flow_state',
  'handoff_notes',
  'attachments',
  'closed_cases',
  'rejected_registrations',
  'export_link_bodies',
  'export_links',
] as const;
export type RetentionClass = (typeof RETENTION_CLASSES)[number];

export interface RetentionResult {
  runId: string;
  dryRun: boolean;
  counts: Record<RetentionClass, number>;
}

const MARK = '—';
const DAY_MS = 86_400_000;
const CLOSED = `(${CLOSED_CASE_STATUSES.map((s) => `'${s}'`).join(', ')})`;

interface ClassSql {
  /** cutoff: rows older than this are due; null = the class is kept forever (period 0) */
  cutoff: Date | null;
  /** the WHERE over alias t selecting due rows (parameter $1 = cutoff) */
  where: string;
  from: string;
  key: string;
  /** one batch: $1 cutoff, $2 batch size, $3.. extra; returns {n} */
  batch: string;
  extra?: unknown[];
}

function plan(cfg: PrivacyConfig, now: Date, marker: string): Record<RetentionClass, ClassSql> {
  const ago = (days: number) => (days > 0 ? new Date(now.getTime() - days * DAY_MS) : null);
  const conv = ago(cfg.PRIVACY_RETENTION_CONVERSATION_DAYS);
  const claim = (from: string, key: string, where: string) =>
    `SELECT t.${key} FROM ${from} t WHERE ${where} ORDER BY t.${key} LIMIT $2 FOR UPDATE OF t SKIP LOCKED`;
  const inboxWhere = `t.received_at < $1 AND t.status <> 'pending' AND t.event ? 'sealed'`;
  const outboxWhere = `t.created_at < $1 AND t.status IN ('sent', 'dead') AND t.message ? 'sealed'`;
  const webchatWhere = `t.created_at < $1`;
  const stateWhere = `t.updated_at < $1 AND t.state ? 'flow'`;
  const notesWhere = `EXISTS (SELECT 1 FROM handoff h WHERE h.id = t.handoff_id AND h.status = 'closed' AND h.closed_at < $1)`;
  const attachmentWhere = `EXISTS (SELECT 1 FROM grievance_case c WHERE c.id = t.case_id AND c.status IN ${CLOSED} AND c.updated_at < $1)`;
  const caseWhere = `t.status IN ${CLOSED} AND t.updated_at < $1 AND t.employer <> '${MARK}'`;
  const rejectedWhere = `t.status = 'tu_choi' AND t.decided_at < $1`;
  const bodyWhere = `t.expires_at < $1 AND t.body_enc IS NOT NULL`;
  const linkWhere = `t.expires_at < $1`;
  return {
    inbox_text: {
      cutoff: conv,
      from: 'inbox_message',
      key: 'id',
      where: inboxWhere,
      batch: `WITH x AS (UPDATE inbox_message SET event = (event - 'sealed') || '{"redacted": true}'::jsonb
                WHERE id IN (${claim('inbox_message', 'id', inboxWhere)}) RETURNING 1) SELECT count(*)::int AS n FROM x`,
    },
    outbox_text: {
      cutoff: conv,
      from: 'outbox_message',
      key: 'id',
      where: outboxWhere,
      batch: `WITH x AS (UPDATE outbox_message SET message = (message - 'sealed') || '{"redacted": true}'::jsonb
                WHERE id IN (${claim('outbox_message', 'id', outboxWhere)}) RETURNING 1) SELECT count(*)::int AS n FROM x`,
    },
    webchat_transcript: {
      cutoff: conv,
      from: 'webchat_activity',
      key: 'seq',
      where: webchatWhere,
      batch: `WITH x AS (DELETE FROM webchat_activity WHERE seq IN (${claim('webchat_activity', 'seq', webchatWhere)}) RETURNING 1)
              SELECT count(*)::int AS n FROM x`,
    },
    // answers of a flow left half-way (sealed, but still personal data) in an idle conversation
    abandoned_flow_state: {
      cutoff: conv,
      from: 'conversation',
      key: 'id',
      where: stateWhere,
      batch: `WITH x AS (UPDATE conversation SET state = (state - 'flow') - 'offered'
                WHERE id IN (${claim('conversation', 'id', stateWhere)}) RETURNING 1) SELECT count(*)::int AS n FROM x`,
    },
    // an officer's notes about the worker are conversation text too, once the handoff is closed
    handoff_notes: {
      cutoff: conv,
      from: 'handoff_note',
      key: 'id',
      where: notesWhere,
      batch: `WITH x AS (DELETE FROM handoff_note WHERE id IN (${claim('handoff_note', 'id', notesWhere)}) RETURNING 1)
              SELECT count(*)::int AS n FROM x`,
    },
    attachments: {
      cutoff: ago(cfg.PRIVACY_RETENTION_ATTACHMENT_DAYS),
      from: 'grievance_attachment',
      key: 'id',
      where: attachmentWhere,
      batch: `WITH x AS (DELETE FROM grievance_attachment WHERE id IN (${claim('grievance_attachment', 'id', attachmentWhere)}) RETURNING blob_id),
                   b AS (DELETE FROM evidence_blob WHERE id IN (SELECT blob_id FROM x WHERE blob_id IS NOT NULL) RETURNING 1)
              SELECT count(*)::int AS n FROM x`,
    },
    closed_cases: {
      cutoff: ago(cfg.PRIVACY_RETENTION_CLOSED_CASE_DAYS),
      from: 'grievance_case',
      key: 'id',
      where: caseWhere,
      batch: `WITH picked AS (${claim('grievance_case', 'id', caseWhere)}),
                   upd AS (UPDATE grievance_case SET description_enc = $3, employer = '${MARK}', member_id = NULL
                            WHERE id IN (SELECT id FROM picked) RETURNING id),
                   notes AS (UPDATE grievance_case_event SET note_enc = NULL WHERE case_id IN (SELECT id FROM upd) AND note_enc IS NOT NULL RETURNING 1),
                   att AS (DELETE FROM grievance_attachment WHERE case_id IN (SELECT id FROM upd) RETURNING blob_id),
                   blobs AS (DELETE FROM evidence_blob WHERE id IN (SELECT blob_id FROM att WHERE blob_id IS NOT NULL) RETURNING 1),
                   ev AS (INSERT INTO grievance_case_event (case_id, kind, actor_type, actor_id, at)
                          SELECT id, 'anonymized', 'system', 'retention', $4 FROM upd RETURNING 1)
              SELECT count(*)::int AS n FROM upd`,
      extra: [marker, now],
    },
    rejected_registrations: {
      cutoff: ago(cfg.PRIVACY_RETENTION_REJECTED_REGISTRATION_DAYS),
      from: 'registration',
      key: 'id',
      where: rejectedWhere,
      batch: `WITH x AS (DELETE FROM registration WHERE id IN (${claim('registration', 'id', rejectedWhere)}) RETURNING 1)
              SELECT count(*)::int AS n FROM x`,
    },
    // an expired link's body goes at once, whatever the period: nobody can download it any more
    export_link_bodies: {
      cutoff: now,
      from: 'data_export_link',
      key: 'id',
      where: bodyWhere,
      batch: `WITH x AS (UPDATE data_export_link SET body_enc = NULL WHERE id IN (${claim('data_export_link', 'id', bodyWhere)}) RETURNING 1)
              SELECT count(*)::int AS n FROM x`,
    },
    export_links: {
      cutoff: new Date(now.getTime() - cfg.PRIVACY_RETENTION_EXPORT_LINK_HOURS * 3_600_000),
      from: 'data_export_link',
      key: 'id',
      where: linkWhere,
      batch: `WITH x AS (DELETE FROM data_export_link WHERE id IN (${claim('data_export_link', 'id', linkWhere)}) RETURNING 1)
              SELECT count(*)::int AS n FROM x`,
    },
  };
}

export interface RetentionDeps {
  sql: Sql;
  keyring: Keyring;
  config: PrivacyConfig;
  log?: Logger;
}

export async function runRetention(deps: RetentionDeps, now: Date, opts: { dryRun?: boolean } = {}): Promise<RetentionResult> {
  const dryRun = opts.dryRun ?? false;
  const runId = randomUUID();
  const batchSize = deps.config.PRIVACY_RETENTION_BATCH;
  const classes = plan(deps.config, now, deps.keyring.seal(MARK));
  const counts = Object.fromEntries(RETENTION_CLASSES.map((c) => [c, 0])) as Record<RetentionClass, number>;
  for (const name of RETENTION_CLASSES) {
    const c = classes[name];
    if (c.cutoff === null) continue;
    if (dryRun) {
      const rows = await deps.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${c.from} t WHERE ${c.where}`, [c.cutoff]);
      counts[name] = rows[0]?.n ?? 0;
      continue;
    }
    for (;;) {
      const rows = await deps.sql.query<{ n: number }>(c.batch, [c.cutoff, batchSize, ...(c.extra ?? [])]);
      const n = rows[0]?.n ?? 0;
      counts[name] += n;
      if (n < batchSize) break;
    }
  }
  await deps.sql.query(
    `INSERT INTO audit_log (at, actor_type, actor_id, action, entity, entity_id, details) VALUES ($1, 'system', $2, $3, 'retention_run', $4, $5::jsonb)`,
    [now, `${hostname()}:${process.pid}`, dryRun ? 'privacy.retention_dry_run' : 'privacy.retention', runId, JSON.stringify({ counts, dryRun })],
  );
  deps.log?.info({ runId, dryRun, counts }, 'privacy retention run');
  return { runId, dryRun, counts };
}

/**
 * Runs the job every PRIVACY_RETENTION_INTERVAL_MINUTES in a worker process (never two runs at
 * once in one process; several processes are safe, see above). Returns the stop function.
 */
export function startRetentionTimer(deps: RetentionDeps, clock: () => Date = () => new Date()): () => void {
  const minutes = deps.config.PRIVACY_RETENTION_INTERVAL_MINUTES;
  if (minutes === 0) return () => {};
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    runRetention(deps, clock())
      .catch((err) => deps.log?.error({ err }, 'privacy retention run failed'))
      .finally(() => {
        running = false;
      });
  };
  const first = setTimeout(tick, 60_000);
  const timer = setInterval(tick, minutes * 60_000);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
