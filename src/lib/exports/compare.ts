/**
 * The comparison builder's data (/compare/): data/compare/index.json (regions → counties → town
 * slugs, the years, and each statutory format's figure keys, listed once) and one small file per
 * county, data/compare/<province>/<county>.json (its towns, each report's format and its figures
 * as a value array in the order of its format's keys). The page downloads the index and the county
 * files of the towns chosen, so it stays light however large the archive grows. Labels come from
 * exportColumns() (./columns.ts), the one home of the official labels. Pure: the endpoints in
 * src/pages/data/compare/ call it; the browser reads the files through ./compare-view.ts.
 */
import type { ReportData } from '../schema.ts';
import type { Province } from '../site/reports.ts';
import { NATIONAL_FORMATS, getPath, type Format, type NationalFormat } from '../stats/template.ts';
import { exportColumns, formatStatKeys } from './columns.ts';

export const COMPARE_VERSION = 1;

/** data/compare/index.json */
export interface CompareIndex {
  version: number;
  /** every year some report covers, newest first */
  years: number[];
  /** per statutory format, its figure keys in table order: a report's `values` follow this order */
  formats: Record<NationalFormat, string[]>;
  provinces: { name: string; slug: string; counties: CompareIndexCounty[] }[];
}
export interface CompareIndexCounty {
  name: string;
  city?: string;
  /** the county's file is data/compare/<province slug>/<county slug>.json (comparePath) */
  slug: string;
  /** the slugs of its towns (what ?towns= holds) */
  towns: string[];
}

/** data/compare/<province>/<county>.json */
export interface CompareCounty {
  version: number;
  province: string;
  county: string;
  city?: string;
  towns: CompareTown[];
}
export interface CompareTown {
  slug: string;
  name: string;
  /** oldest year first */
  reports: CompareReport[];
}
export interface CompareReport {
  year: number;
  format: Format;
  /** national formats only: one value per key of index.formats[format]; null where the report left the cell empty */
  values?: (number | null)[];
}

export { comparePath } from './compare-view.ts';

export function compareIndex(regions: Province[]): CompareIndex {
  const years = new Set<number>();
  for (const p of regions) for (const c of p.counties) for (const t of c.towns) for (const r of t.reports) years.add(r.year);
  return {
    version: COMPARE_VERSION,
    years: [...years].sort((a, b) => b - a),
    formats: Object.fromEntries(NATIONAL_FORMATS.map((f) => [f, formatStatKeys(f)])) as Record<NationalFormat, string[]>,
    provinces: regions.map((p) => ({
      name: p.name,
      slug: p.slug,
      counties: p.counties.map((c) => ({
        name: c.name,
        ...(c.city ? { city: c.city } : {}),
        slug: c.slug,
        towns: c.towns.map((t) => t.slug),
      })),
    })),
  };
}

/** One county's file; `data` gives a report's frontmatter by id (<town-slug>/<year>). */
export function compareCounty(province: Province, countySlug: string, data: (id: string) => ReportData): CompareCounty {
  const c = province.counties.find((x) => x.slug === countySlug);
  if (!c) throw new Error(`compare: no county ${countySlug} in ${province.name}`);
  const keys = Object.fromEntries(NATIONAL_FORMATS.map((f) => [f, formatStatKeys(f)])) as Record<NationalFormat, string[]>;
  return {
    version: COMPARE_VERSION,
    province: province.name,
    county: c.name,
    ...(c.city ? { city: c.city } : {}),
    towns: c.towns.map((t) => ({
      slug: t.slug,
      name: t.town,
      reports: t.reports.map((r) => {
        const d = data(r.id);
        if (d.format === 'free' || !d.stats) return { year: d.year, format: d.format };
        return { year: d.year, format: d.format, values: keys[d.format].map((k) => figureValue(getPath(d.stats, k))) };
      }),
    })),
  };
}

function figureValue(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** A figure as the comparison page lists it: its key, the official label, and the table and row it belongs to. */
export interface CatalogueFigure {
  key: string;
  /** the full official label (as in data/reports-zh.csv): 三、收到和处理政府信息公开申请情况｜一、本年新收政府信息公开申请数量｜总计 */
  label: string;
  /** the last part of the label: the column (总计, 本年新制作数量 …) */
  column: string;
  unit?: string;
  /** the statutory formats that have it (a figure of one format only is 不适用 in the other's reports) */
  formats: NationalFormat[];
}
export interface CatalogueGroup {
  /** the statutory table: 二、主动公开政府信息情况 … */
  table: string;
  rows: { row: string; figures: CatalogueFigure[] }[];
}

/** Every statutory figure of both formats, grouped by table and row, in table order, with the labels of exportColumns(). */
export function figureCatalogue(): CatalogueGroup[] {
  const groups: CatalogueGroup[] = [];
  const inFormat = NATIONAL_FORMATS.map((f) => [f, new Set(formatStatKeys(f))] as const);
  for (const c of exportColumns()) {
    if (!/^(proactive|applications|reviewLitigation)\./.test(c.key)) continue;
    const parts = c.label.split('｜');
    const table = parts[0]!;
    const row = parts.slice(1, -1).join('｜');
    let g = groups.find((x) => x.table === table);
    if (!g) groups.push((g = { table, rows: [] }));
    let r = g.rows.find((x) => x.row === row);
    if (!r) g.rows.push((r = { row, figures: [] }));
    r.figures.push({ key: c.key, label: c.label, column: parts[parts.length - 1]!, ...(c.unit ? { unit: c.unit } : {}), formats: inFormat.filter(([, keys]) => keys.has(c.key)).map(([f]) => f) });
  }
  return groups;
}
