/** The comparison builder's data files (src/lib/exports/compare.ts) and what its page shows (compare-view.ts). */
import { expect, it } from 'vitest';
import { compareCounty, compareIndex, comparePath, figureCatalogue } from '../../src/lib/exports/compare.ts';
import { compareCsv, compareTable, countyOfTown, parseState, stateQuery } from '../../src/lib/exports/compare-view.ts';
import { exportColumns, formatStatKeys } from '../../src/lib/exports/columns.ts';
import { regions, summarize } from '../../src/lib/site/reports.ts';
import { emptyStats, type NationalFormat } from '../../src/lib/stats/template.ts';
import type { ReportData } from '../../src/lib/schema.ts';

function report(town: string, county: string, year: number, format: ReportData['format'], set: Record<string, number> = {}): ReportData {
  const stats = format === 'free' ? undefined : emptyStats(format as NationalFormat);
  if (stats) {
    // every cell 0 (a real report's figures), except those named, and one left empty
    const fill = (o: Record<string, unknown>) => {
      for (const [k, v] of Object.entries(o)) if (v === null) o[k] = 0; else if (typeof v === 'object') fill(v as Record<string, unknown>);
    };
    fill(stats as unknown as Record<string, unknown>);
    stats.applications.received['other'] = null;
    for (const [k, v] of Object.entries(set)) {
      const parts = k.split('.');
      let cur = stats as unknown as Record<string, unknown>;
      for (const p of parts.slice(0, -1)) cur = cur[p] as Record<string, unknown>;
      cur[parts[parts.length - 1]!] = v;
    }
  }
  return { title: `${town}${year}年报告`, town, county, province: '某省', year, agency: `${town}人民政府`, format, source: { file: 'a.txt', sha256: 'a'.repeat(64) }, ...(stats ? { stats } : {}) };
}

const data = new Map<string, ReportData>([
  ['mouxian-jia/2020', report('甲镇', '某县', 2020, 'national-2019', { 'applications.received.total': 12, 'proactive.procurement.amount': 3.5 })],
  ['mouxian-jia/2021', report('甲镇', '某县', 2021, 'national-2021', { 'applications.received.total': 30, 'proactive.fees.amount': 1.25 })],
  ['mouxian-yi/2021', report('=乙镇', '某县', 2021, 'free')],
  ['tacounty-bing/2019', report('丙乡', '他县', 2019, 'national-2019', { 'applications.received.total': 4 })],
]);
const all = regions([...data].map(([id, d]) => summarize({ id, data: d })));
const index = compareIndex(all);
const files = all.flatMap((p) => p.counties.map((c) => compareCounty(p, c.slug, (id) => data.get(id)!)));
const labelOf = (k: string) => exportColumns().find((c) => c.key === k)!.label;

it('the index: years newest first, each format’s keys once, a file per county with its town slugs', () => {
  expect(index.years).toEqual([2021, 2020, 2019]);
  expect(index.formats['national-2019']).toEqual(formatStatKeys('national-2019'));
  expect(index.formats['national-2021']).toContain('proactive.rules.issued');
  expect(index.formats['national-2021']).not.toContain('proactive.rules.made');
  const counties = index.provinces.flatMap((p) => p.counties);
  // the same slugs as the county pages (regions/<province>/<county>/)
  expect(index.provinces.flatMap((p) => p.counties.map((c) => comparePath(p.slug, c.slug))).sort()).toEqual(all.flatMap((p) => p.counties.map((c) => `data/compare/${p.slug}/${c.slug}.json`)).sort());
  expect(countyOfTown(index, 'tacounty-bing')?.file).toBe(`data/compare/${index.provinces[0]!.slug}/ta.json`);
  expect(counties.map((c) => c.towns)).toEqual(all.flatMap((p) => p.counties.map((c) => c.towns.map((t) => t.slug))));
  expect(countyOfTown(index, 'mouxian-yi')?.county.name).toBe('某县');
  expect(countyOfTown(index, 'nowhere')).toBeUndefined();
});

