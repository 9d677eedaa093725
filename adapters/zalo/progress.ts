import type { Sql } from '../../src/db/client.ts';

/**
 * Which parts of a split message already reached the worker. Zalo takes no idempotency key, so
 * when part 3 of 4 fails and the outbox retries, parts 1-2 must not go out twice. Written only on
 * such a partial failure and read only on a retry, so a normal send costs no query.
 */
export class PartialSends {
  constructor(
    private readonly sql: Sql,
    private readonly oaId: string,
  ) {}

  private key(outboxId: string) {
    return `zalo:partial:${this.oaId}:${outboxId}`;
  }

  async sentCount(outboxId: string): Promise<{ sent: number; lastMessageId?: string }> {
    const row = (await this.sql.query<{ value: { sent?: number; last?: string } }>(`SELECT value FROM system_setting WHERE key = $1`, [this.key(outboxId)]))[0];
    const v = typeof row?.value === 'string' ? JSON.parse(row.value) : row?.value;
    return { sent: Number(v?.sent ?? 0), ...(v?.last ? { lastMessageId: String(v.last) } : {}) };
  }

  async record(outboxId: string, sent: number, lastMessageId: string | undefined): Promise<void> {
    await this.sql.query(
      `INSERT INTO system_setting (key, value, updated_at) VALUES ($1, $2::jsonb, now())
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [this.key(outboxId), JSON.stringify({ sent, last: lastMessageId ?? null })],
    );
  }

  async clear(outboxId: string): Promise<void> {
    await this.sql.query(`DELETE FROM system_setting WHERE key = $1`, [this.key(outboxId)]);
  }
}
