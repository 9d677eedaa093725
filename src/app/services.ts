import type { Prisma } from '../generated/prisma/client.ts';
import type { Keyring } from '../security/crypto.ts';

/** A Prisma transaction client: everything a turn writes goes through the turn's transaction. */
export type Tx = Prisma.TransactionClient;

/** Process-wide collaborators handed to flows (no globals, so tests can swap them). */
export interface Services {
  keyring: Keyring;
  /** the clock flows use (age checks, deadlines); tests pin it */
  clock(): Date;
}
