import { z } from 'zod';
import type { Keyring } from '../../src/security/crypto.ts';

/**
 * Direct Line tokens, shaped as HS256 JWTs signed with the keyring's token key. The JWT shape is
 * not decoration: botframework-directlinejs decodes the `user` claim to learn that the user id is
 * bound by the server and refuses a client-chosen one. The conversation and user are minted here,
 * never taken from the client, so a token is the only proof of who is talking in which chat.
 */
export type TokenAudience = 'directline' | 'directline-stream';

export interface TokenClaims {
  aud: TokenAudience;
  /** Direct Line conversation id (Conversation.externalId) */
  conv: string;
  /** web chat user id, `dl_<random>` */
  user: string;
  /** WEBCHAT_SITE_ID, so a token of one site is useless on another sharing the secret */
  site: string;
  iat: number;
  exp: number;
}

const Claims = z.object({
  aud: z.enum(['directline', 'directline-stream']),
  conv: z.string().min(1).max(128),
  user: z.string().min(1).max(128),
  site: z.string().min(1),
  iat: z.number().int(),
  exp: z.number().int(),
});

export type TokenCheck =
  | { ok: true; claims: TokenClaims }
  | { ok: false; reason: 'missing' | 'malformed' | 'bad_signature' | 'wrong_audience' | 'wrong_site' | 'expired' };

const HEADER = b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

export class TokenService {
  constructor(
    private readonly keyring: Keyring,
    private readonly site: string,
    private readonly now: () => number = Date.now,
  ) {}

  mint(aud: TokenAudience, conv: string, user: string, ttlSeconds: number): { token: string; expiresIn: number } {
    const iat = Math.floor(this.now() / 1000);
    const claims: TokenClaims = { aud, conv, user, site: this.site, iat, exp: iat + ttlSeconds };
    const body = `${HEADER}.${b64(JSON.stringify(claims))}`;
    return { token: `${body}.${this.keyring.sign(body)}`, expiresIn: ttlSeconds };
  }

  verify(token: string | undefined, aud: TokenAudience): TokenCheck {
    if (!token) return { ok: false, reason: 'missing' };
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== HEADER) return { ok: false, reason: 'malformed' };
    const [header, payload, signature] = parts as [string, string, string];
    if (!this.keyring.verify(`${header}.${payload}`, signature)) return { ok: false, reason: 'bad_signature' };
    let parsed: z.infer<typeof Claims>;
    try {
      parsed = Claims.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (parsed.aud !== aud) return { ok: false, reason: 'wrong_audience' };
    if (parsed.site !== this.site) return { ok: false, reason: 'wrong_site' };
    if (parsed.exp * 1000 <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, claims: parsed };
  }

  /** seconds left, for the `expires_in` field */
  remaining(claims: TokenClaims): number {
    return Math.max(0, claims.exp - Math.floor(this.now() / 1000));
  }
}

/** The `Authorization: Bearer …` value, if any. */
export function bearer(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m?.[1];
}

function b64(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64url');
}
