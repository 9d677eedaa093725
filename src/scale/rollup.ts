/**
 * The dashboard rollup: counts per org unit and week (dashboard_week: the unit's own work;
 * dashboard_week_tree: the unit's whole subtree), recomputed from the source tables.
 * Conversations are attributed to the member's grassroots union (identity →
 * member → unit); handoffs to the unit whose queue holds them; registrations and cases to the
 * unit they were routed to. Counting conversations live would join conversation, identity and
 * member on every dashboard load (5 M + 5 M + 11 M rows at national scale); the rollup turns that
 * into a prefix scan of a small table.
 *
 * Weeks start on Monday in Vietnam time (UTC+7, no daylight saving, so a fixed offset is exact
 * and works on PGlite without time-zone data).
 */
import type { Database } from '../db/client.ts';

export const weekOf = (col: string) => `date_trunc('week', (${col} AT TIME ZONE 'UTC') + interval '7 hours')::date`;

/** Monday (YYYY-MM-DD) of the Vietnam-time week that contains `at`. */
export function mondayOf(at: Date): string {
  const local = new Date(at.getTime() + 7 * 3_600_000);
  const dow = (local.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - dow)).toISOString().slice(0, 10);
}

export interface RollupResult {
  refreshed: boolean;
  rows: number;
  fromWeek: string;
  seconds: number;
}

/** Arbitrary constant: one rollup at a time across processes. */
const LOCK_KEY = 80_808_001;

/**
 * Recomputes every week from `fromWeek` (a Monday; default: the whole history) up to now.
 * Skips (refreshed: false) when another process is already refreshing.
 */
export async function refreshDashboardRollup(db: Pick<Database, 'prisma'>, opts: { fromWeek?: string; now?: Date } = {}): Promise<RollupResult> {
  const started = performance.now();
  const fromWeek = opts.fromWeek ?? '1970-01-05';
  const now = opts.now ?? new Date();
  const from = new Date(`${fromWeek}T00:00:00+07:00`);
  return db.prisma.$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRawUnsafe<Array<{ ok: boolean }>>(`SELECT pg_try_advisory_xact_lock(${LOCK_KEY}) AS ok`);
      if (!lock?.ok) return { refreshed: false, rows: 0, fromWeek, seconds: 0 };
      await tx.$executeRawUnsafe(`DELETE FROM dashboard_week WHERE week >= $1::date`, fromWeek);
      const rows = await tx.$executeRawUnsafe(
        `INSERT INTO dashboard_week (unit_id, unit_path, week, conversations, handoffs, sla_breaches, registrations, cases)
         SELECT u.id, u.path, x.week, sum(x.conv)::int, sum(x.hand)::int, sum(x.breach)::int, sum(x.reg)::int, sum(x.cases)::int
           FROM (
             SELECT m.org_unit_id AS unit_id, ${weekOf('c.created_at')} AS week, count(*) AS conv, 0 AS hand, 0 AS breach, 0 AS reg, 0 AS cases
               FROM conversation c
               JOIN channel_identity i ON i.id = c.identity_id
               JOIN member m ON m.id = i.member_id
              WHERE c.created_at >= $1 AND m.org_unit_id IS NOT NULL
              GROUP BY 1, 2
             UNION ALL
             SELECT h.unit_id, ${weekOf('h.requested_at')}, 0, count(*),
                    count(*) FILTER (WHERE coalesce(h.first_response_at, $2) > h.sla_due_at), 0, 0
               FROM handoff h WHERE h.requested_at >= $1 GROUP BY 1, 2
             UNION ALL
             SELECT r.routed_to_id, ${weekOf('r.created_at')}, 0, 0, 0, count(*), 0
               FROM registration r WHERE r.created_at >= $1 GROUP BY 1, 2
             UNION ALL
             SELECT g.routed_to_id, ${weekOf('g.created_at')}, 0, 0, 0, 0, count(*)
               FROM grievance_case g WHERE g.created_at >= $1 GROUP BY 1, 2
           ) x
           JOIN org_unit u ON u.id = x.unit_id
          GROUP BY u.id, u.path, x.week`,
        from,
        now,
      );
      // subtree totals: every unit-week row counts for the unit and each of its ancestors
      await tx.$executeRawUnsafe(`DELETE FROM dashboard_week_tree WHERE week >= $1::date`, fromWeek);
      await tx.$executeRawUnsafe(
        `INSERT INTO dashboard_week_tree (unit_path, parent_path, week, conversations, handoffs, sla_breaches, registrations, cases)
         SELECT '/' || array_to_string(d.parts[1:k], '/') || '/',
                CASE WHEN k = 1 THEN '' ELSE '/' || array_to_string(d.parts[1:k - 1], '/') || '/' END,
                d.week, sum(d.conversations)::int, sum(d.handoffs)::int, sum(d.sla_breaches)::int, sum(d.registrations)::int, sum(d.cases)::int
           FROM (SELECT string_to_array(trim(both '/' from unit_path), '/') AS parts, week, conversations, handoffs, sla_breaches, registrations, cases
                   FROM dashboard_week WHERE week >= $1::date) d
           CROSS JOIN LATERAL generate_series(1, array_length(d.parts, 1)) AS k
          GROUP BY 1, 2, 3`,
        fromWeek,
      );
      await tx.$executeRawUnsafe(
        `INSERT INTO dashboard_rollup_state (id, refreshed_at, from_week) VALUES (1, $1, $2::date)
         ON CONFLICT (id) DO UPDATE SET refreshed_at = excluded.refreshed_at, from_week = excluded.from_week`,
        now,
        fromWeek,
      );
      return { refreshed: true, rows, fromWeek, seconds: (performance.now() - started) / 1000 };
    },
    { timeout: 30 * 60_000, maxWait: 10_000 },
  );
}

