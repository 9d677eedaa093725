import { createHash } from 'node:crypto';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import type { CatalogEntry } from './read.ts';
import { endsAt, scopeOf, startsAt } from './schema.ts';

/** system_setting row whose value changes whenever the loaded catalog does (see catalog.ts). */
export const CATALOG_VERSION_KEY = 'benefits.catalog_version';

export interface LoadResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** programmes in the database that are no longer in the repo, now inactive */
  deactivated: string[];
  /** unit codes the org tree does not know: the programme loads but matches nobody yet */
  unknownUnits: Array<{ id: string; code: string }>;
  version: string;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Makes the database match the repo, idempotently: unchanged programmes are not written, changed
 * ones are replaced, and programmes no longer in the repo are marked inactive rather than deleted
 * (requests filed under them keep their meaning). Everything commits together, including the new
 * catalog version every process compares on its next turn.
 */
export async function loadCatalog(prisma: PrismaClient, entries: CatalogEntry[]): Promise<LoadResult> {
  return prisma.$transaction(async (tx) => {
    const existing = new Map((await tx.benefitProgramme.findMany({ select: { id: true, hash: true, active: true } })).map((r) => [r.id, r]));
    const result: LoadResult = { inserted: 0, updated: 0, unchanged: 0, deactivated: [], unknownUnits: [], version: '' };

    const codes = [...new Set(entries.flatMap((e) => e.programme.eligibility.units))];
    const known = new Set((await tx.orgUnit.findMany({ where: { code: { in: codes } }, select: { code: true } })).map((u) => u.code));
    for (const e of entries) {
      for (const code of e.programme.eligibility.units) if (!known.has(code)) result.unknownUnits.push({ id: e.programme.id, code });
    }

    for (const { programme: p, file } of entries) {
      const data = p as unknown as Prisma.InputJsonValue;
      const hash = sha256(JSON.stringify(p));
      const row = { data, hash, scope: scopeOf(p), validFrom: startsAt(p), validTo: endsAt(p), active: true, sourceFile: file };
      const before = existing.get(p.id);
      if (!before) {
        await tx.benefitProgramme.create({ data: { id: p.id, ...row } });
        result.inserted++;
      } else if (before.hash !== hash || !before.active) {
        await tx.benefitProgramme.update({ where: { id: p.id }, data: { ...row, loadedAt: new Date() } });
        result.updated++;
      } else {
        result.unchanged++;
      }
    }

    const ids = new Set(entries.map((e) => e.programme.id));
    result.deactivated = [...existing.values()].filter((r) => r.active && !ids.has(r.id)).map((r) => r.id);
    if (result.deactivated.length > 0) {
      await tx.benefitProgramme.updateMany({ where: { id: { in: result.deactivated } }, data: { active: false } });
    }

    const active = await tx.benefitProgramme.findMany({ where: { active: true }, select: { id: true, hash: true }, orderBy: { id: 'asc' } });
    result.version = sha256(active.map((r) => `${r.id}:${r.hash}`).join('\n'));
    await tx.systemSetting.upsert({
      where: { key: CATALOG_VERSION_KEY },
      create: { key: CATALOG_VERSION_KEY, value: result.version },
      update: { value: result.version },
    });
    return result;
  });
}
