/**
 * The built site in dist/ (npm test builds it from content/ first): pages,
 * tables, navigation pages and exports, checked against the content files.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { DIST } from '../helpers/build.ts';
import { readContent } from '../helpers/content.ts';
import { applicationsGrid } from '../../src/lib/stats/layout.ts';

const page = (p: string) => cheerio.load(readFileSync(path.join(DIST, p, 'index.html'), 'utf8'));
const reports = readContent();
const iso = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : (d as string | undefined));

describe('report pages', () => {
  it.each(reports.map((r) => [r.id, r] as const))('%s has its page with title and metadata', (id, r) => {
    const $ = page(`reports/${id}`);
    expect($('html').attr('lang')).toBe('zh-CN');
    expect($('article.report[data-pagefind-body] h1').text()).toBe(r.data.title);
    const meta = Object.fromEntries($('.meta-table tr').toArray().map((tr) => [$(tr).find('th').text(), $(tr).find('td').text()]));
    expect(meta['发布机构']).toBe(r.data.agency);
    expect(meta['报告年度']).toBe(`${r.data.year}年`);
    expect(meta['所属地区']).toContain(r.data.county);
    expect(meta['所属地区']).toContain(r.data.town);
    expect(meta['来源文件']).toBe(r.data.source.file);
    expect(meta['SHA-256']).toBe(r.data.source.sha256);
    if (r.data.date) expect(meta['成文日期']).toBe(iso(r.data.date));
    if (r.data.published) expect(meta['发布日期']).toBe(iso(r.data.published));
    // every heading of the text is in the table of contents
    const headings = $('.report-text h2, .report-text h3').not('#stats-title').toArray().map((h) => $(h).text());
    const toc = $('.toc a').toArray().map((a) => $(a).text());
    for (const h of headings) expect(toc).toContain(h);
    // links to the town, the year and the county
    const links = $('.report-nav a').toArray().map((a) => $(a).attr('href'));
    expect(links).toContain(`/towns/${id.split('/')[0]}/`);
    expect(links).toContain(`/years/${r.data.year}/`);
    // no script or style attribute that a strict CSP would block
    expect($('script:not([src]):not([type="application/ld+json"])').length).toBe(0);
    expect($('[style]').length).toBe(0);
  });

  it('寒葱沟镇 2020: the three statutory tables with official headers, merged cells and figures', () => {
    const r = reports.find((x) => x.data.town === '寒葱沟镇')!;
    const $ = page(`reports/${r.id}`);
    // each table is named once: by the section heading it is printed under (aria-labelledby), else by a caption
    const names = $('.stat-table').toArray().map((t) => {
      const by = $(t).attr('aria-labelledby');
      return by ? $(`#${by}`).text() : $(t).children('caption').text();
    });
    expect($('.stat-table caption').toArray().filter((c) => $('h2').toArray().some((h) => $(h).text() === $(c).text()))).toEqual([]);
    expect(names).toEqual([
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
    ]);
    const proactive = $('#table-proactive');
    expect(proactive.find('th[colspan="4"]').first().text()).toBe('第二十条第（一）项');
    expect(proactive.find('th').toArray().map((t) => $(t).text())).toContain('本年新制作数量');
    const apps = $('#table-applications');
    expect(apps.find('thead th[colspan="7"]').text()).toBe('申请人情况');
    expect(apps.find('thead th[colspan="5"]').text()).toBe('法人或其他组织');
    const result = apps.find('th:contains("三、本年度办理结果")');
    expect(Number(result.attr('rowspan'))).toBe(applicationsGrid('national-2019', r.data.stats).body.filter((row) => row.some((c) => c.text.startsWith('（') || /^\d\./.test(c.text))).length);
    expect(apps.find('th:contains("（三）不予公开")').attr('rowspan')).toBe('8');
    // figures: the received row shows the seven values of stats
    const received = apps.find('tr').filter((_, tr) => $(tr).find('th').text() === '一、本年新收政府信息公开申请数量');
    expect(received.find('td').toArray().map((td) => $(td).text())).toEqual(
      ['natural', 'commercial', 'research', 'nonprofit', 'legal', 'other', 'total'].map((k) => String(r.data.stats.applications.received[k])),
    );
    const review = $('#table-review');
    expect(review.find('thead th[colspan="10"]').text()).toBe('行政诉讼');
    expect(review.find('tbody td')).toHaveLength(15);
    expect($('.checks').text()).toMatch(/共核对 \d+ 项/);
  });

  it('free-form reports have no statutory tables', () => {
    for (const r of reports.filter((x) => x.data.format === 'free')) expect(page(`reports/${r.id}`)('.stat-table')).toHaveLength(0);
  });
});

describe('town, year and region pages', () => {
  const towns = [...new Set(reports.map((r) => r.id.split('/')[0]!))];
  it.each(towns)('town %s lists every year it reported, with a chart or a note', (slug) => {
    const $ = page(`towns/${slug}`);
    const years = reports.filter((r) => r.id.startsWith(`${slug}/`)).map((r) => `${r.data.year}年`);
    expect($('.figures-table tbody th').toArray().map((t) => $(t).text())).toEqual(years);
    // a chart needs two years with figures; else a note says why there is none
    expect($('svg title').length + $('p.muted:contains("暂无可绘制")').length + $('p.muted:contains("尚不能显示趋势")').length).toBe(1);
  });
  const years = [...new Set(reports.map((r) => r.data.year))];
  it.each(years)('year %s lists every town that reported, sortable without JS, with a CSV', (year) => {
    const $ = page(`years/${year}`);
    const expected = reports.filter((r) => r.data.year === year).map((r) => r.data.town).sort();
    expect($('.figures-table tbody th').toArray().map((t) => $(t).text()).sort()).toEqual(expected);
    for (const sort of ['by-received', 'by-granted', 'by-review']) expect(existsSync(path.join(DIST, `years/${year}/${sort}/index.html`))).toBe(true);
    const csv = readFileSync(path.join(DIST, `years/${year}/reports.csv`), 'utf8');
    expect(csv.trim().split('\r\n')).toHaveLength(expected.length + 1);
  });
  it('region pages: province → county → town', () => {
    for (const r of reports) {
      const countyHref = page(`reports/${r.id}`)('.breadcrumbs a').eq(2).attr('href')!;
      expect(countyHref).toMatch(/^\/regions\/[a-z]+\/[a-z]+\/$/);
      const $county = page(countyHref.replace(/^\//, ''));
      expect($county('.town-list a').toArray().map((a) => $county(a).text())).toContain(r.data.town);
    }
    const $ = page('regions');
    for (const r of reports) expect($('main').text()).toContain(r.data.county);
  });
  it('home page says what the archive holds and has a search box', () => {
    const $ = page('');
    expect($('main').text()).toContain(`${reports.length}`);
    expect($('form[role="search"] input[name="q"]').length).toBeGreaterThan(0);
    expect($('#newest ~ ul li').length).toBe(Math.min(10, reports.length));
    expect(existsSync(path.join(DIST, '404.html'))).toBe(true);
  });
});

describe('data exports', () => {
  it('data/reports.json has every report with its stats', () => {
    const json = JSON.parse(readFileSync(path.join(DIST, 'data/reports.json'), 'utf8')) as any[];
    expect(json.map((r) => r.id).sort()).toEqual(reports.map((r) => r.id).sort());
    for (const r of reports) {
      const j = json.find((x) => x.id === r.id);
      expect(j.url).toBe(`/reports/${r.id}/`);
      expect(j.title).toBe(r.data.title);
      expect(j.stats ?? undefined).toEqual(r.data.stats);
      expect(j.date ?? undefined).toBe(iso(r.data.date));
    }
  });
  it('data/reports.csv is UTF-8 with BOM, one row per report', () => {
    const csv = readFileSync(path.join(DIST, 'data/reports.csv'), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = csv.slice(1).trim().split('\r\n');
    expect(rows).toHaveLength(reports.length);
    const cols = header!.split(',');
    const hcg = reports.find((x) => x.data.town === '寒葱沟镇')!;
    const row = rows.find((l) => l.startsWith(`${hcg.id},`))!.split(',');
    expect(row[cols.indexOf('applications.received.total')]).toBe(String(hcg.data.stats.applications.received.total));
    expect(row[cols.indexOf('town')]).toBe('寒葱沟镇');
  });
});
