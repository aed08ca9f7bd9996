/**
 * 数据对比 (issue 13, item 2) in a real Chromium under the strict CSP: choose a county, towns,
 * years and figures with the page's own controls; every cell of the table is compared with the
 * truth read here from the reports' Markdown frontmatter (parsed with the yaml package, not with
 * the site's code): a number, “—” for an empty cell, 不适用 for a figure the report's format
 * (or a free-form report) does not have. The CSV download holds exactly the shown table; the
 * permalink opened in a fresh browser shows the same table. Also: the sub-path build (/gk/ndbg/),
 * axe at 360 and 1280 px in both modes, no sideways scroll at 320 px, no JavaScript, a failed fetch.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportColumns } from '../../src/lib/exports/columns.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { ROOT } from '../helpers/build.ts';
import { SHARDED_CONTENT, SHARDED_DIST, SUBPATH_DIST } from '../helpers/global-setup.ts';
import { serveStatic, type Served } from '../helpers/server.ts';

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Truth {
  slug: string;
  year: number;
  town: string;
  county: string;
  province: string;
  format: string;
  stats?: Record<string, unknown>;
}

/** Every report of a content folder, from its frontmatter, read with the yaml package. */
function readTruth(dir: string): Truth[] {
  const out: Truth[] = [];
  for (const slug of readdirSync(dir).sort()) {
    if (!/^[a-z0-9-]+$/.test(slug)) continue;
    for (const f of readdirSync(path.join(dir, slug)).filter((x) => /^\d{4}\.md$/.test(x))) {
      const text = readFileSync(path.join(dir, slug, f), 'utf8').replace(/^\uFEFF/, '');
      const fm = parseYaml(text.split(/^---\r?$/m)[1]!) as Record<string, unknown>;
      out.push({ slug, year: fm['year'] as number, town: fm['town'] as string, county: fm['county'] as string, province: (fm['province'] as string) ?? '省份未详', format: fm['format'] as string, ...(fm['stats'] ? { stats: fm['stats'] as Record<string, unknown> } : {}) });
    }
  }
  return out;
}

function dig(o: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((cur, k) => (cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined), o);
}

/** What a cell must show: the number, — (left empty), 不适用 (not in this report's tables). */
function expectedCell(r: Truth, key: string): string {
  if (r.format === 'free' || !r.stats) return '不适用';
  const v = dig(r.stats, key);
  if (v === undefined) return '不适用';
  if (v === null) return '—';
  return String(v);
}

const FORMAT_SHOWN: Record<string, string> = { free: '自由格式', 'national-2019': '2019版表格', 'national-2021': '2021版表格' };
const label = (key: string) => exportColumns().find((c) => c.key === key)!.label;

function expectedTable(all: Truth[], towns: string[], years: number[], figures: string[]) {
  const rows: string[][] = [];
  for (const slug of towns) {
    for (const y of [...years].sort((a, b) => a - b)) {
      const r = all.find((x) => x.slug === slug && x.year === y);
      if (r) rows.push([r.town, r.county, String(r.year), FORMAT_SHOWN[r.format]!, ...figures.map((k) => expectedCell(r, k))]);
    }
  }
  return { headers: ['乡镇（街道）', '所属县（市、区）', '报告年度', '报告格式', ...figures.map(label)], rows };
}

async function readTable(page: Page) {
  return page.evaluate(() => ({
    headers: [...document.querySelectorAll('#compare-table thead th')].map((c) => c.textContent ?? ''),
    rows: [...document.querySelectorAll('#compare-table tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent ?? '')),
  }));
}

/** Waits until the table shows `reports` rows and `figures` figures. */
async function settled(page: Page, reports: number, figures: number) {
  await page.waitForFunction(
    ([r, f]) => document.querySelector('#compare-status')?.textContent === `共 ${r} 份报告、${f} 个统计项目。` && document.querySelectorAll('#compare-table tbody tr').length === r,
    [reports, figures],
    { timeout: 15_000 },
  );
}

async function chooseCounty(page: Page, province: string, county: string) {
  await page.selectOption('#c-province', { label: province });
  const value = await page.$eval('#c-county', (s, name) => [...(s as HTMLSelectElement).options].find((o) => o.text === name || o.text.startsWith(`${name}（`))?.value, county);
  await page.selectOption('#c-county', value!);
}

async function setTown(page: Page, slug: string, on: boolean) {
  const box = page.locator(`#c-town-list input[value="${slug}"]`);
  await box.waitFor();
  await box.setChecked(on);
}

async function chooseYears(page: Page, years: number[]) {
  for (const box of await page.locator('#c-year-list input').all()) await box.setChecked(years.includes(Number(await box.getAttribute('value'))));
}

async function chooseFigures(page: Page, keys: string[]) {
  await page.click('#c-figures-clear');
  await page.evaluate(() => document.querySelectorAll('.compare-figures details').forEach((d) => d.setAttribute('open', '')));
  for (const k of keys) await page.locator(`input[name="figure"][value="${k}"]`).check();
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    } else cell += ch;
  }
  return rows;
}

