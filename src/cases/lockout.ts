import type { Tx } from '../app/services.ts';
import type { Keyring } from '../security/crypto.ts';
import { parseCaseCode } from './code.ts';

export const MAX_WRONG_KEYS = 5;
export const LOCK_MINUTES = 15;

const codeHash = (keyring: Keyring, canonical: string) => keyring.lookupHash('case_key_lockout', canonical);

/**
 * Brute force on a case's access key from other chats: after 5 wrong keys for one code, the code
 * is locked for 15 minutes for everyone (a row in the database, so every process and every chat
 * sees it). Unknown codes are counted and locked the same way, so neither the lock nor its
 * absence tells a stranger that a code exists.
 */
export async function lockedUntil(tx: Tx, keyring: Keyring, code: string, now: Date): Promise<Date | null> {
  const canonical = parseCaseCode(code);
  if (!canonical) return null;
  const row = await tx.caseKeyLockout.findUnique({ where: { codeHash: codeHash(keyring, canonical) }, select: { lockedUntil: true } });
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
}

/** Counts one wrong key; returns true when this one locked the code. Failures older than the lock span start over. */
export async function recordWrongKey(tx: Tx, keyring: Keyring, code: string, now: Date): Promise<boolean> {
  const canonical = parseCaseCode(code);
  if (!canonical) return false;
  const rows = await tx.$queryRawUnsafe<Array<{ failures: number }>>(
    `INSERT INTO case_key_lockout (code_hash, failures, locked_until, updated_at) VALUES ($1, 1, NULL, $2)
     ON CONFLICT (code_hash) DO UPDATE SET
       failures = CASE WHEN case_key_lockout.updated_at < $2 - make_interval(mins => $3) THEN 1 ELSE case_key_lockout.failures + 1 END,
       updated_at = $2
     RETURNING failures`,
    codeHash(keyring, canonical),
    now,
    LOCK_MINUTES,
  );
  if (Number(rows[0]?.failures ?? 0) < MAX_WRONG_KEYS) return false;
  await tx.caseKeyLockout.update({
    where: { codeHash: codeHash(keyring, canonical) },
    data: { failures: 0, lockedUntil: new Date(now.getTime() + LOCK_MINUTES * 60_000) },
  });
  return true;
}

/** The right key: earlier mistakes are forgiven. */
export async function clearWrongKeys(tx: Tx, keyring: Keyring, code: string): Promise<void> {
  const canonical = parseCaseCode(code);
  if (canonical) await tx.caseKeyLockout.deleteMany({ where: { codeHash: codeHash(keyring, canonical) } });
}
