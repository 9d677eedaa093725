import type { Sql } from '../db/client.ts';
import type { JobQueue } from '../queue/types.ts';
import { hintPendingFetches } from '../cases/fetch.ts';
import { dropStaleStaged } from '../blobs/store.ts';

/**
 * Step 4: re-hints the queues for everything the database says is undone. Run at start-up (with
 * no age limit: whatever was in flight when the last process died) and then periodically (only
 * rows older than `minAgeMs`, so work that is merely queued is not hinted twice). This is what
 * makes a kill -9 or a Redis flush lose nothing: the rows are the truth, jobs are hints.
 */
export async function sweep(sql: Sql, queue: JobQueue, minAgeMs: number): Promise<{ turns: number; deliveries: number; fetches: number }> {
  const seconds = minAgeMs / 1000;
  // Job ids name the oldest undone row, so a sweep under load does not pile a second hint onto a
  // job still waiting in the queue (the ids match the accept step's own `t-<inbox id>`).
  const turns = await sql.query<{ conversation_id: string; first: string }>(
    `SELECT conversation_id::text AS conversation_id, min(id)::text AS first FROM inbox_message
      WHERE status = 'pending' AND received_at < now() - make_interval(secs => $1)
      GROUP BY conversation_id`,
    [seconds],
  );
  for (const r of turns) await queue.enqueue('turn', r.conversation_id, { jobId: `t-${r.first}` });
  const deliveries = await sql.query<{ conversation_id: string; first: string }>(
    `SELECT conversation_id::text AS conversation_id, min(id)::text AS first FROM outbox_message
      WHERE (status = 'pending' AND next_attempt_at < now() - make_interval(secs => $1))
         OR (status = 'sending' AND lease_until < now())
      GROUP BY conversation_id`,
    [seconds],
  );
  for (const r of deliveries) await queue.enqueue('deliver', r.conversation_id, { jobId: `d-${r.first}` });
  // evidence files still to download (issue 4); web chat uploads nobody claimed within a day go
  const fetches = await hintPendingFetches(sql, queue, seconds);
  await dropStaleStaged(sql);
  return { turns: turns.length, deliveries: deliveries.length, fetches };
}
