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
import type { NationalFormat } from '../stats/template.ts';
import {
  APPLICANT_COLUMNS,
  APPLICATION_ROWS,
  NATIONAL_FORMATS,
  PROACTIVE,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  getPath,
} from '../stats/template.ts';
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
  const cols = new Set<string>();
  for (const f of NATIONAL_FORMATS) {
    for (const g of PROACTIVE[f]) for (const r of g.rows) for (const c of g.columns) cols.add(`proactive.${r.key}.${c.key}`);
    for (const r of APPLICATION_ROWS[f]) for (const c of APPLICANT_COLUMNS) cols.add(`applications.${r.path}.${c.key}`);
  }
  for (const g of REVIEW_GROUPS) for (const c of REVIEW_COLUMNS) cols.add(`reviewLitigation.${g.key}.${c.key}`);
  return [...cols];
}

const SCALARS = ['id', 'url', 'title', 'town', 'county', 'city', 'province', 'year', 'agency', 'code', 'indexNo', 'date', 'published', 'format', 'source.file', 'source.sha256', 'source.url', 'source.retrieved'] as const;

function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(neutraliseCell(v as string | number));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(records: ExportRecord[]): string {
  const stats = statColumns();
  const header = [...SCALARS, ...stats];
  const lines = [header.join(',')];
  for (const r of records) {
    lines.push(
      [...SCALARS.map((k) => getPath(r, k)), ...stats.map((k) => (r.stats ? getPath(r.stats, k) : undefined))].map(csvField).join(','),
    );
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/** /reports/<id>/report.json: the report's data (as in data/reports.json) with its notes and arithmetic checks. */
export function reportJson(id: string, d: ReportData): string {
  const checks = d.format !== 'free' && d.stats ? checkStats(d.format as NationalFormat, d.stats) : [];
  return JSON.stringify({ ...exportRecord(id, d), notes: d.notes ?? [], checks }, null, 1);
}
