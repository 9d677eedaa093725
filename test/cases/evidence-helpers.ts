/** Running the evidence download worker in a test, and looking at what it stored. */
import type { App } from '../../src/app/app.ts';
import { getBlob } from '../../src/blobs/store.ts';
import { fetchAttachment, type FetchOutcome } from '../../src/cases/fetch.ts';

/** Every pending attachment, one attempt each, as the fetch-attachment queue worker would. */
export async function fetchAll(app: App): Promise<FetchOutcome[]> {
  const deps = { sql: app.db.sql, prisma: app.db.prisma, keyring: app.services.keyring, adapters: app.adapters, queue: { enqueue: async () => {} }, log: app.log };
  const pending = await app.db.prisma.grievanceAttachment.findMany({ where: { fetchStatus: 'pending' }, select: { id: true }, orderBy: { createdAt: 'asc' } });
  const out: FetchOutcome[] = [];
  for (const a of pending) out.push(await fetchAttachment(deps, a.id));
  return out;
}

/** The case's evidence rows with the plain bytes of the stored ones. */
export async function evidenceOf(app: App, caseId: string) {
  const rows = await app.db.prisma.grievanceAttachment.findMany({ where: { caseId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  return Promise.all(
    rows.map(async (r) => ({
      id: r.id,
      name: r.name,
      status: r.fetchStatus,
      reason: r.fetchReason,
      mime: r.mime,
      bytes: r.blobId ? ((await getBlob(app.db.sql, app.services.keyring, r.blobId))?.bytes ?? null) : null,
    })),
  );
}
