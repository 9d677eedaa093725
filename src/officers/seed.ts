/**
 * Demo officer accounts for a fresh `npm start` (SEED_DEMO): one per role, in the demo province
 * (Bắc Ninh). Passwords are random, shown once in the log and kept in <dataDir>/demo-officers.txt
 * (mode 600) so a developer can log in; nothing is created once any officer exists.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Prisma } from '../generated/prisma/client.ts';
import type { Logger } from '../logger.ts';
import { DEMO_UNITS } from '../org/seed-data.ts';
import { createOfficer } from './accounts.ts';
import type { OfficerRole } from './context.ts';

export const DEMO_OFFICERS: ReadonlyArray<{ username: string; name: string; role: OfficerRole; unitCode: string }> = [
  { username: 'canbo.songhong', name: 'Nguyễn Thị Lan', role: 'officer', unitCode: DEMO_UNITS.garmentBacNinh },
  { username: 'quantri.songhong', name: 'Trần Văn Hùng', role: 'unit_admin', unitCode: DEMO_UNITS.garmentBacNinh },
  { username: 'liendoan.bacninh', name: 'Lê Thị Thu Hà', role: 'federation_admin', unitCode: DEMO_UNITS.bacNinhFederation },
  { username: 'quantri.hethong', name: 'Phạm Minh Đức', role: 'system_admin', unitCode: DEMO_UNITS.root },
];

export async function ensureDemoOfficers(
  db: Prisma.TransactionClient,
  opts: { dataDir: string; log: Pick<Logger, 'info' | 'warn'> },
): Promise<Array<{ username: string; password: string; role: OfficerRole }>> {
  if ((await db.officer.count()) > 0) return [];
  const created: Array<{ username: string; password: string; role: OfficerRole; unitCode: string }> = [];
  for (const o of DEMO_OFFICERS) {
    if (!(await db.orgUnit.findUnique({ where: { code: o.unitCode }, select: { id: true } }))) continue;
    const password = randomBytes(12).toString('base64url');
    await createOfficer(db, { ...o, password });
    created.push({ username: o.username, password, role: o.role, unitCode: o.unitCode });
  }
  if (created.length === 0) return [];
  // Shown once on purpose: these are demo accounts of a development install (SEED_DEMO).
  opts.log.info({ demoOfficers: created }, 'demo officer accounts created (console login); also written to demo-officers.txt');
  if (opts.dataDir !== 'memory://') {
    try {
      mkdirSync(opts.dataDir, { recursive: true });
      const lines = created.map((c) => `${c.username}\t${c.password}\t${c.role}\t${c.unitCode}`);
      writeFileSync(join(opts.dataDir, 'demo-officers.txt'), `# username\tpassword\trole\tunit\n${lines.join('\n')}\n`, { mode: 0o600 });
    } catch (err) {
      opts.log.warn({ err }, 'could not write demo-officers.txt');
    }
  }
  return created.map(({ username, password, role }) => ({ username, password, role }));
}
