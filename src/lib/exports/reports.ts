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

/** How a column's value is read: its dotted path split once, into the record or into its stats. */
interface Reader {
  column: ExportColumn;
  parts: string[];
  stats: boolean;
}
let readers: Reader[] | undefined;
function columnReaders(): Reader[] {
  return (readers ??= exportColumns().map((c) => ({
    column: c,
    parts: c.key.split('.'),
    stats: c.key.startsWith('proactive.') || c.key.startsWith('applications.') || c.key.startsWith('reviewLitigation.'),
  })));
}

/** The value of a column: scalars from the record, cells from its stats (getPath, with the path split once). */
function valueOf(r: ExportRecord, c: Reader): unknown {
  let cur: unknown = c.stats ? r.stats : r;
  if (c.stats && !cur) return undefined;
  for (const part of c.parts) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** The header line of data/reports.csv (stable keys) or, zh, of data/reports-zh.csv (the official Chinese labels). */
export function csvHeader(zh = false): string {
  return exportColumns().map((c) => csvField(zh ? c.label : c.key)).join(',');
}

/** One report's line: values as stored or, zh, with coded values in Chinese. */
export function csvRow(r: ExportRecord, zh = false): string {
  return columnReaders()
    .map((c) => {
      const v = valueOf(r, c);
      return csvField(zh && c.column.values && typeof v === 'string' ? (c.column.values[v] ?? v) : v);
    })
    .join(',');
}

/** A CSV file of header and lines: UTF-8 with BOM and CRLF, what Excel reads as Chinese without an import dialog. */
export function csvDocument(header: string, rows: string[]): string {
  return `\ufeff${[header, ...rows].join('\r\n')}\r\n`;
}

/** data/reports.csv: stable keys as the header, values as stored (for scripts). */
export function toCsv(records: ExportRecord[]): string {
  return csvDocument(csvHeader(), records.map((r) => csvRow(r)));
}

/** data/reports-zh.csv: the official Chinese labels as the header and Chinese values (for people, in Excel). */
export function toCsvZh(records: ExportRecord[]): string {
  return csvDocument(csvHeader(true), records.map((r) => csvRow(r, true)));
}

/** /reports/<id>/report.json: the report's data (as in data/reports.json) with its notes and arithmetic checks. */
export function reportJson(id: string, d: ReportData): string {
  const checks = d.format !== 'free' && d.stats ? checkStats(d.format as NationalFormat, d.stats) : [];
  return JSON.stringify({ ...exportRecord(id, d), notes: d.notes ?? [], checks }, null, 1);
}
