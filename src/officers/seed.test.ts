import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTranscript, type Transcript } from '../../test/transcript.ts';
import { verifyPassword } from './accounts.ts';
import { DEMO_OFFICERS, ensureDemoOfficers } from './seed.ts';

describe('demo officers', () => {
  let chat: Transcript;
  const dir = mkdtempSync(join(tmpdir(), 'ua-demo-officers-'));
  const logged: unknown[] = [];
  const log = { info: (o: unknown) => void logged.push(o), warn: () => undefined };
  beforeAll(async () => {
    chat = await openTranscript();
  });
  afterAll(async () => {
    await chat.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates one account per role once, with random passwords in a private file and the log', async () => {
    const prisma = chat.app.db.prisma;
    await prisma.officer.deleteMany(); // whether or not the app seeded some at start
    const created = await ensureDemoOfficers(prisma, { dataDir: dir, log });
    expect(created.map((c) => c.role)).toEqual(['officer', 'unit_admin', 'federation_admin', 'system_admin']);
    const file = join(dir, 'demo-officers.txt');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    for (const c of created) {
      expect(text).toContain(`${c.username}\t${c.password}`);
      const row = await prisma.officer.findUniqueOrThrow({ where: { username: c.username } });
      expect(await verifyPassword(row.passwordHash, c.password)).toBe(true);
    }
    expect(logged).toHaveLength(1);
    expect(new Set(created.map((c) => c.password)).size).toBe(DEMO_OFFICERS.length);
    // a second start changes nothing
    expect(await ensureDemoOfficers(prisma, { dataDir: dir, log })).toEqual([]);
    expect(await prisma.officer.count()).toBe(DEMO_OFFICERS.length);
  });
});
