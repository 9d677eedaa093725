import type { Tx } from '../app/services.ts';
import { CATALOG_VERSION_KEY } from './load.ts';
import { programmeSchema, runsAt, type Programme } from './schema.ts';

/**
 * The programmes on offer, per turn. The catalog changes only when `benefits:load` runs, which
 * also writes a content version row; so a turn costs one primary-key read of that row, and the
 * full table is read and parsed only after a load. Keyed by the version rather than by time, so
 * every process (server, worker) sees a new catalog on its very next turn, and two databases with
 * different content (tests) never share an entry. Period checks use the turn's clock, not the
 * cache, so an expired programme disappears at its end date without a reload.
 */
let cached: { version: string; programmes: Programme[] } | undefined;

export async function catalogVersion(tx: Tx): Promise<string | null> {
  const row = await tx.systemSetting.findUnique({ where: { key: CATALOG_VERSION_KEY }, select: { value: true } });
  return typeof row?.value === 'string' ? row.value : null;
}

export async function loadedProgrammes(tx: Tx): Promise<Programme[]> {
  const version = await catalogVersion(tx);
  if (version === null) return [];
  if (cached?.version === version) return cached.programmes;
  const rows = await tx.benefitProgramme.findMany({ where: { active: true }, select: { data: true }, orderBy: { id: 'asc' } });
  // validated on load; parsing again gives typed values and drops rows a newer schema rejects
  const programmes = rows.flatMap((r) => {
    const p = programmeSchema.safeParse(r.data);
    return p.success ? [p.data] : [];
  });
  cached = { version, programmes };
  return programmes;
}

/** Active programmes running at `now`. */
export async function currentProgrammes(tx: Tx, now: Date): Promise<Programme[]> {
  return (await loadedProgrammes(tx)).filter((p) => runsAt(p, now));
}

export async function findProgramme(tx: Tx, id: string, now: Date): Promise<Programme | undefined> {
  return (await currentProgrammes(tx, now)).find((p) => p.id === id);
}
