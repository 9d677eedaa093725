import type { Sql } from '../db/client.ts';
import { Audience, BroadcastContent, Policy, type BroadcastStatus, type CreateBroadcast } from './schema.ts';
import type { Plan } from './plan.ts';

/**
 * A notice's content is one person's news (their case code, an officer's words about their
 * grievance): sealed at rest like the outbox bodies. An officer's broadcast is public text.
 */
export type SealedContent = { sealed: string };

export function isSealedContent(c: unknown): c is SealedContent {
  return typeof c === 'object' && c !== null && typeof (c as { sealed?: unknown }).sealed === 'string';
}

export interface BroadcastRow {
  id: string;
  title: string;
  content: BroadcastContent | SealedContent;
  audience: Audience;
  policy: Policy;
  scheduledAt: Date | null;
  status: BroadcastStatus;
  createdBy: string;
  scopePath: string;
  plan: Plan | null;
  plannedAt: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  createdAt: Date;
}

const COLUMNS = `id::text AS id, title, content, audience, policy, scheduled_at AS "scheduledAt", status,
  created_by AS "createdBy", scope_path AS "scopePath", plan, planned_at AS "plannedAt", started_at AS "startedAt",
  finished_at AS "finishedAt", created_at AS "createdAt"`;

function parse(row: Record<string, unknown>): BroadcastRow {
  return {
    ...(row as unknown as BroadcastRow),
    // stored JSON went through zod on the way in; defaults added since then apply on the way out
    content: isSealedContent(row.content) ? row.content : BroadcastContent.parse(row.content),
    audience: Audience.parse(row.audience),
    policy: Policy.parse(row.policy),
  };
}

export async function createBroadcast(sql: Sql, input: CreateBroadcast, officer: { id: string; scopePath: string }): Promise<BroadcastRow> {
  const rows = await sql.query(
    `INSERT INTO broadcast (id, title, content, audience, policy, scheduled_at, status, created_by, scope_path, updated_at)
     VALUES (gen_random_uuid(), $1, $2::jsonb, $3::jsonb, $4::jsonb, $5, 'draft', $6, $7, now()) RETURNING ${COLUMNS}`,
    [input.title, JSON.stringify(input.content), JSON.stringify(input.audience), JSON.stringify(input.policy), input.scheduledAt ?? null, officer.id, officer.scopePath],
  );
  return parse(rows[0]!);
}

/**
 * One broadcast; with a scope (an officer asking), only an officer's broadcast inside it: the
 * single-recipient notices ('system:…') are one person's account updates, not officers' to open,
 * pause or cancel.
 */
export async function getBroadcast(sql: Sql, id: string, scopePath?: string): Promise<BroadcastRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const rows = await sql.query(
    `SELECT ${COLUMNS} FROM broadcast WHERE id = $1::uuid AND ($2::text IS NULL OR (scope_path LIKE $2 || '%' AND created_by NOT LIKE 'system:%'))`,
    [id, scopePath ?? null],
  );
  return rows[0] ? parse(rows[0]) : null;
}

/** Officers' broadcasts in the scope (single-recipient notices, created by 'system:…', are not listed). */
export async function listBroadcasts(sql: Sql, scopePath: string, limit: number, offset: number): Promise<BroadcastRow[]> {
  const rows = await sql.query(
    `SELECT ${COLUMNS} FROM broadcast WHERE scope_path LIKE $1 || '%' AND created_by NOT LIKE 'system:%' ORDER BY created_at DESC LIMIT $2 OFFSET $3`,
    [scopePath, limit, offset],
  );
  return rows.map(parse);
}

/** Moves the status only from one of `from`: two officers pressing pause and cancel cannot both win. */
export async function transition(sql: Sql, id: string, from: readonly BroadcastStatus[], to: BroadcastStatus, extra = ''): Promise<boolean> {
  const rows = await sql.query(
    `UPDATE broadcast SET status = $2, updated_at = now()${extra} WHERE id = $1::uuid AND status = ANY($3::text[]) RETURNING id`,
    [id, to, from],
  );
  return rows.length > 0;
}
