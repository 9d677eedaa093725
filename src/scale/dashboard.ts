/**
 * Dashboard figures for an officer's scope (issue 7 "Dashboard"): per week and per child unit of
 * the scope unit, conversations, handoffs, SLA breaches, registrations and cases (from the
 * rollup tables of rollup.ts: the scope's subtree row, its children's subtree rows, its own row)
 * and first-response time p50/p90 (live from handoff, whose index covers scope + time). Every
 * query is bounded by the scope in SQL: its path, its children by parent path, or the path prefix.
 */
import type { Database } from '../db/client.ts';
import { weekOf } from './rollup.ts';

export const COUNT_METRICS = ['conversations', 'handoffs', 'slaBreaches', 'registrations', 'cases'] as const;
export type CountMetric = (typeof COUNT_METRICS)[number];

export interface UnitRef {
  code: string;
  name: string;
  path: string;
}

export interface DashboardRow extends Record<CountMetric, number> {
  /** seconds from handoff to first officer response; null when no handoff was answered */
  firstResponseP50: number | null;
  firstResponseP90: number | null;
}

export interface Dashboard {
  scope: UnitRef;
  from: string;
  to: string;
  /** Mondays (YYYY-MM-DD), oldest first; every series has one value per week */
  weeks: string[];
  series: Record<CountMetric | 'firstResponseP50' | 'firstResponseP90', Array<number | null>>;
  /** children of the scope unit (the scope unit itself for work routed to it directly), busiest first */
  byUnit: Array<DashboardRow & { unit: UnitRef; direct: boolean }>;
  refreshedAt: string | null;
}

/** LIKE pattern for "path starts with prefix" (paths hold codes, but escape anyway). */
export const prefixPattern = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const SUMS = `sum(conversations)::int AS conversations, sum(handoffs)::int AS handoffs, sum(sla_breaches)::int AS "slaBreaches",
  sum(registrations)::int AS registrations, sum(cases)::int AS cases`;
/** child code of the scope: first path segment after the scope path ('' for the scope unit itself) */
const CHILD = (col: string) => `split_part(substr(${col}, length($1) + 1), '/', 1)`;


type Sql = Pick<Database, 'sql'>;

/**
 * The dashboard of `scope` (a unit the caller already checked is inside the officer's scope) for
 * the weeks that start in [from, to] (YYYY-MM-DD Mondays).
 */
