/**
 * The data exports of the spec: data/reports.json (every report with its
 * stats) and data/reports.csv (one row per report, scalar fields plus every
 * statutory-table cell flattened to a column such as
 * applications.received.total). UTF-8 with BOM so Excel reads the Chinese.
 * Pure; the endpoints in src/pages/data/ and the year pages call it.
 */
import type { ReportData } from '../schema.ts';
import { checkStats } from '../stats/checks.ts';
import { neutraliseCell } from './csv-safe.ts';
import { exportColumns, type ExportColumn } from './columns.ts';
import type { NationalFormat } from '../stats/template.ts';
import { getPath } from '../stats/template.ts';
import { reportPath } from '../site/urls.ts';

export interface ExportRecord {
  id: string;
  url: string;
  title: string;
  town: string;
  county: string;
  city: string | null;
  province: string | null;
  year: number;
  agency: string;
  code: string | null;
  indexNo: string | null;
  date: string | null;
  published: string | null;
  format: ReportData['format'];
  source: ReportData['source'];
  stats: ReportData['stats'] | null;
}

export function exportRecord(id: string, d: ReportData): ExportRecord {
  return {
    id,
    url: `/${reportPath(id)}`,
    title: d.title,
    town: d.town,
    county: d.county,
    city: d.city ?? null,
    province: d.province ?? null,
    year: d.year,
    agency: d.agency,
    code: d.code ?? null,
    indexNo: d.indexNo ?? null,
    date: d.date ?? null,
    published: d.published ?? null,
    format: d.format,
    source: d.source,
    stats: d.stats ?? null,
  };
}

/** Every stats cell of both formats as a dotted column name, in table order, each once. */
export function statColumns(): string[] {
  return exportColumns().filter((c) => c.key.includes('.') && !c.key.startsWith('source.')).map((c) => c.key);
}

function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(neutraliseCell(v as string | number));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The value of a column: scalars from the record, cells from its stats. */
function valueOf(r: ExportRecord, c: ExportColumn): unknown {
  if (c.key.startsWith('proactive.') || c.key.startsWith('applications.') || c.key.startsWith('reviewLitigation.')) return r.stats ? getPath(r.stats, c.key) : undefined;
  return getPath(r, c.key);
}

/** data/reports.csv: stable keys as the header, values as stored (for scripts). */
export function toCsv(records: ExportRecord[]): string {
  return csv(records, (c) => c.key, (r, c) => valueOf(r, c));
}

/** data/reports-zh.csv: the official Chinese labels as the header and Chinese values (for people, in Excel). */
export function toCsvZh(records: ExportRecord[]): string {
  return csv(
    records,
    (c) => c.label,
    (r, c) => {
      const v = valueOf(r, c);
      return c.values && typeof v === 'string' ? (c.values[v] ?? v) : v;
    },
  );
}

function csv(records: ExportRecord[], head: (c: ExportColumn) => string, value: (r: ExportRecord, c: ExportColumn) => unknown): string {
  const cols = exportColumns();
  const lines = [cols.map((c) => csvField(head(c))).join(',')];
  for (const r of records) lines.push(cols.map((c) => csvField(value(r, c))).join(','));
  // UTF-8 with BOM and CRLF: what Excel reads as Chinese without an import dialog
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/** /reports/<id>/report.json: the report's data (as in data/reports.json) with its notes and arithmetic checks. */
export function reportJson(id: string, d: ReportData): string {
  const checks = d.format !== 'free' && d.stats ? checkStats(d.format as NationalFormat, d.stats) : [];
  return JSON.stringify({ ...exportRecord(id, d), notes: d.notes ?? [], checks }, null, 1);
}
