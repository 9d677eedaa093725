import { createHash, randomBytes } from 'node:crypto';
import type { Tx } from '../app/services.ts';
import type { Keyring } from '../security/crypto.ts';
import type { SubjectData } from './collect.ts';

/**
 * The export a worker downloads (Law 91/2025 Art. 4(1): the right to be provided one's data):
 * the whole SubjectData as JSON, and the same as a CSV (section, item, field, value) that opens
 * in a spreadsheet. The body is sealed in the link row; the link is single-use and short-lived.
 */
export function toJson(data: SubjectData, exportedAt: Date): string {
  return JSON.stringify({ exportedAt: exportedAt.toISOString(), controller: 'Công đoàn Việt Nam', data }, null, 2);
}

const csvCell = (v: unknown): string => {
  const s = v instanceof Date ? v.toISOString() : v === null || v === undefined ? '' : String(v);
  // a leading =, +, - or @ makes a spreadsheet run a formula: prefix it so it stays text
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function toCsv(data: SubjectData): string {
  const rows: unknown[][] = [['section', 'item', 'field', 'value']];
  const add = (section: string, item: number, obj: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(obj)) rows.push([section, item, k, v]);
  };
  if (data.member) add('member', 1, data.member);
  data.registrations.forEach((r, i) => add('registration', i + 1, r));
  data.cases.forEach((r, i) => add('case', i + 1, r));
  data.benefitRequests.forEach((r, i) => add('benefit_request', i + 1, r));
  data.consents.forEach((r, i) => add('consent', i + 1, r));
  data.channelAccounts.forEach((r, i) => add('channel_account', i + 1, r));
  data.contestAttempts.forEach((r, i) => add('contest_attempt', i + 1, r));
  data.memberCards.forEach((r, i) => add('member_card', i + 1, r));
  rows.push(['survey_responses', 1, 'count', data.surveyResponses]);
  rows.push(['conversation', 1, 'messages', data.conversationMessages]);
  // BOM so spreadsheet programs read the Vietnamese as UTF-8
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

export const DOWNLOAD_PATH = '/my-data/download/';

export interface CreatedLink {
  url: string;
  fileName: string;
  format: 'json' | 'csv';
  expiresAt: Date;
}

/** An unguessable (256-bit) token; only its hash is stored, so a database read gives no link. */
export async function createExportLink(
  tx: Tx,
  keyring: Keyring,
  i: { requestId: string; format: 'json' | 'csv'; body: string; fileName: string; now: Date; ttlMinutes: number; publicUrl: string | undefined },
): Promise<CreatedLink> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(i.now.getTime() + i.ttlMinutes * 60_000);
  await tx.dataExportLink.create({
    data: {
      tokenHash: tokenHash(token),
      requestId: i.requestId,
      format: i.format,
      fileName: i.fileName,
      bodyEnc: keyring.seal(i.body),
      createdAt: i.now,
      expiresAt,
    },
  });
  const base = (i.publicUrl ?? '').replace(/\/+$/, '');
  return { url: `${base}${DOWNLOAD_PATH}${token}`, fileName: i.fileName, format: i.format, expiresAt };
}
