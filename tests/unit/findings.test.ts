/**
 * Checks across reports on a generated multi-year corpus: first made clean
 * (each year's 上年结转 set to the previous year's 结转下年度, the text's stated
 * figure set to the table's, series cut before a format that does not fit its
 * year), then broken on purpose in known places. Every planted break must be
 * found, and nothing else.
 */
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../src/lib/corpus/generate.ts';
import { crossFindings, type CrossInput } from '../../src/lib/findings/cross.ts';
import { readFrontmatter } from '../../src/lib/report/frontmatter.ts';
import { parseReport, type ReportData } from '../../src/lib/schema.ts';
import { APPLICANT_COLUMNS } from '../../src/lib/stats/template.ts';

function corpus(): CrossInput[] {
  const all: CrossInput[] = [];
  for (const g of generateCorpus(600, 7)) {
    const fm = readFrontmatter(g.content);
    if (!fm.ok) throw new Error(fm.error.message);
    const p = parseReport(fm.value.data);
    if (!p.ok) throw new Error(g.path);
    all.push({ id: g.path.replace(/\.md$/, ''), data: p.data, body: fm.value.body });
  }
  // clean: per town, years in order; stop a series at a format that does not fit its year
  const byTown = new Map<string, CrossInput[]>();
  for (const r of all) byTown.set(r.id.split('/')[0]!, [...(byTown.get(r.id.split('/')[0]!) ?? []), r]);
  const clean: CrossInput[] = [];
  for (const list of byTown.values()) {
    list.sort((a, b) => a.data.year - b.data.year);
    for (const [i, r] of list.entries()) {
      const d = r.data;
      const misfit = (d.format === 'national-2021' && d.year < 2021) || (d.format === 'national-2019' && d.year >= 2021) || (d.format === 'free' && d.year > 2020);
      if (misfit) break;
      const prev = list[i - 1];
      if (prev?.data.stats && d.stats) {
        for (const c of APPLICANT_COLUMNS) d.stats.applications.carriedOver[c.key] = prev.data.stats.applications.carriedForward[c.key] ?? null;
      }
      const received = d.stats?.applications.received['total'];
      r.body = r.body!.replace(/收到政府信息公开申请\d+件/g, `收到政府信息公开申请${received ?? 0}件`);
      if (!d.stats) r.body = r.body.replace(/收到政府信息公开申请\d+件/g, '收到政府信息公开申请若干件');
      clean.push(r);
    }
  }
  return clean;
}

describe('checks across reports', () => {
  const reports = corpus();
  it('the clean corpus has several multi-year national series (so the test can plant breaks)', () => {
    const ids = new Set(reports.map((r) => r.id));
    const byId = new Map(reports.map((r) => [r.id, r]));
    const withPrev = reports.filter((r) => r.data.stats && ids.has(`${r.id.split('/')[0]}/${r.data.year - 1}`) && byId.get(`${r.id.split('/')[0]}/${r.data.year - 1}`)!.data.stats);
    expect(withPrev.length).toBeGreaterThan(20);
  });

  it('find nothing on the clean corpus', () => {
    expect(crossFindings(reports)).toEqual([]);
  });

  it('find every planted break, and nothing else', () => {
    const copy: CrossInput[] = structuredClone(reports);
    const byId = new Map(copy.map((r) => [r.id, r]));
    const series = copy.filter((r) => r.data.stats && byId.get(`${r.id.split('/')[0]}/${r.data.year - 1}`)?.data.stats);
    // 1. continuity: 3 reports carry over a different count than last year carried forward
    const planted: string[] = [];
    for (const r of series.slice(0, 3)) {
      const prev = byId.get(`${r.id.split('/')[0]}/${r.data.year - 1}`)!;
      r.data.stats!.applications.carriedOver['natural'] = (prev.data.stats!.applications.carriedForward['natural'] ?? 0) + 2;
      planted.push(`cross.continuity ${r.id} natural`);
    }
    // 2. text against table: 2 bodies state another received total
    const stated = copy.filter((r) => r.data.stats && /收到政府信息公开申请\d+件/.test(r.body!)).slice(0, 2);
    for (const r of stated) {
      r.body = r.body!.replace(/收到政府信息公开申请(\d+)件/, (_, n) => `收到政府信息公开申请${Number(n) + 5}件`);
      planted.push(`cross.text-table ${r.id}`);
    }
    // 3. a gap: a middle year of a long series removed
    const long = [...new Set(copy.map((r) => r.id.split('/')[0]!))].map((t) => copy.filter((r) => r.id.startsWith(`${t}/`)).sort((a, b) => a.data.year - b.data.year)).find((l) => l.length >= 4 && !l.some((r) => series.slice(0, 3).includes(r)))!;
    const removed = long[1]!;
    planted.push(`cross.gap ${long[2]!.id} ${removed.data.year}`);
    // 4. format against year: a report after 2020 labelled with the 2019 table
    const late = copy.find((r) => r.data.format === 'national-2021' && !long.includes(r))!;
    (late.data as ReportData).format = 'national-2019';
    planted.push(`cross.format-year ${late.id}`);
    const input = copy.filter((r) => r !== removed);
    // removing a year also leaves its successor without a predecessor: no continuity finding across the gap
    const found = crossFindings(input).map((f) =>
      f.code === 'cross.continuity' ? `${f.code} ${f.id} ${f.keys[0]!.split('.').at(-1)}` : f.code === 'cross.gap' ? `${f.code} ${f.id} ${f.here}` : `${f.code} ${f.id}`,
    );
    expect(found.sort()).toEqual(planted.sort());
  });

  it('each finding says, in Chinese, what was compared with what', () => {
    const r = structuredClone(reports.find((x) => x.data.stats && /收到政府信息公开申请\d+件/.test(x.body!))!);
    r.body = r.body!.replace(/收到政府信息公开申请\d+件/, '全年共收到政府信息公开申请999件');
    const [f] = crossFindings([r]);
    expect(f).toMatchObject({ code: 'cross.text-table', here: r.data.stats!.applications.received['total'], there: 999, keys: ['applications.received.total'] });
    expect(f!.zh).toBe(`正文写“收到政府信息公开申请999件”，统计表中本年新收政府信息公开申请为${r.data.stats!.applications.received['total']}件`);
  });

  it('stated figures of last year or carried over are not read as this year’s', () => {
    const r = structuredClone(reports.find((x) => x.data.stats)!);
    r.body = `上年度收到政府信息公开申请999件。结转上年受理政府信息公开申请888件。`;
    expect(crossFindings([r]).filter((f) => f.code === 'cross.text-table')).toEqual([]);
  });
});
