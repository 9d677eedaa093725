/**
 * Where a case goes, over the demo org tree: the grassroots union of the workplace; the
 * provincial federation when there is none, when the named unit is not a grassroots union, or
 * when the case is about the grassroots union itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTranscript, type Transcript } from '../../test/transcript.ts';
import { DEMO_UNITS } from '../org/seed-data.ts';
import { CaseRoutingError, routeCase, type RouteInput } from './routing.ts';

describe('case routing over the demo org tree', () => {
  let chat: Transcript;
  const ids = new Map<string, string>();
  beforeAll(async () => {
    chat = await openTranscript();
    for (const u of await chat.app.db.prisma.orgUnit.findMany({ where: { code: { in: Object.values(DEMO_UNITS) } } })) ids.set(u.code, u.id);
  });
  afterAll(() => chat.close());

  const route = (input: RouteInput) => chat.app.db.prisma.$transaction((tx) => routeCase(tx, input));
  const id = (code: string) => ids.get(code)!;

  it.each([
    ['the garment union in Bắc Ninh', DEMO_UNITS.garmentBacNinh, '24'],
    ['the electronics FDI union in Bắc Ninh', DEMO_UNITS.electronicsBacNinh, '24'],
    ['the footwear union in TP Hồ Chí Minh', DEMO_UNITS.footwearHcmc, '79'],
    ['a textile union in Ninh Bình', DEMO_UNITS.textileNinhBinh, '37'],
  ])('a case at %s goes to that union', async (_name, code, province) => {
    const r = await route({ orgUnitId: id(code), provinceCode: province, aboutUnion: false });
    expect(r.routedTo.code).toBe(code);
    expect(r.viaFederation).toBe(false);
    expect(r.routedTo.path.endsWith(`/${code}/`)).toBe(true);
  });

  it.each([
    ['Bắc Ninh', '24', DEMO_UNITS.bacNinhFederation],
    ['TP Hồ Chí Minh', '79', DEMO_UNITS.hcmcFederation],
    ['Đồng Tháp', '82', DEMO_UNITS.dongThapFederation],
  ])('a workplace in %s without a union goes to its provincial federation', async (_name, province, federation) => {
    const r = await route({ orgUnitId: null, provinceCode: province, aboutUnion: false });
    expect(r.routedTo.code).toBe(federation);
    expect(r.viaFederation).toBe(true);
    expect(r.orgUnitId).toBeNull();
  });

  it("a case about the grassroots union itself goes to the federation of that union's province", async () => {
    // the worker typed another province: the union's own province decides
    const r = await route({ orgUnitId: id(DEMO_UNITS.garmentBacNinh), provinceCode: '79', aboutUnion: true });
    expect(r.routedTo.code).toBe(DEMO_UNITS.bacNinhFederation);
    expect(r.orgUnitId).toBe(id(DEMO_UNITS.garmentBacNinh));
    expect(r.viaFederation).toBe(true);
  });

  it('a unit that is not a grassroots union (an industrial-park union) or no longer exists falls back to the federation', async () => {
    const parks = await route({ orgUnitId: id(DEMO_UNITS.bacNinhParksUnion), provinceCode: '24', aboutUnion: false });
    expect(parks.routedTo.code).toBe(DEMO_UNITS.bacNinhFederation);
    const gone = await route({ orgUnitId: crypto.randomUUID(), provinceCode: '79', aboutUnion: false });
    expect(gone.routedTo.code).toBe(DEMO_UNITS.hcmcFederation);
  });

  it('an unknown province is an error, never a silent misroute', async () => {
    await expect(route({ orgUnitId: null, provinceCode: '00', aboutUnion: false })).rejects.toBeInstanceOf(CaseRoutingError);
  });
});
