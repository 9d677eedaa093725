import type { Sql } from '../db/client.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { Keyring } from '../security/crypto.ts';
import { openBytes } from '../blobs/seal.ts';
import type { OfficerContext } from './token.ts';

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
const likePrefix = (path: string) => path.replace(/[\\%_]/g, '\\$&');

export interface EvidenceFile {
  bytes: Buffer;
  mime: string;
  name: string;
  sha256: string;
}

/**
 * The stored bytes of one piece of evidence, for an officer whose scope holds the case: the scope
 * is part of the query, so a file of another unit is not found rather than found and refused.
 * Every read, and every refused one, leaves an audit row (evidence is personal data).
 */
export async function readEvidence(
  db: { sql: Sql; prisma: PrismaClient },
  keyring: Keyring,
  ctx: OfficerContext,
  caseId: string,
  attachmentId: string,
  now: Date,
): Promise<EvidenceFile | null> {
  const rows =
    isUuid(caseId) && isUuid(attachmentId)
      ? await db.sql.query<{ data: Uint8Array; key_enc: string; mime: string; sha256: string; name: string | null; type: string }>(
          `SELECT b.data, b.key_enc, b.mime, b.sha256, a.name, a.type
             FROM grievance_attachment a
             JOIN grievance_case c ON c.id = a.case_id
             JOIN evidence_blob b ON b.id = a.blob_id
            WHERE a.id = $1::uuid AND a.case_id = $2::uuid AND a.fetch_status = 'stored'
              AND c.routed_path LIKE $3 || '%'`,
          [attachmentId, caseId, likePrefix(ctx.scopePath)],
        )
      : [];
  const r = rows[0];
  await db.prisma.auditLog.create({
    data: {
      at: now,
      actorType: 'officer',
      actorId: ctx.officerId,
      action: r ? 'case.evidence_read' : 'case.evidence_read_denied',
      entity: 'grievance_case',
      entityId: isUuid(caseId) ? caseId : 'invalid',
      details: { scopePath: ctx.scopePath, attachmentId: isUuid(attachmentId) ? attachmentId : 'invalid' },
    },
  });
  if (!r) return null;
  return { bytes: openBytes(keyring, r.data, r.key_enc), mime: r.mime, sha256: r.sha256, name: r.name ?? `${r.type}-${attachmentId.slice(0, 8)}` };
}

/** Content-Disposition for a worker-supplied name: an ASCII fallback plus the UTF-8 original (RFC 6266). */
export function attachmentDisposition(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\;]/g, '_');
  return `attachment; filename="${ascii || 'evidence'}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