export async function dashboardFor(db: Sql, scope: UnitRef, from: string, to: string): Promise<Dashboard> {
  const like = prefixPattern(scope.path);
  const toExclusive = addDays(to, 7);
  const fromTs = `${from}T00:00:00+07:00`;
  const toTs = `${toExclusive}T00:00:00+07:00`;

  const [weekRows, childRows, ownRows, weekTimes, unitTimes, state] = await Promise.all([
    // the scope's whole subtree: one rollup row per week
    db.sql.query<{ week: string } & Record<CountMetric, number>>(
      `SELECT to_char(week, 'YYYY-MM-DD') AS week, ${SUMS}
         FROM dashboard_week_tree WHERE unit_path = $1 AND week >= $2::date AND week <= $3::date
        GROUP BY week ORDER BY week`,
      [scope.path, from, to],
    ),
    // each child's subtree
    db.sql.query<{ path: string } & Record<CountMetric, number>>(
      `SELECT unit_path AS path, ${SUMS}
         FROM dashboard_week_tree WHERE parent_path = $1 AND week >= $2::date AND week <= $3::date
        GROUP BY unit_path`,
      [scope.path, from, to],
    ),
    // work routed to the scope unit itself (a federation's cases and registrations without a union)
    db.sql.query<Record<CountMetric, number | null>>(
      `SELECT ${SUMS} FROM dashboard_week WHERE unit_path = $1 AND week >= $2::date AND week <= $3::date`,
      [scope.path, from, to],
    ),
    db.sql.query<{ week: string; p50: number | null; p90: number | null }>(
      `SELECT to_char(${weekOf('requested_at')}, 'YYYY-MM-DD') AS week, ${PERCENTILES}
         FROM handoff WHERE unit_path LIKE $1 AND requested_at >= $2 AND requested_at < $3 AND first_response_at IS NOT NULL
        GROUP BY 1`,
      [like, fromTs, toTs],
    ),
    db.sql.query<{ child: string; p50: number | null; p90: number | null }>(
      `SELECT ${CHILD('unit_path')} AS child, ${PERCENTILES}
         FROM handoff WHERE unit_path LIKE $2 AND requested_at >= $3 AND requested_at < $4 AND first_response_at IS NOT NULL
        GROUP BY 1`,
      [scope.path, like, fromTs, toTs],
    ),
    db.sql.query<{ at: Date }>(`SELECT refreshed_at AS at FROM dashboard_rollup_state WHERE id = 1`),
  ]);

  const weeks: string[] = [];
  for (let w = from; w <= to; w = addDays(w, 7)) weeks.push(w);
  const byWeek = new Map(weekRows.map((r) => [r.week, r]));
  const timesByWeek = new Map(weekTimes.map((r) => [r.week, r]));
  const series = {
    conversations: [],
    handoffs: [],
    slaBreaches: [],
    registrations: [],
    cases: [],
    firstResponseP50: [],
    firstResponseP90: [],
  } as Dashboard['series'];
  for (const w of weeks) {
    const r = byWeek.get(w);
    for (const m of COUNT_METRICS) series[m].push(r ? Number(r[m]) : 0);
    const t = timesByWeek.get(w);
    series.firstResponseP50.push(num(t?.p50));
    series.firstResponseP90.push(num(t?.p90));
  }

  const childPath = (child: string) => `${scope.path}${child}/`;
  const children = [...new Set([...childRows.map((r) => r.path), ...unitTimes.filter((r) => r.child !== '').map((r) => childPath(r.child))])];
  const names = new Map(
    children.length === 0
      ? []
      : (await db.sql.query<UnitRef>(`SELECT code, name, path FROM org_unit WHERE path = ANY($1::text[])`, [children])).map((u) => [u.path, u]),
  );
  const times = new Map(unitTimes.map((r) => [r.child === '' ? scope.path : childPath(r.child), r]));
  const rows = new Map<string, Dashboard['byUnit'][number]>();
  const rowFor = (path: string) => {
    let row = rows.get(path);
    if (!row) {
      const direct = path === scope.path;
      const code = path.slice(scope.path.length, -1);
      const unit = direct ? scope : (names.get(path) ?? { code, name: code, path });
      const t = times.get(path);
      row = { unit, direct, conversations: 0, handoffs: 0, slaBreaches: 0, registrations: 0, cases: 0, firstResponseP50: num(t?.p50), firstResponseP90: num(t?.p90) };
      rows.set(path, row);
    }
    return row;
  };
  const own = ownRows[0];
  if (own && COUNT_METRICS.some((m) => Number(own[m] ?? 0) > 0)) {
    const row = rowFor(scope.path);
    for (const m of COUNT_METRICS) row[m] = Number(own[m] ?? 0);
  }
  for (const r of childRows) {
    const row = rowFor(r.path);
    for (const m of COUNT_METRICS) row[m] = Number(r[m]);
  }
  for (const path of times.keys()) rowFor(path);
  const byUnit = [...rows.values()].sort(
    (a, b) => b.conversations + b.handoffs + b.registrations + b.cases - (a.conversations + a.handoffs + a.registrations + a.cases) || a.unit.code.localeCompare(b.unit.code),
  );
  return { scope, from, to, weeks, series, byUnit, refreshedAt: state[0] ? new Date(state[0].at).toISOString() : null };
}

const PERCENTILES = `round(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_response_at - requested_at)))::int AS p50,
  round(percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM first_response_at - requested_at)))::int AS p90`;

const num = (v: number | string | null | undefined): number | null => (v === null || v === undefined ? null : Number(v));

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
