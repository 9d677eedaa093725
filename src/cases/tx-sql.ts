import type { Tx } from '../app/services.ts';
import type { Sql } from '../db/client.ts';

/** The pipeline's raw-SQL helpers (queueNotice) bound to a Prisma transaction, so a notice commits with the change. */
export function txSql(tx: Tx): Sql {
  return { query: <T>(text: string, params: unknown[] = []) => tx.$queryRawUnsafe<T[]>(text, ...params) };
}
