/**
 * Account lockout: after MAX_FAILURES wrong passwords in a row an account refuses logins for
 * LOCK_MS, whatever the password. Counted in the database, so it holds across API instances.
 *
 * Unknown usernames lock the same way (in memory), so "locked" does not tell an attacker which
 * usernames exist. The per-IP rate limit on the login route bounds the rest.
 */
import { Prisma } from '../generated/prisma/client.ts';

type Db = Prisma.TransactionClient;

export const MAX_FAILURES = 5;
export const LOCK_MS = 15 * 60_000;

/**
 * Counts one failure; returns the lock's end when this failure locked the account. One UPDATE,
 * so two wrong passwords arriving together both count (the row lock orders them).
 */
export async function recordFailure(db: Db, officerId: string, now: Date): Promise<Date | null> {
  const lockUntil = new Date(now.getTime() + LOCK_MS);
  const rows = await db.$queryRaw<Array<{ locked: boolean }>>(Prisma.sql`
    UPDATE officer SET
      failed_logins = CASE WHEN failed_logins + 1 >= ${MAX_FAILURES} THEN 0 ELSE failed_logins + 1 END,
      locked_until  = CASE WHEN failed_logins + 1 >= ${MAX_FAILURES} THEN ${lockUntil}::timestamptz ELSE locked_until END
    WHERE id = ${officerId}::uuid
    RETURNING (locked_until = ${lockUntil}::timestamptz) AS locked`);
  return rows[0]?.locked ? lockUntil : null;
}

export async function recordSuccess(db: Db, officerId: string, now: Date): Promise<void> {
  await db.officer.update({ where: { id: officerId }, data: { failedLogins: 0, lockedUntil: null, lastLoginAt: now } });
}

/** The same counting for usernames that do not exist, kept in memory and bounded. */
export class PhantomLockouts {
  private readonly entries = new Map<string, { failures: number; lockedUntil: number }>();
  constructor(private readonly maxEntries = 10_000) {}

  lockedUntil(username: string, now: Date): Date | null {
    const e = this.entries.get(username);
    return e && e.lockedUntil > now.getTime() ? new Date(e.lockedUntil) : null;
  }

  recordFailure(username: string, now: Date): Date | null {
    const e = this.entries.get(username) ?? { failures: 0, lockedUntil: 0 };
    this.entries.delete(username);
    e.failures += 1;
    let locked: Date | null = null;
    if (e.failures >= MAX_FAILURES) {
      e.failures = 0;
      e.lockedUntil = now.getTime() + LOCK_MS;
      locked = new Date(e.lockedUntil);
    }
    this.entries.set(username, e);
    // Map keeps insertion order: the first key is the least recently failed
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return locked;
  }
}
