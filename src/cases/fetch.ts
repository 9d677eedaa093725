import type { ChannelAdapter } from '../channels/types.ts';
import type { Sql } from '../db/client.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { Logger } from '../logger.ts';
import type { JobName, JobQueue } from '../queue/types.ts';
import type { Keyring } from '../security/crypto.ts';
import { claimStaged, putBlob } from '../blobs/store.ts';
import { sniffEvidence } from '../blobs/sniff.ts';
import { MAX_ATTACHMENT_BYTES } from './attachments.ts';
import { queueEvidenceNotice, type EvidenceRefusal } from './evidence-notice.ts';

export const FETCH_JOB = 'fetch-attachment' satisfies JobName;
/** a web chat upload's ref: the bytes are already in evidence_blob, staged for the conversation */
export const STAGED_REF_PREFIX = 'blob:';
export const MAX_FETCH_ATTEMPTS = 6;
/** how long one attempt may hold the row before another worker may take it over */
const LEASE_SECONDS = 120;
const DOWNLOAD_TIMEOUT_MS = 60_000;

/** 30 s, 1 min, 2 min ... capped at 30 min: platform CDNs recover in minutes, links expire in days. */
export const fetchBackoffSeconds = (attempt: number) => Math.min(30 * 2 ** (attempt - 1), 1800);

/** The queue as this worker uses it: only to hint (re)tries. */
export type FetchQueue = Pick<JobQueue, 'enqueue'>;

export interface FetchDeps {
  sql: Sql;
  prisma: PrismaClient;
  keyring: Keyring;
  adapters: Map<string, ChannelAdapter>;
  queue: FetchQueue;
  log: Logger;
}

export type FetchOutcome = 'stored' | 'rejected' | 'failed' | 'retry' | 'skipped';

interface Claimed {
  id: string;
  case_id: string;
  ref_enc: string | null;
  name: string | null;
  channel: string;
  attempts: number;
  code: string;
  /** the chat the file came from: the adding conversation, else the filing one */
  conversation_id: string;
}

/** Takes the row for one attempt (lease), or nothing when it is settled, leased or not yet due. */
async function claim(sql: Sql, id: string): Promise<Claimed | null> {
  const rows = await sql.query<Claimed>(
    `UPDATE grievance_attachment a
        SET fetch_attempts = a.fetch_attempts + 1, fetch_after = now() + make_interval(secs => $2)
       FROM grievance_case c
      WHERE a.id = $1::uuid AND c.id = a.case_id AND a.fetch_status = 'pending'
        AND (a.fetch_after IS NULL OR a.fetch_after <= now())
      RETURNING a.id::text AS id, a.case_id::text AS case_id, a.ref_enc, a.name, a.channel,
                a.fetch_attempts AS attempts, c.code,
                COALESCE((SELECT v.id::text FROM grievance_case_event e
                            JOIN conversation v ON v.identity_id::text = e.actor_id AND v.channel = a.channel
                           WHERE e.id = a.event_id ORDER BY v.updated_at DESC LIMIT 1),
                         c.conversation_id::text) AS conversation_id`,
    [id, LEASE_SECONDS],
  );
  return rows[0] ?? null;
}

async function settle(sql: Sql, id: string, status: 'stored' | 'rejected' | 'failed', reason: string | null, blob?: { id: string; mime: string; size: number }) {
  await sql.query(
    `UPDATE grievance_attachment SET fetch_status = $2, fetch_reason = $3, fetch_after = NULL,
            blob_id = COALESCE($4::uuid, blob_id), mime = COALESCE($5, mime), size = COALESCE($6, size)
      WHERE id = $1::uuid`,
    [id, status, reason, blob?.id ?? null, blob?.mime ?? null, blob?.size ?? null],
  );
}

/** Refused after the fact: the row and the worker's notice commit together, then delivery is hinted. */
async function refuse(deps: FetchDeps, row: Claimed, refusal: EvidenceRefusal): Promise<FetchOutcome> {
  const notices = await deps.prisma.$transaction(async (tx) => {
    await tx.grievanceAttachment.update({ where: { id: row.id }, data: { fetchStatus: 'rejected', fetchReason: refusal, fetchAfter: null } });
    return queueEvidenceNotice(tx, deps.keyring, row.conversation_id, { code: row.code, name: row.name, refusal });
  });
  if (notices > 0) await deps.queue.enqueue('deliver', row.conversation_id);
  return 'rejected';
}

