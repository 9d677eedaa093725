import { createHash } from 'node:crypto';
import type { Sql } from '../db/client.ts';
import type { Keyring } from '../security/crypto.ts';
import { openBytes, sealBytes } from './seal.ts';

export interface BlobInfo {
  id: string;
  sha256: string;
  size: number;
  mime: string;
}

/**
 * Evidence bytes in the database (table evidence_blob), sealed. One store for PGlite and
 * PostgreSQL: bytea through the same Sql both speak, so the embedded default needs no disk layout
 * or object store, and a backup of the database is a backup of the evidence.
 */
export async function putBlob(sql: Sql, keyring: Keyring, bytes: Buffer, meta: { mime: string; stagedFor?: string | null }): Promise<BlobInfo> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const { data, keyEnc } = sealBytes(keyring, bytes);
  const rows = await sql.query<{ id: string }>(
    `INSERT INTO evidence_blob (id, data, key_enc, sha256, size, mime, staged_for, created_at)
     VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6::uuid, now()) RETURNING id::text AS id`,
    [data, keyEnc, sha256, bytes.byteLength, meta.mime, meta.stagedFor ?? null],
  );
  return { id: rows[0]!.id, sha256, size: bytes.byteLength, mime: meta.mime };
}

/** The plain bytes and what they are; null for an unknown id. */
export async function getBlob(sql: Sql, keyring: Keyring, id: string): Promise<(BlobInfo & { bytes: Buffer }) | null> {
  const rows = await sql.query<{ data: Uint8Array; key_enc: string; sha256: string; size: number; mime: string }>(
    `SELECT data, key_enc, sha256, size, mime FROM evidence_blob WHERE id = $1::uuid`,
    [id],
  );
  const r = rows[0];
  if (!r) return null;
  return { id, bytes: openBytes(keyring, r.data, r.key_enc), sha256: r.sha256, size: Number(r.size), mime: r.mime };
}

/**
 * A web chat upload is stored before the flow decides on it; the attachment that names it takes
 * it over here. Only a blob staged for the same conversation can be taken, once.
 */
export async function claimStaged(sql: Sql, id: string, conversationId: string): Promise<BlobInfo | null> {
  const rows = await sql.query<{ id: string; sha256: string; size: number; mime: string }>(
    `UPDATE evidence_blob SET staged_for = NULL WHERE id = $1::uuid AND staged_for = $2::uuid
     RETURNING id::text AS id, sha256, size, mime`,
    [id, conversationId],
  );
  const r = rows[0];
  return r ? { id: r.id, sha256: r.sha256, size: Number(r.size), mime: r.mime } : null;
}

/** Uploads nobody claimed (the worker left the flow): removed after a day. */
export async function dropStaleStaged(sql: Sql, olderThanSeconds = 86_400): Promise<number> {
  const rows = await sql.query<{ n: number }>(
    `WITH d AS (DELETE FROM evidence_blob WHERE staged_for IS NOT NULL AND created_at < now() - make_interval(secs => $1) RETURNING 1)
     SELECT count(*)::int AS n FROM d`,
    [olderThanSeconds],
  );
  return rows[0]?.n ?? 0;
}
