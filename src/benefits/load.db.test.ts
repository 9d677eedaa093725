import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTranscript, type Transcript } from '../../test/transcript.ts';
import { DEMO_UNITS } from '../org/seed-data.ts';
import { projectRoot } from '../paths.ts';
import { catalogVersion, currentProgrammes, loadedProgrammes } from './catalog.ts';
import { loadCatalog } from './load.ts';
import { readCatalog } from './read.ts';
import { createBenefitRequest } from './requests.ts';

let chat: Transcript;
const entries = readCatalog(resolve(projectRoot, 'content/benefits')).entries;

beforeAll(async () => {
  chat = await openTranscript();
});
afterAll(async () => {
  await chat?.close();
});

describe('benefits:load', () => {
  it('loads idempotently, marks removed programmes inactive, and the catalog follows the version row', async () => {
    const db = chat.app.db.prisma;
    const first = await loadCatalog(db, entries);
    expect(first).toMatchObject({ inserted: entries.length, updated: 0, unchanged: 0, deactivated: [], unknownUnits: [] });
    const v1 = await catalogVersion(db);
    expect((await loadedProgrammes(db)).length).toBe(entries.length);

    const again = await loadCatalog(db, entries);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: entries.length, deactivated: [] });
    expect(await catalogVersion(db)).toBe(v1);

    // a pull request deletes one programme and edits another
    const edited = entries
      .filter((e) => e.programme.id !== 'phuc-loi-doan-vien')
      .map((e) => (e.programme.id === 'tet-sum-vay' ? { ...e, programme: { ...e.programme, keywords: [...e.programme.keywords, 'qua cuoi nam'] } } : e));
    const third = await loadCatalog(db, edited);
    expect(third).toMatchObject({ inserted: 0, updated: 1, unchanged: entries.length - 2, deactivated: ['phuc-loi-doan-vien'] });
    expect(await catalogVersion(db)).not.toBe(v1);
    const row = await db.benefitProgramme.findUniqueOrThrow({ where: { id: 'phuc-loi-doan-vien' } });
    expect(row.active).toBe(false);
    const ids = (await loadedProgrammes(db)).map((p) => p.id);
    expect(ids).not.toContain('phuc-loi-doan-vien');
    expect((await loadedProgrammes(db)).find((p) => p.id === 'tet-sum-vay')!.keywords).toContain('qua cuoi nam');

    // put back: active again
    const fourth = await loadCatalog(db, entries);
    expect(fourth).toMatchObject({ updated: 2, deactivated: [] });
    expect(await catalogVersion(db)).toBe(v1);
  });

  it('filters by period against the clock it is given', async () => {
    const db = chat.app.db.prisma;
    await loadCatalog(db, entries);
    const during = (await currentProgrammes(db, new Date('2026-02-01T12:00:00+07:00'))).map((p) => p.id);
    const after = (await currentProgrammes(db, new Date('2026-03-04T00:00:00+07:00'))).map((p) => p.id);
    expect(during).toContain('tet-2026-qua-tong-lien-doan');
    expect(during).toContain('hcm-chuyen-tau-cong-doan-2026');
    expect(after).not.toContain('tet-2026-qua-tong-lien-doan');
    expect(after).not.toContain('hcm-chuyen-tau-cong-doan-2026');
    expect(after).toContain('tet-sum-vay');
  });
});

describe('benefit request routing', () => {
  const base = {
    programmeId: 'tham-hoi-om-dau-kho-khan',
    fullName: 'Nguyễn Văn A',
    phone: '+84912345678',
    isMember: true,
    memberId: null,
    situations: ['sick'],
    channel: 'webchat',
    locale: 'vi',
    now: new Date('2026-11-22T09:00:00+07:00'),
  };
  const unit = (code: string) => chat.app.db.prisma.orgUnit.findUniqueOrThrow({ where: { code } });

  it('goes to the grassroots union, or to the provincial federation when there is none or the unit is not grassroots', async () => {
    const db = chat.app.db.prisma;
    const identity = await db.channelIdentity.create({ data: { channel: 'webchat', accountId: 'test', platformUserId: 'routing' } });
    const ids = { identityId: identity.id, conversationId: identity.id };
    const keyring = chat.app.services.keyring;
    const run = (over: Partial<typeof base> & { provinceCode: string; orgUnitId: string | null }) =>
      db.$transaction((tx) => createBenefitRequest(tx, keyring, { ...base, ...ids, ...over }));

    const seafood = await unit(DEMO_UNITS.seafoodCaMau);
    const r1 = await run({ provinceCode: '96', orgUnitId: seafood.id });
    expect(r1).toMatchObject({ kind: 'created', viaFederation: false, routedTo: { id: seafood.id } });

    const r2 = await run({ programmeId: 'tu-van-tro-giup-phap-ly', provinceCode: '82', orgUnitId: null });
    expect(r2).toMatchObject({ kind: 'created', viaFederation: true, routedTo: { id: (await unit(DEMO_UNITS.dongThapFederation)).id } });

    // an upper-level union picked as "my union" is not where requests are handled: its province's federation
    const r3 = await run({ programmeId: 'mai-am-cong-doan', provinceCode: '24', orgUnitId: (await unit(DEMO_UNITS.bacNinhParksUnion)).id });
    expect(r3).toMatchObject({ kind: 'created', viaFederation: true, routedTo: { id: (await unit(DEMO_UNITS.bacNinhFederation)).id } });

    const audit = await db.auditLog.findMany({ where: { action: 'benefit_request.created', actorId: identity.id } });
    expect(audit).toHaveLength(3);
    expect(JSON.stringify(audit.map((a) => a.details))).not.toMatch(/Nguyễn|912345678/);

    const dup = await run({ provinceCode: '96', orgUnitId: seafood.id });
    expect(dup).toEqual({ kind: 'duplicate', code: (r1 as { code: string }).code });
  });
});

describe('start-up autoload', () => {
  it('loads the repo content into an empty database once, then leaves it to benefits:load', async () => {
    const { loadBenefitsIfEmpty } = await import('./autoload.ts');
    const fresh = await openTranscript();
    try {
      const first = await loadBenefitsIfEmpty(fresh.app.db.prisma);
      expect(first.errors).toEqual([]);
      expect(first.loaded?.inserted).toBe(entries.length);
      expect(await loadBenefitsIfEmpty(fresh.app.db.prisma)).toEqual({ loaded: null, errors: [] });
    } finally {
      await fresh.close();
    }
  });
});