/**
 * One attempt at one attachment: download through the channel's adapter (never past 10 MB, even
 * when the platform said the file was small), sniff the bytes, store them sealed. Rows are the
 * truth: a crash mid-way leaves the row 'pending' with a lease, and the sweep hints it again.
 */
export async function fetchAttachment(deps: FetchDeps, id: string): Promise<FetchOutcome> {
  const row = await claim(deps.sql, id);
  if (!row) return 'skipped';
  const ref = row.ref_enc ? deps.keyring.open(row.ref_enc) : null;
  if (!ref) {
    await settle(deps.sql, row.id, 'failed', 'no_ref');
    return 'failed';
  }

  if (ref.startsWith(STAGED_REF_PREFIX)) {
    // sniffed when uploaded (adapters/webchat/upload.ts); only the uploading chat may take it
    const blob = row.channel === 'webchat' ? await claimStaged(deps.sql, ref.slice(STAGED_REF_PREFIX.length), row.conversation_id) : null;
    if (!blob) {
      await settle(deps.sql, row.id, 'failed', 'no_upload');
      return 'failed';
    }
    await settle(deps.sql, row.id, 'stored', null, blob);
    return 'stored';
  }

  const fetchMedia = deps.adapters.get(row.channel)?.fetchMedia;
  const r = fetchMedia
    ? await fetchMedia(ref, { maxBytes: MAX_ATTACHMENT_BYTES, signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) }).catch(
        (err: Error) => ({ ok: false as const, reason: 'error' as const, retry: true, detail: err.name }),
      )
    : ({ ok: false, reason: 'error', retry: true, detail: `no ${row.channel} adapter in this process` } as const);

  if (!r.ok) {
    if (r.reason === 'too_big') return refuse(deps, row, 'too_big');
    if (r.retry && row.attempts < MAX_FETCH_ATTEMPTS) {
      const delay = fetchBackoffSeconds(row.attempts);
      await deps.sql.query(`UPDATE grievance_attachment SET fetch_after = now() + make_interval(secs => $2) WHERE id = $1::uuid`, [row.id, delay]);
      await deps.queue.enqueue(FETCH_JOB, row.id, { jobId: `f-${row.id}-${row.attempts}`, delayMs: delay * 1000 });
      deps.log.warn({ attachmentId: row.id, channel: row.channel, attempt: row.attempts, detail: r.detail }, 'evidence download failed; retrying');
      return 'retry';
    }
    deps.log.warn({ attachmentId: row.id, channel: row.channel, detail: r.detail }, 'evidence download gave up');
    await settle(deps.sql, row.id, 'failed', 'download');
    return 'failed';
  }

  const sniffed = await sniffEvidence(r.bytes, row.name);
  if (!sniffed.ok) return refuse(deps, row, 'unsupported_type');
  const blob = await putBlob(deps.sql, deps.keyring, r.bytes, { mime: sniffed.mime });
  await settle(deps.sql, row.id, 'stored', null, blob);
  return 'stored';
}

/**
 * Attachments waiting for their bytes, for the queue: run after a turn wrote some (the jobs are
 * hints) and by the recovery sweep (`minAgeSeconds` > 0 there, so work just hinted is not hinted twice).
 */
export async function hintPendingFetches(sql: Sql, queue: FetchQueue, minAgeSeconds = 0, limit = 200): Promise<number> {
  const rows = await sql.query<{ id: string; attempts: number }>(
    `SELECT id::text AS id, fetch_attempts AS attempts FROM grievance_attachment
      WHERE fetch_status = 'pending' AND fetch_after <= now() - make_interval(secs => $1)
      ORDER BY fetch_after LIMIT $2`,
    [minAgeSeconds, limit],
  );
  for (const r of rows) await queue.enqueue(FETCH_JOB, r.id, { jobId: `f-${r.id}-${r.attempts}` });
  return rows.length;
}
