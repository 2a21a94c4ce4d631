/**
 * Every table of the report as CSV (RFC 4180: comma-separated, CRLF line
 * ends, fields quoted when they hold a comma, quote or line break), one
 * file per table named after its id. The cells are the report's own text
 * ("$1,234,567", "8.1 weeks (7.6–8.7)"), the same as every other format
 * shows; the Scenario column is always there so files of several reports
 * can be joined.
 */
import type { ReportModel, ReportTable } from './model.ts';

function field(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function tableCsv(table: ReportTable): string {
  return [table.columns, ...table.rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

/** `<nn>-<table id>.csv` in the report's order, so a folder lists them as the report reads. */
export function reportCsv(model: ReportModel): Array<{ name: string; text: string }> {
  return model.tables.map((t, i) => ({ name: `${String(i + 1).padStart(2, '0')}-${t.id}.csv`, text: tableCsv(t) }));
}
