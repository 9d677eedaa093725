/**
 * Finding a worker's grassroots union from what they type, and the units around it.
 *
 * Two steps: a database prefilter that only has to be generous and cheap, then ranking in
 * TypeScript (match.ts) that understands typos and abbreviations. The prefilter is PostgreSQL's
 * built-in full-text search over search_key with the 'simple' configuration (no stemming, no
 * stop words) and prefix terms ("song:*"). That is core PostgreSQL, so it also runs on PGlite,
 * where pg_trgm and unaccent cannot be assumed. With the GIN expression index created by
 * ensureOrgSearchIndex it is an index lookup; without it, the same query is a sequential scan
 * and still correct.
 */
import type { OrgKind, Prisma } from '../generated/prisma/client.ts';
import { queryTokens, scoreUnit, type QueryToken } from './match.ts';

/** A Prisma client or an interactive-transaction client. */
export type OrgDb = Prisma.TransactionClient;

/**
 * The expression index the prefilter needs. The expression must stay byte-for-byte the one in
 * prefilter(), or the planner will not use it. Belongs in a migration; until one has it,
 * loadOrgTree creates it.
 */
export const ORG_SEARCH_INDEX_SQL =
  "CREATE INDEX IF NOT EXISTS org_unit_search_fts ON org_unit USING gin (to_tsvector('simple'::regconfig, search_key))";

export async function ensureOrgSearchIndex(db: OrgDb): Promise<void> {
  await db.$executeRawUnsafe(ORG_SEARCH_INDEX_SQL);
}

export interface GrassrootsHit {
  id: string;
  code: string;
  name: string;
  employer: string | null;
  provinceCode: string | null;
  score: number;
}

export interface SearchOptions {
  /** units of this province rank first among similar matches */
  provinceCode?: string;
  /** default 5 */
  limit?: number;
}

interface Candidate {
  id: string;
  code: string;
  name: string;
  employer: string | null;
  province_code: string | null;
  search_key: string;
}

/** How many rows one prefilter query may hand to the ranking step. */
const CANDIDATES = 300;
/** Worth more than small wording differences, less than a missing word. */
const PROVINCE_BONUS = 0.08;
/** Below this a unit is noise, not a suggestion. */
const MIN_SCORE = 0.45;
/** A hit this good means the exact-word prefilter found what the worker meant. */
const CONFIDENT = 0.9;

const CODE_PATTERN = /^\s*cs\s*(\d{2})\s*-?\s*(\d{1,6})\s*$/i;

async function prefilter(db: OrgDb, tsquery: string, provinceCode: string | null): Promise<Candidate[]> {
  return db.$queryRaw<Candidate[]>`
    SELECT id::text AS id, code, name, employer, province_code, search_key
    FROM org_unit
    WHERE kind = 'grassroots'
      AND to_tsvector('simple'::regconfig, search_key) @@ to_tsquery('simple'::regconfig, ${tsquery})
    ORDER BY (province_code IS NOT DISTINCT FROM ${provinceCode}) DESC,
             ts_rank(to_tsvector('simple'::regconfig, search_key), to_tsquery('simple'::regconfig, ${tsquery})) DESC,
             code
    LIMIT ${CANDIDATES}`;
}

/** Tokens are [a-z0-9]+ after tokenize(), so they are safe inside a tsquery. */
const prefix = (tokens: readonly string[], op: '&' | '|'): string => tokens.map((t) => `${t}:*`).join(` ${op} `);

/**
 * Grassroots units (công đoàn cơ sở, nghiệp đoàn cơ sở) whose name or employer matches the text
 * a worker typed: "cty may song hong", "Công ty May Sông Hồng", "samsug". Best first.
 */
export async function searchGrassroots(db: OrgDb, query: string, opts: SearchOptions = {}): Promise<GrassrootsHit[]> {
  const limit = opts.limit ?? 5;
  const provinceCode = opts.provinceCode ?? null;
  if (limit <= 0) return [];

  const code = CODE_PATTERN.exec(query);
  if (code) {
    const unit = await db.orgUnit.findFirst({
      where: { code: `CS${code[1]}-${code[2]!.padStart(4, '0')}`, kind: 'grassroots' },
      select: { id: true, code: true, name: true, employer: true, provinceCode: true },
    });
    if (unit) return [{ ...unit, score: 1 }];
  }

  const tokens = queryTokens(query);
  const distinctive = tokens.filter((t) => !t.generic && t.token.length >= 2).map((t) => t.token);
  const drivers = distinctive.length > 0 ? distinctive : tokens.map((t) => t.token).filter((t) => t.length >= 2);
  if (drivers.length === 0) return [];

  const scored = new Map<string, GrassrootsHit>();
  const rank = (rows: Candidate[]): void => {
    for (const row of rows) {
      if (scored.has(row.id)) continue;
      const score = scoreOf(tokens, row, provinceCode);
      if (score >= MIN_SCORE) {
        scored.set(row.id, {
          id: row.id,
          code: row.code,
          name: row.name,
          employer: row.employer,
          provinceCode: row.province_code,
          score: Math.round(score * 1000) / 1000,
        });
      }
    }
  };
  const enough = (): boolean => [...scored.values()].filter((h) => h.score >= CONFIDENT).length >= limit;

  // 1. every word, as typed (prefixes allowed): the common case, and the cheapest.
  rank(await prefilter(db, prefix(drivers, '&'), provinceCode));
  // 2. any word: survives an extra word that is not in the name ("may song hong bac ninh").
  if (!enough() && drivers.length > 1) rank(await prefilter(db, prefix(drivers, '|'), provinceCode));
  // 3. the first three letters of any word: survives a typo after them ("samsug", "hogn").
  if (!enough()) {
    const stems = [...new Set(drivers.map((t) => (t.length > 3 ? t.slice(0, 3) : t)))];
    rank(await prefilter(db, prefix(stems, '|'), provinceCode));
  }

  return [...scored.values()]
    .sort((a, b) => b.score - a.score || a.code.localeCompare(b.code))
    .slice(0, limit);
}

function scoreOf(tokens: readonly QueryToken[], row: Candidate, provinceCode: string | null): number {
  const base = scoreUnit(tokens, row.search_key);
  if (base === 0) return 0;
  return base + (provinceCode !== null && row.province_code === provinceCode ? PROVINCE_BONUS : 0);
}

export interface OrgUnitSummary {
  id: string;
  code: string;
  name: string;
  kind: OrgKind;
  provinceCode: string | null;
}

const SUMMARY = { id: true, code: true, name: true, kind: true, provinceCode: true } as const;

/**
 * The provincial labour federation (kind province) of a province: where a worker's application
 * goes when their workplace has no grassroots union (HD 38 §3.1: the nearest upper-level union).
 */
export async function provincialFederation(db: OrgDb, provinceCode: string): Promise<OrgUnitSummary | null> {
  return db.orgUnit.findFirst({ where: { kind: 'province', provinceCode }, select: SUMMARY });
}

/** The chain from the confederation down to the unit itself, root first; [] for an unknown id. */
export async function unitPath(db: OrgDb, id: string): Promise<OrgUnitSummary[]> {
  const unit = await db.orgUnit.findUnique({ where: { id }, select: { path: true } });
  if (!unit) return [];
  const codes = unit.path.split('/').filter((c) => c !== '');
  const units = await db.orgUnit.findMany({ where: { code: { in: codes } }, select: SUMMARY });
  const byCode = new Map(units.map((u) => [u.code, u]));
  return codes.map((c) => byCode.get(c)).filter((u): u is OrgUnitSummary => u !== undefined);
}
