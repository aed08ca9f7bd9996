/**
 * What the comparison page shows, as pure functions of the data files (./compare.ts) and a
 * choice: the permalink's state (?towns=…&years=…&figures=…), the table (rows: town × year;
 * columns: the chosen figures with their official labels) and its CSV (exactly the table: the
 * same headers and the same cells, UTF-8 with BOM, CRLF, formula-looking text neutralised).
 * Runs in the browser (src/scripts/compare-page.ts) and in unit tests.
 */
import { FORMAT_SHORT } from '../site/labels.ts';
import type { NationalFormat } from '../stats/template.ts';
import type { CompareCounty, CompareIndex } from './compare.ts';
import { neutraliseCell } from './csv-safe.ts';

/** The cell of a figure the report's format does not have (or a free-form report: no statutory tables). */
export const NOT_APPLICABLE = '不适用';
/** The cell of a figure the report left empty (or that could not be read). */
export const UNKNOWN = '—';

export interface CompareState {
  towns: string[];
  years: number[];
  figures: string[];
}

const list = (v: string | null) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/** Reads ?towns=a,b&years=2020,2021&figures=k1,k2 (unknown or repeated values are kept out later, by the page). */
export function parseState(search: string): CompareState {
  const p = new URLSearchParams(search);
  return {
    towns: [...new Set(list(p.get('towns')))],
    years: [...new Set(list(p.get('years')).map(Number).filter((y) => Number.isInteger(y) && y > 0))],
    figures: [...new Set(list(p.get('figures')))],
  };
}

/** The query string of a state (commas kept readable), '' when nothing is chosen. */
export function stateQuery(s: CompareState): string {
  const parts: string[] = [];
  if (s.towns.length) parts.push(`towns=${s.towns.map(encodeURIComponent).join(',')}`);
  if (s.years.length) parts.push(`years=${s.years.join(',')}`);
  if (s.figures.length) parts.push(`figures=${s.figures.map(encodeURIComponent).join(',')}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** A county's file, site-relative: data/compare/<province slug>/<county slug>.json (the slugs of its region page). */
export const comparePath = (provinceSlug: string, countySlug: string) => `data/compare/${provinceSlug}/${countySlug}.json`;

/** Where a town's data lives: its province and county in the index, and the county's file. */
export function countyOfTown(index: CompareIndex, slug: string): { province: string; county: CompareIndex['provinces'][number]['counties'][number]; file: string } | undefined {
  for (const p of index.provinces) for (const c of p.counties) if (c.towns.includes(slug)) return { province: p.name, county: c, file: comparePath(p.slug, c.slug) };
  return undefined;
}

export interface CompareRow {
  town: string;
  townSlug: string;
  county: string;
  year: number;
  /** the report's id, <town-slug>/<year> */
  id: string;
  /** the cells in table order: the four leading columns, then one per figure */
  cells: (string | number)[];
  /** per figure: the number, or null for — and 不适用 */
  numbers: (number | null)[];
}
export interface CompareTable {
  headers: string[];
  /** how many leading columns describe the row (town, county, year, format) */
  lead: number;
  rows: CompareRow[];
  /** chosen town-years without a report */
  missing: { town: string; year: number }[];
}

export const LEAD_HEADERS = ['乡镇（街道）', '所属县（市、区）', '报告年度', '报告格式'];

/**
 * The table of a choice. `counties` are the loaded county files (those of the chosen towns);
 * `labels` gives each figure key its official label. Rows follow the chosen towns' order, then years oldest first.
 */
export function compareTable(index: CompareIndex, counties: CompareCounty[], state: CompareState, labels: (key: string) => string): CompareTable {
  const years = [...state.years].sort((a, b) => a - b);
  const positions = Object.fromEntries(Object.entries(index.formats).map(([f, keys]) => [f, new Map(keys.map((k, i) => [k, i]))])) as Record<NationalFormat, Map<string, number>>;
  const rows: CompareRow[] = [];
  const missing: CompareTable['missing'] = [];
  for (const slug of state.towns) {
    const county = counties.find((c) => c.towns.some((t) => t.slug === slug));
    const town = county?.towns.find((t) => t.slug === slug);
    if (!county || !town) continue;
    for (const year of years) {
      const r = town.reports.find((x) => x.year === year);
      if (!r) {
        missing.push({ town: town.name, year });
        continue;
      }
      const numbers: (number | null)[] = [];
      const cells: (string | number)[] = [town.name, county.county, year, FORMAT_SHORT[r.format]];
      for (const key of state.figures) {
        const at = r.format === 'free' ? undefined : positions[r.format]?.get(key);
        const v = at === undefined ? undefined : (r.values?.[at] ?? null);
        numbers.push(typeof v === 'number' ? v : null);
        cells.push(v === undefined ? NOT_APPLICABLE : v === null ? UNKNOWN : v);
      }
      rows.push({ town: town.name, townSlug: slug, county: county.county, year, id: `${slug}/${year}`, cells, numbers });
    }
  }
  return { headers: [...LEAD_HEADERS, ...state.figures.map(labels)], lead: LEAD_HEADERS.length, rows, missing };
}

function csvField(v: string | number): string {
  const s = String(neutraliseCell(v));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The table as CSV: the headers and cells as shown, UTF-8 with BOM and CRLF (what Excel opens as Chinese). */
export function compareCsv(t: CompareTable): string {
  const lines = [t.headers.map(csvField).join(','), ...t.rows.map((r) => r.cells.map(csvField).join(','))];
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
