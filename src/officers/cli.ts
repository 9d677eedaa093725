/**
 * `officer:create` and `officer:password`: how an operator makes the first system admin of a
 * production install and lets a locked-out officer back in. A password is never an argument (it
 * would stay in the shell history and in `ps`): it is read from stdin with --password-stdin, or
 * generated and printed once.
 */
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { loadConfig, ConfigError } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { createOfficer, hashPassword, normalizeUsername, OfficerAccountError } from './accounts.ts';
import { OFFICER_ROLES, type OfficerRole } from './context.ts';
import { revokeOfficerSessions } from './sessions.ts';

async function withDb<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await openDatabase({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA, poolMax: 4, dataDir: config.dataDir });
  try {
    await db.migrate();
    return await fn(db);
  } finally {
    await db.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

async function passwordFrom(opts: { passwordStdin?: boolean }): Promise<{ password: string; generated: boolean }> {
  if (!opts.passwordStdin) return { password: randomBytes(12).toString('base64url'), generated: true };
  const password = await readStdin();
  if (password.length < 10) throw new ConfigError('the password must be at least 10 characters');
  return { password, generated: false };
}

export function registerOfficerCommands(program: Command): void {
  program
    .command('officer:create')
    .description('create a console account for an officer (the password is generated and printed once, or read with --password-stdin)')
    .requiredOption('--username <username>', 'login name: 3-40 letters, digits, . _ -')
    .requiredOption('--name <name>', 'full name, e.g. "Nguyễn Thị Lan"')
    .requiredOption('--unit <code>', 'org unit code; the scope is its subtree, e.g. CS24-0001, P24, TLD')
    .option('--role <role>', OFFICER_ROLES.join(' | '), 'officer')
    .option('--capacity <n>', 'handed-off conversations at once', (v) => Number.parseInt(v, 10), 2)
    .option('--password-stdin', 'read the password from stdin')
    .action(async (opts: { username: string; name: string; unit: string; role: string; capacity: number; passwordStdin?: boolean }) => {
      if (!(OFFICER_ROLES as readonly string[]).includes(opts.role)) throw new ConfigError(`--role must be one of ${OFFICER_ROLES.join(', ')}`);
      const { password, generated } = await passwordFrom(opts);
      await withDb(async (db) => {
        try {
          const o = await createOfficer(db.prisma, { username: opts.username, name: opts.name, password, role: opts.role as OfficerRole, unitCode: opts.unit, capacity: opts.capacity });
          await db.prisma.auditLog.create({ data: { actorType: 'cli', actorId: userInfo().username, action: 'officer.created', entity: 'officer', entityId: o.id, details: { role: opts.role, unitCode: opts.unit } } });
          console.log(`created ${normalizeUsername(opts.username)} (${opts.role}, scope ${o.scopePath})`);
          if (generated) console.log(`password: ${password}   (shown once; the officer should change it)`);
        } catch (err) {
          if (err instanceof OfficerAccountError) throw new ConfigError(err.message);
          throw err;
        }
      });
    });

  program
    .command('officer:password <username>')
    .description('set a new password, lift a lockout and end the officer\'s sessions')
    .option('--password-stdin', 'read the password from stdin')
    .action(async (username: string, opts: { passwordStdin?: boolean }) => {
      const { password, generated } = await passwordFrom(opts);
      await withDb(async (db) => {
        const officer = await db.prisma.officer.findUnique({ where: { username: normalizeUsername(username) }, select: { id: true } });
        if (!officer) throw new ConfigError(`no officer ${username}`);
        await db.prisma.officer.update({ where: { id: officer.id }, data: { passwordHash: await hashPassword(password), failedLogins: 0, lockedUntil: null } });
        const ended = await revokeOfficerSessions(db.prisma, officer.id, new Date());
        await db.prisma.auditLog.create({ data: { actorType: 'cli', actorId: userInfo().username, action: 'officer.password_reset', entity: 'officer', entityId: officer.id } });
        console.log(`password changed; ${ended} session(s) ended`);
        if (generated) console.log(`password: ${password}   (shown once)`);
      });
    });
}
