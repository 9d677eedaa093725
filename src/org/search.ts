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
import { Prisma, type OrgKind } from '../generated/prisma/client.ts';
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
  const present = async (): Promise<boolean> =>
    (await db.$queryRaw<Array<{ present: boolean }>>`SELECT to_regclass('org_unit_search_fts') IS NOT NULL AS present`)[0]
      ?.present === true;
  if (await present()) return;
  try {
    await db.$executeRawUnsafe(ORG_SEARCH_INDEX_SQL);
  } catch (err) {
    // Two instances starting together both see no index; IF NOT EXISTS does not stop the second
    // CREATE from failing on the catalog's unique key. Losing that race is fine.
    if (!(await present())) throw err;
  }
}

export interface GrassrootsHit {
  id: string;
  code: string;
  name: string;
  employer: string | null;
  provinceCode: string | null;
  /**
   * Relative, higher is better: about 1 when every word typed was found, plus a small bonus for
   * the preferred province and for words in the same order; hits below 0.45 are not returned.
   */
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
/** A hit this good means the worker's words were found; looser prefilters are not needed. */
const CONFIDENT = 0.9;
/** More words than this only make the prefilter's combinations explode; brand words, then the longest, are kept. */
const MAX_DRIVERS = 6;

const CODE_PATTERN = /^\s*cs\s*(\d{2})\s*-?\s*(\d{1,6})\s*$/i;

/**
 * Grassroots rows matching a tsquery, units of the preferred province first. `ranked` also orders
 * by how much of the query a row matches; that recomputes each match's tsvector, so it is used
 * only for the looser fallback queries, whose matches must be cut to CANDIDATES sensibly.
 */
async function prefilter(db: OrgDb, tsquery: string, provinceCode: string | null, ranked: boolean): Promise<Candidate[]> {
  const rank = ranked
    ? Prisma.sql`ts_rank(to_tsvector('simple'::regconfig, search_key), to_tsquery('simple'::regconfig, ${tsquery})) DESC,`
    : Prisma.empty;
  return db.$queryRaw<Candidate[]>`
    SELECT id::text AS id, code, name, employer, province_code, search_key
    FROM org_unit
    WHERE kind = 'grassroots'
      AND to_tsvector('simple'::regconfig, search_key) @@ to_tsquery('simple'::regconfig, ${tsquery})
    ORDER BY (province_code IS NOT DISTINCT FROM ${provinceCode}) DESC, ${rank} code
    LIMIT ${CANDIDATES}`;
}

/**
 * A tsquery true when at least `k` of the words match as prefixes: "(a & b) | (a & c) | (b & c)".
 * Words are [a-z0-9]+ after tokenize(), so they are safe inside a tsquery.
 */
function atLeast(words: readonly string[], k: number): string {
  const terms = [...new Set(words)].map((w) => `${w}:*`);
  const need = Math.min(Math.max(k, 1), terms.length);
  const groups: string[] = [];
  const pick = (from: number, chosen: string[]): void => {
    if (chosen.length === need) {
      groups.push(chosen.length === 1 ? chosen[0]! : `(${chosen.join(' & ')})`);
      return;
    }
    for (let i = from; i <= terms.length - (need - chosen.length); i++) pick(i + 1, [...chosen, terms[i]!]);
  };
  pick(0, []);
  return groups.join(' | ');
}

/**
 * Grassroots units (công đoàn cơ sở, nghiệp đoàn cơ sở) whose name or employer matches the text
 * a worker typed: "cty may song hong", "Công ty May Sông Hồng", "samsug". Best first.
 * A query made only of words every unit has ("công ty TNHH") names nothing and returns [].
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
  const usable = tokens.filter((t) => t.role !== 'generic' && t.token.length >= 2);
  // Brand words first, so a long query keeps them when it is cut to MAX_DRIVERS.
  usable.sort((a, b) => Number(b.role === 'brand') - Number(a.role === 'brand') || b.token.length - a.token.length);
  const kept = usable.slice(0, MAX_DRIVERS);
  const drivers = kept.map((t) => t.token);
  if (drivers.length === 0) return [];
  const n = drivers.length;
  const stem = (t: string): string => (t.length > 3 ? t.slice(0, 3) : t);
  const stems = drivers.map(stem);
  const brands = kept.filter((t) => t.role === 'brand').map((t) => t.token);
  // The ranking drops units matching none of the brand words, so the looser queries need not
  // fetch them: requiring one keeps "may <unknown brand>" from reading every garment factory.
  const withBrand = (tsquery: string, brandTerms: readonly string[]): string =>
    brandTerms.length === 0 ? tsquery : `(${atLeast(brandTerms, 1)}) & (${tsquery})`;

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
  const found = (): boolean => [...scored.values()].some((h) => h.score >= CONFIDENT);

  // Each step runs only if the ones before found nothing convincing; each is an index lookup.
  // 1. every word, as typed or as the start of a word: the common case.
  rank(await prefilter(db, atLeast(drivers, n), provinceCode, false));
  // 2. all but one or two words: survives words that are not in the name ("... bac ninh") and a
  //    typo in one word.
  if (!found() && n > 1) {
    rank(await prefilter(db, withBrand(atLeast(drivers, n >= 4 ? n - 2 : n - 1), brands), provinceCode, true));
  }
  // 3. the first three letters of most words: survives typos after them ("samsug", "song hogn").
  if (!found()) {
    // Without a brand word to anchor it, "any one of two stems" would read half the table.
    const k = n >= 3 || brands.length > 0 ? n - 1 : n;
    rank(await prefilter(db, withBrand(atLeast(stems, k), brands.map(stem)), provinceCode, true));
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
