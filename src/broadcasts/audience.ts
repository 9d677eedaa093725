import type { Sql } from '../db/client.ts';
import type { Keyring } from '../security/crypto.ts';
import { phoneHash } from '../registration/lookup.ts';
import { parseMobile } from '../validate/phone.ts';
import type { Params } from './params.ts';
import type { Audience } from './schema.ts';

/**
 * Candidate rows of an audience: one per (person, conversation), plus one with no conversation
 * for a member who has none (so the plan can say "no channel identity"). A person is a member,
 * or a non-member's channel identity. Every row is inside the officer's scope: a member by their
 * org unit's path, a non-member by the unit of their latest registration (or, with none, only
 * for an officer of the whole confederation). Columns: person, member_id, identity_id,
 * conversation_id, channel, locale, last_inbound_at.
 */
export function candidatesSql(p: Params, audience: Audience, scopePath: string, unitPatterns: string[] | null): string {
  // Only parameters the query text uses may be added: PostgreSQL cannot type an unused one.
  const parts: string[] = [];
  if (audience.membership !== 'non_members') parts.push(membersSql(p, audience, scopePath, unitPatterns));
  if (audience.membership !== 'members') parts.push(nonMembersSql(p, audience, scopePath, unitPatterns));
  return parts.join('\n UNION ALL ');
}

const channelCond = (p: Params, audience: Audience) => (audience.channels ? ` AND c.channel = ANY(${p.add(audience.channels, '::text[]')})` : '');

function membersSql(p: Params, audience: Audience, scopePath: string, unitPatterns: string[] | null): string {
  const where: string[] = [`u.path LIKE ${p.add(`${scopePath}%`, '::text')}`, `m.status = 'active'`];
  if (unitPatterns) where.push(`u.path LIKE ANY(${p.add(unitPatterns, '::text[]')})`);
  if (audience.provinces) where.push(`u.province_code = ANY(${p.add(audience.provinces, '::text[]')})`);
  if (audience.registeredAfter) where.push(`coalesce(m.joined_at, m.created_at) >= ${p.add(audience.registeredAfter, '::timestamptz')}`);
  if (audience.contestId) where.push(`EXISTS (SELECT 1 FROM contest_attempt a WHERE a.contest_id = ${p.add(audience.contestId, '::text')} AND a.member_id = m.id)`);
  if (audience.memberNos || audience.phoneHashes) {
    where.push(`(m.member_no = ANY(${p.add(audience.memberNos ?? [], '::text[]')}) OR m.phone_hash = ANY(${p.add(audience.phoneHashes ?? [], '::text[]')}))`);
  }
  return `
    SELECT m.id AS person, m.id AS member_id, ci.id AS identity_id, c.id AS conversation_id, c.channel,
           coalesce(c.locale, 'vi') AS locale, c.last_inbound_at
      FROM member m
      JOIN org_unit u ON u.id = m.org_unit_id
      LEFT JOIN (channel_identity ci JOIN conversation c ON c.identity_id = ci.id${channelCond(p, audience)}) ON ci.member_id = m.id
     WHERE ${where.join(' AND ')}`;
}

function nonMembersSql(p: Params, audience: Audience, scopePath: string, unitPatterns: string[] | null): string {
  // no registration: no unit; only an officer of the whole confederation (a one-segment path) reaches them
  const wholeTree = /^\/[^/]+\/$/.test(scopePath);
  const where: string[] = [`ci.member_id IS NULL`, wholeTree ? 'true' : `nu.path LIKE ${p.add(`${scopePath}%`, '::text')}`];
  if (unitPatterns) where.push(`nu.path LIKE ANY(${p.add(unitPatterns, '::text[]')})`);
  if (audience.provinces) where.push(`nu.province_code = ANY(${p.add(audience.provinces, '::text[]')})`);
  if (audience.registeredAfter) where.push(`coalesce(nu.created_at, ci.created_at) >= ${p.add(audience.registeredAfter, '::timestamptz')}`);
  if (audience.contestId) where.push(`EXISTS (SELECT 1 FROM contest_attempt a WHERE a.contest_id = ${p.add(audience.contestId, '::text')} AND a.identity_id = ci.id)`);
  if (audience.memberNos || audience.phoneHashes) where.push(`nu.phone_hash = ANY(${p.add(audience.phoneHashes ?? [], '::text[]')})`);
  return `
    SELECT ci.id AS person, NULL::uuid AS member_id, ci.id AS identity_id, c.id AS conversation_id, c.channel,
           coalesce(c.locale, 'vi') AS locale, c.last_inbound_at
      FROM channel_identity ci
      JOIN conversation c ON c.identity_id = ci.id${channelCond(p, audience)}
      LEFT JOIN LATERAL (
        SELECT ou.path, ou.province_code, r.phone_hash, r.created_at
          FROM registration r JOIN org_unit ou ON ou.id = coalesce(r.org_unit_id, r.routed_to_id)
         WHERE r.identity_id = ci.id ORDER BY r.created_at DESC LIMIT 1) nu ON true
     WHERE ${where.join(' AND ')}`;
}

/**
 * Org unit codes -> LIKE patterns of their subtrees, only those inside the scope. A code outside
 * the scope or unknown is an error the officer sees (never silently widened or dropped).
 */
export async function resolveUnits(sql: Sql, codes: string[] | undefined, scopePath: string): Promise<{ patterns: string[] | null; unknown: string[] }> {
  if (!codes?.length) return { patterns: null, unknown: [] };
  const rows = await sql.query<{ code: string; path: string }>(
    `SELECT code, path FROM org_unit WHERE code = ANY($1::text[]) AND path LIKE $2`,
    [codes, `${scopePath}%`],
  );
  const found = new Set(rows.map((r) => r.code));
  return { patterns: rows.map((r) => `${r.path}%`), unknown: codes.filter((c) => !found.has(c)) };
}

/**
 * A custom list as uploaded (CSV text): one value a line or comma-separated; a member number
 * stays as is, a phone number becomes its keyed hash (phones are never stored in clear), a
 * 64-hex value is taken as an already keyed hash.
 */
export function parseCustomList(keyring: Keyring, csv: string): { memberNos: string[]; phoneHashes: string[] } {
  const memberNos = new Set<string>();
  const phoneHashes = new Set<string>();
  for (const raw of csv.split(/[\r\n,;]+/)) {
    const v = raw.trim().replace(/^"|"$/g, '');
    if (!v || /^(member_?no|phone|so_?dien_?thoai|ma_?doan_?vien)$/i.test(v)) continue;
    if (/^[0-9a-f]{64}$/i.test(v)) {
      phoneHashes.add(v.toLowerCase());
      continue;
    }
    const phone = /^[+\d][\d .-]{7,}$/.test(v) ? parseMobile(v) : null;
    if (phone?.ok) phoneHashes.add(phoneHash(keyring, phone.value));
    else memberNos.add(v);
  }
  return { memberNos: [...memberNos], phoneHashes: [...phoneHashes] };
}
