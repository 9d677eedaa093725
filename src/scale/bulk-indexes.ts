/**
 * Bulk-load technique for a fresh schema: secondary indexes are dropped before millions of rows
 * go in and rebuilt afterwards. One CREATE INDEX sorts once (and uses parallel workers); keeping
 * the index means one random b-tree descent per row, several times slower for the random hex of
 * keyed hashes. Unique indexes are rebuilt too, so a duplicate phone/CCCD hash or member number
 * still fails the run. Primary keys stay: generated ids are ordered, so they only append.
 */
import type { Database } from '../db/client.ts';

export interface SavedIndex {
  name: string;
  def: string;
}

export const BULK_TABLES = ['member', 'channel_identity', 'conversation', 'registration', 'grievance_case', 'handoff'] as const;

/** Drops the secondary indexes of the bulk tables when they are all empty; returns what to rebuild. */
export async function dropSecondaryIndexes(db: Pick<Database, 'sql'>): Promise<SavedIndex[]> {
  for (const t of BULK_TABLES) {
    const rows = await db.sql.query(`SELECT 1 FROM ${t} LIMIT 1`);
    if (rows.length > 0) return [];
  }
  const saved = await db.sql.query<SavedIndex>(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
      WHERE t.relnamespace = current_schema()::regnamespace
        AND t.relname = ANY($1::text[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
      ORDER BY t.relname, i.relname`,
    [[...BULK_TABLES]],
  );
  for (const s of saved) await db.sql.query(`DROP INDEX IF EXISTS "${s.name}"`);
  return saved;
}

/** Rebuilds what dropSecondaryIndexes saved, with enough sort memory for 11 M rows. */
export async function recreateIndexes(db: Pick<Database, 'sql'>, saved: readonly SavedIndex[], onDone?: (n: number) => void): Promise<void> {
  let done = 0;
  for (const s of saved) {
    // one simple-protocol round trip, so the SET applies to the connection that builds the index
    await db.sql.query(`SET maintenance_work_mem = '512MB'; ${s.def.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX IF NOT EXISTS ')}`);
    onDone?.(++done);
  }
}