let browser: Browser;
let sharded: Served;
let subpath: Served;
beforeAll(async () => {
  [browser, sharded, subpath] = await Promise.all([
    launchBrowser(),
    serveStatic(SHARDED_DIST, { headers: { 'Content-Security-Policy': CSP } }),
    serveStatic(SUBPATH_DIST, { basePath: '/gk/ndbg/', headers: { 'Content-Security-Policy': CSP } }),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([sharded?.close(), subpath?.close()]);
});

describe('a generated archive of many towns', () => {
  const all = readTruth(SHARDED_CONTENT);
  // a 2021-format report with an empty cell, a 2019-format report and a free-form report, each of another county
  const withNull = all.find((r) => r.format === 'national-2021' && r.stats && exportColumns().some((c) => dig(r.stats, c.key) === null))!;
  const nullKey = exportColumns().find((c) => c.key.includes('.') && !c.key.startsWith('source.') && dig(withNull.stats, c.key) === null)!.key;
  const of2019 = all.find((r) => r.format === 'national-2019' && r.county !== withNull.county)!;
  const free = all.find((r) => r.format === 'free' && ![withNull.county, of2019.county].includes(r.county))!;
  const towns = [withNull.slug, of2019.slug, free.slug];
  const years = [...new Set([withNull.year, of2019.year, free.year, withNull.year - 1])];
  const figures = ['applications.received.total', nullKey, 'proactive.rules.made', 'proactive.rules.issued', 'reviewLitigation.review.total'];
  const want = expectedTable(all, towns, years, [...new Set(figures)]);
  let permalink = '';
  let shown: Awaited<ReturnType<typeof readTable>>;

  it('choose a county (全选), towns of other counties, years and figures: every cell is the frontmatter’s', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${sharded.url}compare/`);
    // opened without a choice: the first county's towns, its latest year, three figures
    await page.waitForFunction(() => /^共 \d+ 份报告、3 个统计项目。$/.test(document.querySelector('#compare-status')?.textContent ?? ''));
    expect(page.url()).toMatch(/\?towns=[a-z0-9-]+.*&years=\d{4}&figures=applications\.received\.total,/);

    // a county with 全选: all its towns (as the frontmatter files them) are chosen
    await chooseCounty(page, withNull.province, withNull.county);
    await page.locator(`#c-town-list input[value="${withNull.slug}"]`).waitFor();
    await page.locator('#c-towns-all').setChecked(false);
    await page.locator('#c-towns-all').check();
    const countyTowns = [...new Set(all.filter((r) => r.county === withNull.county && r.province === withNull.province).map((r) => r.slug))].sort();
    expect((await page.$$eval('#c-town-list input:checked', (bs) => bs.map((b) => (b as HTMLInputElement).value))).sort()).toEqual(countyTowns);
    // the first county's towns chosen on opening are let go
    if (await page.isVisible('#c-other-clear')) await page.click('#c-other-clear');
    expect(await page.isHidden('#c-other-towns')).toBe(true);
    for (const t of countyTowns.filter((t) => t !== withNull.slug)) await setTown(page, t, false);

    await chooseCounty(page, of2019.province, of2019.county);
    await setTown(page, of2019.slug, true);
    await chooseCounty(page, free.province, free.county);
    await setTown(page, free.slug, true);
    expect(await page.textContent('#c-other-towns')).toContain(withNull.town);
    await chooseYears(page, years);
    await chooseFigures(page, figures);
    await settled(page, want.rows.length, want.headers.length - 4);

    shown = await readTable(page);
    expect(shown.headers).toEqual(want.headers);
    expect(shown.headers[4]).toBe('三、收到和处理政府信息公开申请情况｜一、本年新收政府信息公开申请数量｜总计');
    expect(shown.rows).toEqual(want.rows);
    // each kind of cell is there: a number, — and 不适用
    const cells = shown.rows.flatMap((r) => r.slice(4));
    expect(cells).toContain('—');
    expect(cells).toContain('不适用');
    expect(cells.some((c) => /^\d+(\.\d+)?$/.test(c))).toBe(true);
    // town-years without a report are named
    const missing = towns.flatMap((t) => years.filter((y) => !all.some((r) => r.slug === t && r.year === y)).map((y) => `${all.find((r) => r.slug === t)!.town}${y}年`));
    if (missing.length) for (const m of missing) expect(await page.textContent('#compare-missing')).toContain(m);

    // the chart has a bar per row, for the figure chosen in its menu
    await page.selectOption('#c-chart-figure', 'applications.received.total');
    expect(await page.locator('#compare-chart svg rect.bar').count()).toBe(want.rows.length);
    const values = await page.$$eval('#compare-chart svg text.bar-value', (ts) => ts.map((t) => t.textContent));
    expect(values).toEqual(want.rows.map((r) => r[4]));

    // the permalink holds the choice, in the order chosen
    permalink = new URL((await page.getAttribute('#compare-permalink', 'href'))!, page.url()).href;
    const q = new URL(permalink).searchParams;
    expect(q.get('towns')).toBe(towns.join(','));
    expect(q.get('years')!.split(',').map(Number).sort()).toEqual([...years].sort());
    expect(q.get('figures')).toBe([...new Set(figures)].join(','));
    expect(page.url()).toBe(permalink);

    // 下载CSV: exactly the table, Chinese headers, UTF-8 with BOM
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#compare-csv')]);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = parseCsv(bytes.toString('utf8').slice(1));
    expect(csv[0]).toEqual(want.headers);
    expect(csv.slice(1)).toEqual(want.rows);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the permalink, opened in a fresh browser, shows the same table', async () => {
    expect(permalink).not.toBe('');
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(permalink);
    await settled(page, want.rows.length, want.headers.length - 4);
    expect(await readTable(page)).toEqual(shown);
    // the controls show the choice
    expect(await page.$$eval('input[name="figure"]:checked', (bs) => bs.length)).toBe(new Set(figures).size);
    // a closed table's summary says how many of its figures are chosen
    const inApps = [...new Set(figures)].filter((k) => k.startsWith('applications.')).length;
    expect(await page.locator('.compare-figures details', { hasText: '三、收到和处理政府信息公开申请情况' }).locator('.chosen-count').textContent()).toBe(`（已选 ${inApps} 项）`);
    expect((await page.$$eval('#c-year-list input:checked', (bs) => bs.map((b) => Number((b as HTMLInputElement).value)))).sort()).toEqual([...years].sort());
    expect(await page.$eval('#c-county', (s) => (s as HTMLSelectElement).selectedOptions[0]!.text)).toMatch(new RegExp(`^${withNull.county}`));
    // a phone reads each row without scrolling sideways: the row is a card as wide as the screen
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const rowRight = await page.$$eval('#compare-table tbody tr', (trs) => Math.max(...trs.map((tr) => tr.getBoundingClientRect().right)));
    expect(rowRight).toBeLessThanOrEqual(360);
    await context.close();
  });
});

describe('the sub-path build (/gk/ndbg/) of content/', () => {
  const all = readTruth(path.join(ROOT, 'content/reports'));
  const national = all.find((r) => r.format !== 'free')!;
  const free = all.find((r) => r.format === 'free' && r.county !== national.county)!;

  it('works under the base path: a national and a free-form report side by side', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${subpath.url}compare/?towns=${national.slug},${free.slug}&years=${national.year},${free.year}&figures=applications.received.natural,reviewLitigation.review.total`);
    const want = expectedTable(all, [national.slug, free.slug], [national.year, free.year], ['applications.received.natural', 'reviewLitigation.review.total']);
    await settled(page, want.rows.length, 2);
    expect(await readTable(page)).toEqual(want);
    expect(want.rows.find((r) => r[0] === free.town)!.slice(4)).toEqual(['不适用', '不适用']);
    expect(await page.getAttribute('#compare-permalink', 'href')).toMatch(/^\/gk\/ndbg\/compare\/\?towns=/);
    await page.close();
  });

  it('axe finds nothing at 360 and 1280 px, normal and 大字版; nothing wider than 320 px', async () => {
    const problems: string[] = [];
    for (const care of [false, true]) {
      for (const width of [320, 360, 1280]) {
        const context = await browser.newContext({ viewport: { width, height: 740 } });
        if (care) await context.addInitScript(() => localStorage.setItem('nianbao-care', '1'));
        const page = await context.newPage();
        await page.goto(`${subpath.url}compare/?towns=${national.slug},${free.slug}&years=${national.year},${free.year}&figures=proactive.rules.made,applications.outcomes.denied.stateSecret.total`);
        await settled(page, 2, 2);
        await page.evaluate(() => document.querySelectorAll('.compare-figures details').forEach((d) => d.setAttribute('open', '')));
        if (width !== 320) {
          await page.evaluate(axeSource);
          const v = await page.evaluate(async () => {
            const r = await (window as unknown as { axe: { run(o: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
            return r.violations.map((x) => `${x.id}: ${x.nodes.map((n) => n.target.join(' ')).join(', ')}`);
          });
          problems.push(...v.map((x) => `${width}${care ? ' 大字版' : ''}: ${x}`));
        }
        const sw = await page.evaluate(() => document.documentElement.scrollWidth);
        if (sw > width) problems.push(`${width}${care ? ' 大字版' : ''}: scrollWidth ${sw}`);
        await context.close();
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it('without JavaScript the page says where the data is; a failed download is said, not hidden', async () => {
    const nojs = await browser.newContext({ javaScriptEnabled: false });
    const p1 = await nojs.newPage();
    await p1.goto(`${subpath.url}compare/`);
    expect(await p1.textContent('noscript')).toContain('需要启用浏览器的 JavaScript');
    expect(await p1.isHidden('#compare-app')).toBe(true);
    await nojs.close();

    const page = await browser.newPage();
    await page.route('**/data/compare/index.json', (r) => r.fulfill({ status: 500, body: 'x' }));
    await page.goto(`${subpath.url}compare/`);
    await page.waitForSelector('#compare-error:not([hidden])');
    expect(await page.textContent('#compare-error')).toMatch(/无法载入.*HTTP 500/);
    await page.close();
  });
});
