/**
 * The one way officer lists become files: `?format=csv|xlsx` on a list route marked [export].
 *
 *   const format = exportFormat(req.query);            // null: answer JSON as usual
 *   if (format === 'invalid') return reply.code(400)...
 *   if (format) return sendExport(reply, format, 'can-bo', [{ key: 'name', header: 'Họ tên' }, ...], rows);
 *
 * CSV is UTF-8 with a BOM (Excel on Windows otherwise shows Vietnamese as mojibake), CRLF lines,
 * RFC 4180 quoting, and text cells that would start a formula (= + - @) prefixed with ', because
 * names and messages are typed by workers (CSV/formula injection). XLSX writes cells as values,
 * never as formulas, so it needs no such prefix.
 */
import type { FastifyReply } from 'fastify';
import ExcelJS from 'exceljs';

export type ExportFormat = 'csv' | 'xlsx';

export interface ExportColumn<Row> {
  /** property of the row to show (ignored when `value` is given) */
  key: string;
  /** the header cell: Vietnamese first ("Họ tên / Name" is fine) */
  header: string;
  value?: (row: Row) => unknown;
  /** xlsx column width in characters */
  width?: number;
}

/** 'csv' | 'xlsx' from ?format=, null when absent (JSON), 'invalid' for anything else. */
export function exportFormat(query: unknown): ExportFormat | null | 'invalid' {
  const f = (query as { format?: unknown } | null | undefined)?.format;
  if (f === undefined || f === '' || f === 'json') return null;
  return f === 'csv' || f === 'xlsx' ? f : 'invalid';
}

type Cell = string | number | boolean | Date | null;

function cellOf(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'bigint') return v.toString();
  return JSON.stringify(v);
}

export function csvCell(v: Cell): string {
  if (v === null) return '';
  let s = v instanceof Date ? v.toISOString() : String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv<Row>(columns: readonly ExportColumn<Row>[], rows: readonly Row[]): string {
  const values = (row: Row) => columns.map((c) => csvCell(cellOf(c.value ? c.value(row) : (row as Record<string, unknown>)[c.key])));
  const lines = [columns.map((c) => csvCell(c.header)).join(','), ...rows.map((r) => values(r).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function toXlsx<Row>(columns: readonly ExportColumn<Row>[], rows: readonly Row[], sheetName = 'Dữ liệu'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Trợ lý Công đoàn';
  // sheet names: at most 31 characters, none of : \ / ? * [ ]
  const ws = wb.addWorksheet(sheetName.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet1', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? Math.min(Math.max(c.header.length + 2, 12), 60) }));
  ws.getRow(1).font = { bold: true };
  for (const row of rows) {
    ws.addRow(columns.map((c) => cellOf(c.value ? c.value(row) : (row as Record<string, unknown>)[c.key])));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** RFC 6266: an ASCII fallback for old clients and the exact UTF-8 name for the rest. */
export function contentDisposition(filename: string): string {
  const ascii = filename
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .replace(/[^A-Za-z0-9._-]+/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/**
 * Sends rows as a CSV or XLSX download. `filename` without extension ("can-bo-2026-11-22").
 * Whoever calls it has already filtered the rows by scope and written the audit row if the
 * export holds personal data.
 */
export async function sendExport<Row>(
  reply: FastifyReply,
  format: ExportFormat,
  filename: string,
  columns: readonly ExportColumn<Row>[],
  rows: readonly Row[],
): Promise<FastifyReply> {
  const base = filename.replace(/\.(csv|xlsx)$/i, '');
  void reply.header('cache-control', 'no-store');
  if (format === 'csv') {
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', contentDisposition(`${base}.csv`))
      .send(toCsv(columns, rows));
  }
  const body = await toXlsx(columns, rows);
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', contentDisposition(`${base}.xlsx`))
    .send(body);
}