export async function rollupRefreshedAt(db: Pick<Database, 'sql'>): Promise<Date | null> {
  const [row] = await db.sql.query<{ at: Date }>(`SELECT refreshed_at AS at FROM dashboard_rollup_state WHERE id = 1`);
  return row ? new Date(row.at) : null;
}

/**
 * Keeps the rollup fresh without a scheduler: when the last refresh is older than `maxAgeMs`,
 * recompute from the week before the last refresh (at most one refresh at a time per process;
 * the advisory lock keeps other processes out). The dashboard therefore lags by at most maxAgeMs
 * plus one refresh. `poke` waits for the refresh up to `waitMs` (a recent-weeks refresh takes
 * milliseconds on small data), so a request normally reads fresh figures and leaves no work
 * running behind it; a long one (a national rollup after weeks without a visit) finishes in the
 * background while the request answers from the previous rollup.
 */
export function createRollupRefresher(
  db: Pick<Database, 'prisma' | 'sql'>,
  opts: { maxAgeMs?: number; waitMs?: number; clock?: () => Date; onError?: (err: unknown) => void } = {},
) {
  const maxAge = opts.maxAgeMs ?? 5 * 60_000;
  const waitMs = opts.waitMs ?? 10_000;
  const clock = opts.clock ?? (() => new Date());
  let running: Promise<unknown> | null = null;
  return {
    /** refreshes if due, waiting at most waitMs; never throws */
    async poke(): Promise<void> {
      if (!running) {
        const last = await rollupRefreshedAt(db);
        const now = clock();
        if (last && now.getTime() - last.getTime() < maxAge) return;
        const fromWeek = last ? mondayOf(new Date(Math.min(now.getTime(), last.getTime()) - 7 * 86_400_000)) : undefined;
        running = refreshDashboardRollup(db, { fromWeek, now })
          .catch((err: unknown) => opts.onError?.(err))
          .finally(() => (running = null));
      }
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([running, new Promise((r) => (timer = setTimeout(r, waitMs)))]);
      clearTimeout(timer);
    },
    /** for shutdown: the refresh in progress, if any */
    settled: () => running ?? Promise.resolve(),
  };
}