it('a county file: each report’s values in its format’s key order, null kept, free-form without values', () => {
  const mou = files.find((f) => f.county === '某县')!;
  const jia = mou.towns.find((t) => t.slug === 'mouxian-jia')!;
  expect(jia.reports.map((r) => [r.year, r.format])).toEqual([[2020, 'national-2019'], [2021, 'national-2021']]);
  const keys19 = index.formats['national-2019'];
  expect(jia.reports[0]!.values).toHaveLength(keys19.length);
  expect(jia.reports[0]!.values![keys19.indexOf('applications.received.total')]).toBe(12);
  expect(jia.reports[0]!.values![keys19.indexOf('proactive.procurement.amount')]).toBe(3.5);
  expect(jia.reports[0]!.values![keys19.indexOf('applications.received.other')]).toBeNull();
  expect(mou.towns.find((t) => t.slug === 'mouxian-yi')!.reports).toEqual([{ year: 2021, format: 'free' }]);
});

it('the figure catalogue: every statutory figure once, grouped by table and row, with its formats', () => {
  const cat = figureCatalogue();
  expect(cat.map((g) => g.table)).toEqual(['二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况']);
  const figures = cat.flatMap((g) => g.rows.flatMap((r) => r.figures));
  const statKeys = exportColumns().filter((c) => /^(proactive|applications|reviewLitigation)\./.test(c.key)).map((c) => c.key);
  expect(figures.map((f) => f.key).sort()).toEqual([...statKeys].sort());
  const made = figures.find((f) => f.key === 'proactive.rules.made')!;
  expect(made).toMatchObject({ column: '本年新制作数量', formats: ['national-2019'] });
  expect(figures.find((f) => f.key === 'applications.received.total')).toMatchObject({ label: '三、收到和处理政府信息公开申请情况｜一、本年新收政府信息公开申请数量｜总计', column: '总计', formats: ['national-2019', 'national-2021'] });
});

it('the table: numbers, — for an empty cell, 不适用 for a figure not in the report’s format or a free-form report; missing years named', () => {
  const state = { towns: ['mouxian-jia', 'mouxian-yi'], years: [2021, 2020], figures: ['applications.received.total', 'proactive.rules.made', 'applications.received.other', 'proactive.fees.amount'] };
  const t = compareTable(index, files, state, labelOf);
  expect(t.headers).toEqual(['乡镇（街道）', '所属县（市、区）', '报告年度', '报告格式', ...state.figures.map(labelOf)]);
  expect(t.rows.map((r) => r.cells)).toEqual([
    ['甲镇', '某县', 2020, '2019版表格', 12, 0, '—', '不适用'],
    ['甲镇', '某县', 2021, '2021版表格', 30, '不适用', '—', 1.25],
    ['=乙镇', '某县', 2021, '自由格式', '不适用', '不适用', '不适用', '不适用'],
  ]);
  expect(t.rows[1]!.numbers).toEqual([30, null, null, 1.25]);
  expect(t.missing).toEqual([{ town: '=乙镇', year: 2020 }]);
  // a town whose county file is not loaded has no rows (the page loads it first)
  expect(compareTable(index, files.filter((f) => f.county !== '他县'), { ...state, towns: ['tacounty-bing'] }, labelOf).rows).toEqual([]);
});

it('the CSV is the table: BOM, CRLF, quoted where needed, formula-looking text neutralised', () => {
  const t = compareTable(index, files, { towns: ['mouxian-yi', 'mouxian-jia'], years: [2021], figures: ['proactive.fees.amount'] }, labelOf);
  const csv = compareCsv(t);
  expect(csv.startsWith('\ufeff乡镇（街道）,所属县（市、区）,报告年度,报告格式,二、主动公开政府信息情况｜第二十条第（八）项｜行政事业性收费｜')).toBe(true);
  expect(csv.endsWith('\r\n')).toBe(true);
  const lines = csv.slice(1).split('\r\n');
  expect(lines[1]).toBe("'=乙镇,某县,2021,自由格式,不适用");
  expect(lines[2]).toBe('甲镇,某县,2021,2021版表格,1.25');
});

it('the permalink state: ?towns=…&years=…&figures=…, read back as written', () => {
  const s = { towns: ['mouxian-jia', 'tacounty-bing'], years: [2021, 2019], figures: ['applications.received.total', 'proactive.rules.made'] };
  expect(stateQuery(s)).toBe('?towns=mouxian-jia,tacounty-bing&years=2021,2019&figures=applications.received.total,proactive.rules.made');
  expect(parseState(stateQuery(s))).toEqual(s);
  expect(parseState('?towns=a,,a&years=x,2020&figures=')).toEqual({ towns: ['a'], years: [2020], figures: [] });
  expect(stateQuery({ towns: [], years: [], figures: [] })).toBe('');
});
