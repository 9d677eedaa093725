import type { Tx } from '../app/services.ts';
import { vnYear } from '../registration/code.ts';

/**
 * Member numbers officers and partners read off a card: "DV-79-2026-000123" = đoàn viên,
 * province code of the workplace, year of admission (Vietnam time), sequence within both.
 * Sequential and therefore guessable on purpose: the number proves nothing by itself, the
 * card's QR code (an unguessable token) is what a third party verifies.
 */
export function formatMemberNo(provinceCode: string, year: number, seq: number): string {
  return `DV-${provinceCode}-${year}-${String(seq).padStart(6, '0')}`;
}

export const MEMBER_NO_SHAPE = /^DV-\d{2}-\d{4}-\d{6,}$/;

/**
 * The next number of the province's sequence for the year of `at`. The upsert takes the
 * counter row's lock until the caller's transaction commits, so two approvals in the same
 * province never draw the same number, in any number of processes.
 */
export async function nextMemberNo(tx: Tx, provinceCode: string, at: Date): Promise<string> {
  const year = vnYear(at);
  const rows = await tx.$queryRawUnsafe<Array<{ last: number }>>(
    `INSERT INTO member_no_counter (province_code, year, last) VALUES ($1, $2, 1)
     ON CONFLICT (province_code, year) DO UPDATE SET last = member_no_counter.last + 1
     RETURNING last`,
    provinceCode,
    year,
  );
  return formatMemberNo(provinceCode, year, Number(rows[0]!.last));
}
