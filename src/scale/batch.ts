/**
 * Column-wise row buffers and the one statement that writes a whole batch of generated people:
 * INSERT … SELECT FROM unnest($n::text[]) per table, chained as data-modifying CTEs so members,
 * their identities, conversations, registrations, cases and handoffs of one batch go in one round
 * trip. Foreign keys are checked at the end of the statement, so children may reference parents
 * inserted by a sibling CTE. Every array is text[] cast in SQL (see src/org/load.ts insertRows:
 * the PGlite adapter mangles typed arrays).
 */
export interface TableSpec {
  table: string;
  /** column name -> SQL type the text is cast to ('text' for none) */
  columns: ReadonlyArray<readonly [string, string]>;
}

export const TABLES = {
  member: {
    table: 'member',
    columns: [
      ['id', 'uuid'], ['member_no', 'text'], ['full_name', 'text'], ['org_unit_id', 'uuid'], ['cccd_hash', 'text'],
      ['phone_hash', 'text'], ['status', 'text'], ['joined_at', 'timestamptz'], ['created_at', 'timestamptz'],
    ],
  },
  identity: {
    table: 'channel_identity',
    columns: [
      ['id', 'uuid'], ['channel', 'text'], ['account_id', 'text'], ['platform_user_id', 'text'], ['display_name', 'text'],
      ['locale', 'text'], ['member_id', 'uuid'], ['created_at', 'timestamptz'],
    ],
  },
  conversation: {
    table: 'conversation',
    columns: [
      ['id', 'uuid'], ['identity_id', 'uuid'], ['channel', 'text'], ['account_id', 'text'], ['external_id', 'text'],
      ['locale', 'text'], ['owner', 'text'], ['turn_count', 'int'], ['last_inbound_at', 'timestamptz'],
      ['last_outbound_at', 'timestamptz'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
    ],
  },
  registration: {
    table: 'registration',
    columns: [
      ['id', 'uuid'], ['code', 'text'], ['status', 'text'], ['full_name', 'text'], ['dob_enc', 'text'], ['gender', 'text'],
      ['cccd_enc', 'text'], ['cccd_hash', 'text'], ['phone_enc', 'text'], ['phone_hash', 'text'], ['employer', 'text'],
      ['workplace_address', 'text'], ['province_code', 'text'], ['org_unit_id', 'uuid'], ['routed_to_id', 'uuid'],
      ['member_id', 'uuid'], ['identity_id', 'uuid'], ['channel', 'text'], ['locale', 'text'], ['decision_note', 'text'],
      ['created_at', 'timestamptz'], ['decided_at', 'timestamptz'],
    ],
  },
  grievance: {
    table: 'grievance_case',
    columns: [
      ['id', 'uuid'], ['code', 'text'], ['access_key_hash', 'text'], ['status', 'text'], ['category', 'text'],
      ['urgent', 'boolean'], ['urgency', 'text'], ['employer', 'text'], ['province_code', 'text'], ['org_unit_id', 'uuid'],
      ['routed_to_id', 'uuid'], ['routed_path', 'text'], ['about_union', 'boolean'], ['description_enc', 'text'],
      ['discovered_on', 'text'], ['affected_count', 'int'], ['anonymous', 'boolean'], ['member_id', 'uuid'],
      ['identity_id', 'uuid'], ['conversation_id', 'uuid'], ['channel', 'text'], ['locale', 'text'],
      ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
    ],
  },
  handoff: {
    table: 'handoff',
    columns: [
      ['id', 'uuid'], ['conversation_id', 'uuid'], ['member_id', 'uuid'], ['unit_id', 'uuid'], ['unit_path', 'text'],
      ['origin_unit_id', 'uuid'], ['status', 'text'], ['urgent', 'boolean'], ['reason', 'text'], ['requested_at', 'timestamptz'],
      ['assigned_at', 'timestamptz'], ['first_response_at', 'timestamptz'], ['sla_due_at', 'timestamptz'],
      ['escalation_level', 'int'], ['escalated_at', 'timestamptz'], ['closed_at', 'timestamptz'], ['closed_by', 'text'],
      ['csat', 'int'], ['last_activity_at', 'timestamptz'],
    ],
  },
} as const satisfies Record<string, TableSpec>;

export type TableKey = keyof typeof TABLES;
type ColumnOf<K extends TableKey> = (typeof TABLES)[K]['columns'][number][0];
export type Row<K extends TableKey> = Record<ColumnOf<K>, string | number | boolean | Date | null>;

/** One batch of rows, held column by column (what unnest wants). */
export class Batch {
  readonly columns = new Map<TableKey, Map<string, unknown[]>>();
  /** rows buffered, all tables */
  size = 0;

  add<K extends TableKey>(key: K, row: Row<K>): void {
    let cols = this.columns.get(key);
    if (!cols) {
      cols = new Map(TABLES[key].columns.map(([c]) => [c, [] as unknown[]]));
      this.columns.set(key, cols);
    }
    for (const [c] of TABLES[key].columns) {
      const v = (row as Record<string, unknown>)[c];
      cols.get(c)!.push(v instanceof Date ? v.toISOString() : v === null || v === undefined ? null : String(v));
    }
    this.size++;
  }

  count(key: TableKey): number {
    return this.columns.get(key)?.get('id')?.length ?? 0;
  }

  /** The single statement and its parameters; null when the batch is empty. */
  statement(): { text: string; params: unknown[] } | null {
    const params: unknown[] = [];
    const ctes: string[] = [];
    for (const [key, cols] of this.columns) {
      if ((cols.get('id')?.length ?? 0) === 0) continue;
      const spec = TABLES[key];
      const args = spec.columns.map(([c, type]) => {
        params.push(cols.get(c));
        return type === 'text' ? `$${params.length}::text[]` : `$${params.length}::text[]::${type}[]`;
      });
      ctes.push(`${key} AS (INSERT INTO ${spec.table} (${spec.columns.map(([c]) => c).join(', ')}) SELECT * FROM unnest(${args.join(', ')}))`);
    }
    if (ctes.length === 0) return null;
    return { text: `WITH ${ctes.join(',\n')} SELECT 1`, params };
  }
}
