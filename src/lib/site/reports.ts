/**
 * Shapes the report collection for pages: by town, by year, by region, with
 * prev/next years and key figures. Pure: takes plain entries, no Astro.
 */
import type { ReportData } from '../schema.ts';
import { keyFigures, type KeyFigures } from '../stats/figures.ts';
import { toPinyin } from '../slug.ts';
import { UNKNOWN_PROVINCE, countySlug, provinceSlug } from './urls.ts';

export interface Entry {
  /** <town-slug>/<year> */
  id: string;
  data: ReportData;
}

export interface ReportSummary {
  id: string;
  townSlug: string;
  year: number;
  title: string;
  town: string;
  county: string;
  city?: string;
  province?: string;
  format: ReportData['format'];
  date?: string;
  published?: string;
  figures: KeyFigures;
}

const collator = new Intl.Collator('zh-CN-u-co-pinyin');

export function summarize(e: Entry): ReportSummary {
  const d = e.data;
  return {
    id: e.id,
    townSlug: e.id.split('/')[0]!,
    year: d.year,
    title: d.title,
    town: d.town,
    county: d.county,
    ...(d.city ? { city: d.city } : {}),
    ...(d.province ? { province: d.province } : {}),
    format: d.format,
    ...(d.date ? { date: d.date } : {}),
    ...(d.published ? { published: d.published } : {}),
    figures: keyFigures(d.format, d.stats),
  };
}

/** Province, county, town in pinyin order, then year: the archive's fixed order. */
export function byRegion(a: ReportSummary, b: ReportSummary): number {
  return (
    collator.compare(a.province ?? '\uffff', b.province ?? '\uffff') ||
    collator.compare(a.county, b.county) ||
    collator.compare(a.town, b.town) ||
    a.year - b.year
  );
}

export interface Town {
  slug: string;
  town: string;
  county: string;
  city?: string;
  province?: string;
  /** Oldest year first. */
  reports: ReportSummary[];
}

export function towns(reports: ReportSummary[]): Town[] {
  const map = new Map<string, Town>();
  for (const r of [...reports].sort(byRegion)) {
    let t = map.get(r.townSlug);
    if (!t) {
      t = { slug: r.townSlug, town: r.town, county: r.county, reports: [], ...(r.city ? { city: r.city } : {}), ...(r.province ? { province: r.province } : {}) };
      map.set(r.townSlug, t);
    }
    t.reports.push(r);
  }
  return [...map.values()];
}

export function years(reports: ReportSummary[]): { year: number; reports: ReportSummary[] }[] {
  const map = new Map<number, ReportSummary[]>();
  for (const r of reports) map.set(r.year, [...(map.get(r.year) ?? []), r]);
  return [...map.entries()].sort((a, b) => b[0] - a[0]).map(([year, rs]) => ({ year, reports: rs.sort(byRegion) }));
}

export interface County {
  name: string;
  city?: string;
  slug: string;
  towns: Town[];
  reportCount: number;
}
export interface Province {
  name: string;
  slug: string;
  counties: County[];
  reportCount: number;
}

export function regions(reports: ReportSummary[]): Province[] {
  const provinces = new Map<string, Province>();
  const counties = new Map<string, County>();
  for (const t of towns(reports)) {
    const pname = t.province ?? UNKNOWN_PROVINCE;
    let p = provinces.get(pname);
    if (!p) {
      p = { name: pname, slug: provinceSlug(t.province), counties: [], reportCount: 0 };
      provinces.set(pname, p);
    }
    // counties of the same name in one province (市中区 in several cities) stay apart by city
    const key = `${pname}|${t.city ?? ''}|${t.county}`;
    let c = counties.get(key);
    if (!c) {
      c = { name: t.county, slug: countySlug(t.county), towns: [], reportCount: 0, ...(t.city ? { city: t.city } : {}) };
      counties.set(key, c);
      p.counties.push(c);
    }
    c.towns.push(t);
    c.reportCount += t.reports.length;
    p.reportCount += t.reports.length;
  }
  // slugs that would collide take the full name (和田市 hetianshi / 和田县 hetianxian), then the city
  const dedupe = (list: County[], next: (c: County, i: number) => string) => {
    const bySlug = new Map<string, County[]>();
    for (const c of list) bySlug.set(c.slug, [...(bySlug.get(c.slug) ?? []), c]);
    for (const same of bySlug.values()) if (same.length > 1) same.forEach((c, i) => (c.slug = next(c, i)));
  };
  for (const p of provinces.values()) {
    dedupe(p.counties, (c) => toPinyin(c.name) || c.slug);
    dedupe(p.counties, (c, i) => `${c.slug}-${toPinyin(c.city ?? '') || i}`);
    dedupe(p.counties, (c, i) => `${c.slug}-${i + 1}`);
  }
  return [...provinces.values()];
}

/** The region page path of a report's county (with the same disambiguation as regions()). */
export function countyPathOf(all: Province[], r: { province?: string | undefined; city?: string | undefined; county: string }): string {
  const p = all.find((x) => x.name === (r.province ?? UNKNOWN_PROVINCE));
  const c = p?.counties.find((x) => x.name === r.county && (x.city ?? '') === (r.city ?? ''));
  return `regions/${p?.slug ?? provinceSlug(r.province)}/${c?.slug ?? countySlug(r.county)}/`;
}

export interface Neighbours {
  prev?: ReportSummary;
  next?: ReportSummary;
}

/**
 * Every report's previous and next year of the same town, computed once for
 * the whole archive: looking them up per page by scanning all reports made
 * building n report pages O(n²).
 */
export function neighbourMap(all: ReportSummary[]): Map<string, Neighbours> {
  const byTown = new Map<string, ReportSummary[]>();
  for (const r of all) {
    let list = byTown.get(r.townSlug);
    if (!list) byTown.set(r.townSlug, (list = []));
    list.push(r);
  }
  const map = new Map<string, Neighbours>();
  for (const same of byTown.values()) {
    same.sort((a, b) => a.year - b.year);
    same.forEach((r, i) => {
      map.set(r.id, { ...(i > 0 ? { prev: same[i - 1]! } : {}), ...(i < same.length - 1 ? { next: same[i + 1]! } : {}) });
    });
  }
  return map;
}

/** The same town's previous and next report years (one lookup; for many, use neighbourMap). */
export function neighbours(all: ReportSummary[], id: string): Neighbours {
  return neighbourMap(all.filter((r) => r.townSlug === id.split('/')[0])).get(id) ?? {};
}

/** Newest reports first: by report year, then publication or written date. */
export function newest(reports: ReportSummary[], n: number): ReportSummary[] {
  return [...reports]
    .sort((a, b) => b.year - a.year || (b.published ?? b.date ?? '').localeCompare(a.published ?? a.date ?? '') || byRegion(a, b))
    .slice(0, n);
}

/** The years a town's reports cover, as the town page writes them: 2020年, 2018—2020年, 2016、2018—2020年 … one year alone without a range. */
export function yearSpan(years: number[]): string {
  const ys = [...new Set(years)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const y of ys) {
    const last = runs[runs.length - 1];
    if (last && y === last[1] + 1) last[1] = y;
    else runs.push([y, y]);
  }
  return `${runs.map(([a, b]) => (a === b ? String(a) : `${a}—${b}`)).join('、')}年`;
}
