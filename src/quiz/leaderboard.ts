import type { Prisma } from '../generated/prisma/client.ts';

type Db = Prisma.TransactionClient;

export interface Standing {
  rank: number;
  attemptId: string;
  personKey: string;
  fullName: string;
  unitName: string;
  orgUnitCode: string | null;
  score: number;
  durationMs: number;
  finishedAt: Date | null;
  prediction: number | null;
  channel: string;
  phoneEnc: string | null;
}

/**
 * Each person's best attempt, ranked by score then time (equal on both = equal rank). An attempt
 * abandoned in the middle counts once its deadline has passed, with the answers given in time.
 */
const BEST = `
  WITH best AS (
    SELECT DISTINCT ON (a.person_key) a.id, a.person_key, a.full_name, a.unit_name, a.org_unit_id, a.score,
           COALESCE(a.duration_ms, (EXTRACT(EPOCH FROM (a.deadline_at - a.started_at)) * 1000)::int) AS duration_ms,
           COALESCE(a.finished_at, a.deadline_at) AS finished_at, a.prediction, a.channel, a.phone_enc
      FROM contest_attempt a
     WHERE a.contest_id = $1 AND (a.status <> 'in_progress' OR a.deadline_at <= $2)
     ORDER BY a.person_key, a.score DESC,
              COALESCE(a.duration_ms, (EXTRACT(EPOCH FROM (a.deadline_at - a.started_at)) * 1000)::int) ASC, a.started_at ASC
  )`;

interface Row {
  rank: bigint;
  id: string;
  person_key: string;
  full_name: string;
  unit_name: string;
  code: string | null;
  score: number;
  duration_ms: number;
  finished_at: Date | null;
  prediction: number | null;
  channel: string;
  phone_enc: string | null;
}

const toStanding = (r: Row): Standing => ({
  rank: Number(r.rank),
  attemptId: r.id,
  personKey: r.person_key,
  fullName: r.full_name,
  unitName: r.unit_name,
  orgUnitCode: r.code,
  score: r.score,
  durationMs: r.duration_ms,
  finishedAt: r.finished_at,
  prediction: r.prediction,
  channel: r.channel,
  phoneEnc: r.phone_enc,
});

export async function leaderboard(db: Db, contestId: string, now: Date, opts: { limit?: number; orgUnitId?: string } = {}): Promise<Standing[]> {
  const rows = await db.$queryRawUnsafe<Row[]>(
    `${BEST}
     SELECT RANK() OVER (ORDER BY b.score DESC, b.duration_ms ASC) AS rank, b.*, o.code
       FROM best b LEFT JOIN org_unit o ON o.id = b.org_unit_id
      WHERE ($3::uuid IS NULL OR b.org_unit_id = $3::uuid)
      ORDER BY rank, b.finished_at, b.id
      LIMIT $4`,
    contestId,
    now,
    opts.orgUnitId ?? null,
    opts.limit ?? 1_000_000,
  );
  return rows.map(toStanding);
}

/** One person's rank among everyone (not only their unit); null before their attempt counts. */
export async function standingOf(db: Db, contestId: string, personKey: string, now: Date): Promise<(Standing & { total: number }) | null> {
  const rows = await db.$queryRawUnsafe<Array<Row & { total: bigint }>>(
    `${BEST},
     ranked AS (SELECT RANK() OVER (ORDER BY score DESC, duration_ms ASC) AS rank, count(*) OVER () AS total, b.* FROM best b)
     SELECT r.*, o.code FROM ranked r LEFT JOIN org_unit o ON o.id = r.org_unit_id WHERE r.person_key = $3`,
    contestId,
    now,
    personKey,
  );
  const r = rows[0];
  return r ? { ...toStanding(r), total: Number(r.total) } : null;
}

export interface UnitStanding {
  orgUnitCode: string | null;
  unitName: string;
  participants: number;
  averageScore: number;
  topScore: number;
}

/** Per org unit: members by their unit, non-members by the unit they named. */
export async function unitLeaderboard(db: Db, contestId: string, now: Date): Promise<UnitStanding[]> {
  const rows = await db.$queryRawUnsafe<Array<{ code: string | null; unit: string; n: bigint; avg: number; top: number }>>(
    `${BEST}
     SELECT o.code, COALESCE(o.name, b.unit_name) AS unit, count(*) AS n, avg(b.score)::float8 AS avg, max(b.score) AS top
       FROM best b LEFT JOIN org_unit o ON o.id = b.org_unit_id
      GROUP BY o.code, COALESCE(o.name, b.unit_name)
      ORDER BY n DESC, avg DESC, unit`,
    contestId,
    now,
  );
  return rows.map((r) => ({ orgUnitCode: r.code, unitName: r.unit, participants: Number(r.n), averageScore: Number(r.avg), topScore: Number(r.top) }));
}
