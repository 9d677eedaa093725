import { randomBytes } from 'node:crypto';
import type { Keyring } from '../security/crypto.ts';

/**
 * A card's public token: the keyring's HMAC over a random nonce kept in the card row. The token
 * itself is never stored, only its keyed hash for lookup, so neither a copy of the database nor
 * a guess (256 bits) yields a working card or verification link; the app can still rebuild a
 * card's link from its row to show the card again in chat.
 */
export function newCardNonce(): string {
  return randomBytes(18).toString('base64url');
}

export function cardToken(keyring: Keyring, nonce: string): string {
  return keyring.sign(`member-card:${nonce}`);
}

export function cardTokenHash(keyring: Keyring, token: string): string {
  return keyring.lookupHash('member-card', token);
}

/** HMAC-SHA256 in base64url is 43 characters; anything else is not one of ours. */
export function isCardTokenShape(s: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(s);
}
