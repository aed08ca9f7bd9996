/**
 * Search as a citizen uses it, in real Chromium under a strict CSP: queries in
 * traditional characters, queries of only symbols, what is (not) searched, exact
 * totals after checking, filter counts that follow the query, the jump to the
 * passage with highlighting and previous/next, excerpts in the report's own
 * characters. The truth is each built page's searchable text (recordFromHtml),
 * folded 简繁 and width as the issue defines a match.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SearchRecord } from '../../src/lib/search/records.ts';
import { haystack as plainHaystack } from '../../src/lib/search/tokens.ts';
import { densityLevel, LISTED } from '../../src/lib/search/index-format.ts';
import { foldFromMap } from '../../src/lib/search/fold.ts';
import { openccFoldMap } from '../../src/lib/search/opencc-fold.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { DIST, ROOT } from '../helpers/build.ts';
import { serveStatic, type Served } from '../helpers/server.ts';
import { siteRecords } from '../helpers/records.ts';

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'self'";
const fold = foldFromMap(openccFoldMap());
const haystack = (t: string) => plainHaystack(t, fold);
let browser: Browser;
let root: Served;
let recs: SearchRecord[];

beforeAll(async () => {
  recs = siteRecords(DIST);
  [browser, root] = await Promise.all([launchBrowser(), serveStatic(DIST, { headers: { 'Content-Security-Policy': CSP } })]);
});
afterAll(async () => {
  await browser?.close();
  await root?.close();
});

/** The reports whose text holds every term, up to width and 简繁. */
const truth = (q: string) => recs.filter((r) => q.split(/\s+/).every((t) => haystack(r.text).includes(haystack(t)))).map((r) => r.url).sort();

async function open(pathAndQuery: string, opts: { slowDocs?: boolean } = {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('request', (r) => !r.url().startsWith(root.origin) && problems.push(`outside request ${r.url()}`));
  // every text the status line shows, in order (the check may be too quick to catch by polling)
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { statuses: string[] }).statuses = seen;
    new MutationObserver(() => {
      const t = document.querySelector('#search-status')?.textContent ?? '';
      if (t && seen.at(-1) !== t) seen.push(t);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  if (opts.slowDocs) await page.route('**/search-index/**/d/*.bin', async (route) => {
    await new Promise((r) => setTimeout(r, 150));
    await route.continue();
  });
  await page.goto(`${root.url}${pathAndQuery}`);
  return { page, problems, close: () => context.close() };
}

const api = (page: Page, q: string, filters = {}) => page.evaluate(([q, f]) => window.archiveSearch.search(q as string, { filters: f as object }), [q, filters] as const);
const settled = (page: Page) => page.waitForFunction(() => /找到|没有/.test(document.querySelector('#search-status')?.textContent ?? '') && !/核对/.test(document.querySelector('#search-status')?.textContent ?? ''));
const status = (page: Page) => page.locator('#search-status').textContent();

describe('简繁', () => {
  it('a query in traditional characters finds what its simplified form finds, and shows the report’s own characters', async () => {
    const { page, problems, close } = await open('search/');
    await page.waitForFunction(() => typeof window.archiveSearch?.search === 'function');
    for (const [trad, simp] of [['政務公開', '政务公开'], ['依申請公開', '依申请公开'], ['行政復議', '行政复议'], ['鎮人民政府', '镇人民政府'], ['資訊公開', '资讯公开']] as const) {
      const want = truth(simp);
      const got = (await api(page, trad)).map((h) => h.url).sort();
      expect(got, trad).toEqual(want);
      expect((await api(page, simp)).map((h) => h.url).sort(), simp).toEqual(want);
    }
    // the archive is simplified: the excerpt marks the simplified words the report holds
    expect(truth('政务公开').length).toBeGreaterThan(1);
    const hits = await api(page, '政務公開');
    for (const h of hits) expect(h.excerpt).toContain('<mark>政务公开</mark>');
    expect(hits[0]!.forms).toEqual(['政务公开']);
    expect(problems).toEqual([]);
    await close();
  });

  it('the page counts a traditional query like its simplified form', async () => {
    const { page, close } = await open(`search/?q=${encodeURIComponent('政務公開')}`);
    await settled(page);
    expect(await status(page)).toBe(`找到 ${truth('政务公开').length} 份包含“政務公開”的报告。`);
    await close();
  });
});

describe('queries of only symbols', () => {
  const symbols = ['😀', '%', '.*', '$&', '\u0000', '\ud800', '——', '（）'];
  it('find nothing through the API', async () => {
    const { page, close } = await open('search/');
    await page.waitForFunction(() => typeof window.archiveSearch?.search === 'function');
    for (const q of [...symbols, '%E4%B8']) expect(await api(page, q), JSON.stringify(q)).toEqual([]);
    await close();
  });
  it('the page says there is nothing to search for, not a count', async () => {
    for (const q of ['😀', '%', '.*', '$&', '——']) {
      const { page, problems, close } = await open(`search/?q=${encodeURIComponent(q)}`);
      await page.waitForFunction(() => /没有可搜索的文字/.test(document.querySelector('#search-status')?.textContent ?? ''));
      expect(await page.locator('#search-results li').count()).toBe(0);
      expect(await status(page)).not.toMatch(/找到/);
      expect(problems).toEqual([]);
      await close();
    }
    // letters among the symbols are searched: percent-encoded bytes are no report's text
    const { page, close } = await open(`search/?q=${encodeURIComponent('%E4%B8')}`);
    await settled(page);
    expect(await status(page)).toBe('没有找到包含“%E4%B8”的报告。');
    await close();
  });
});

describe('what is searched', () => {
  const fronts = readdirSync(path.join(ROOT, 'content/reports')).flatMap((town) =>
    readdirSync(path.join(ROOT, 'content/reports', town)).map((f) => {
      const text = readFileSync(path.join(ROOT, 'content/reports', town, f), 'utf8');
      return parseYaml(text.split(/^---$/m)[1]!) as { agency?: string; source: { file: string; sha256: string }; year: number; date?: string; indexNo?: string };
    }),
  );
  it('not hashes, source file names or format labels', async () => {
    const { page, close } = await open('search/');
    await page.waitForFunction(() => typeof window.archiveSearch?.search === 'function');
    for (const f of fronts) {
      expect(await api(page, f.source.sha256.slice(0, 6)), f.source.sha256).toEqual([]);
      expect(await api(page, f.source.sha256.slice(20, 24)), f.source.sha256).toEqual([]);
      expect(await api(page, f.source.file.replace(/\.\w+$/, '').split('_')[1]!.slice(0, 6)), f.source.file).toEqual([]);
    }
    for (const q of ['SHA', 'sha256', '全国统一格式', '2019年版', '来源文件', '报告基本信息']) expect(await api(page, q), q).toEqual([]);
    await close();
  });
  it('title, place, agency, year and dates', async () => {
    const { page, close } = await open('search/');
    await page.waitForFunction(() => typeof window.archiveSearch?.search === 'function');
    for (const r of recs) {
      const urls = async (q: string) => (await api(page, q)).map((h) => h.url);
      expect(await urls(r.title), r.title).toContain(r.url);
      expect(await urls(`${r.county} ${r.town}`)).toContain(r.url);
      expect(await urls(`${r.year}年 ${r.town}`)).toContain(r.url);
    }
    for (const f of fronts.filter((f) => f.agency)) expect((await api(page, f.agency!)).length).toBeGreaterThan(0);
    await close();
  });
});

describe('exact totals and filter counts', () => {
  it('says 正在核对… while candidates are checked, then the exact total', async () => {
    // 依申请公开 is longer than a gram: candidates must be checked against their text
    const q = '依申请公开';
    const { page, problems, close } = await open(`search/?q=${encodeURIComponent(q)}`, { slowDocs: true });
    await settled(page);
    const seen = await page.evaluate(() => (window as unknown as { statuses: string[] }).statuses);
    expect(seen.some((s) => s.includes('正在核对…'))).toBe(true);
    expect(seen.at(-1)).toBe(`找到 ${truth(q).length} 份包含“${q}”的报告。`);
    expect(await page.locator('#search-results li').count()).toBe(truth(q).length);
    expect(problems).toEqual([]);
    await close();
  });

  it('filter menus count the query’s matches under the other filters', async () => {
    const optionTexts = (page: Page, k: string) => page.locator(`#f-${k} option`).allTextContents();
    const count = (urls: string[], key: 'year' | 'province', pred: (r: SearchRecord) => boolean = () => true) => {
      const out = new Map<string, number>();
      for (const r of recs.filter((r) => urls.includes(r.url) && pred(r))) out.set(r[key], (out.get(r[key]) ?? 0) + 1);
      return out;
    };
    const q = '寒葱沟镇';
    const { page, close } = await open(`search/?q=${encodeURIComponent(q)}`);
    await settled(page);
    await page.waitForFunction(() => document.querySelectorAll('#f-year option').length > 1);
    const years = count(truth(q), 'year');
    expect(years.size).toBeGreaterThan(0);
    expect(await optionTexts(page, 'year')).toEqual(['全部', ...[...years].sort((a, b) => b[0].localeCompare(a[0])).map(([y, n]) => `${y}（${n}）`)]);

    // a broad query and a chosen year: the year menu still counts every year of the query,
    // the province menu counts the query within that year
    const q2 = '政府信息';
    const all = truth(q2);
    const year = recs.filter((r) => all.includes(r.url)).map((r) => r.year).sort()[0]!;
    await page.goto(`${root.url}search/?q=${encodeURIComponent(q2)}&year=${year}`);
    await settled(page);
    await page.waitForFunction(() => [...document.querySelectorAll('#f-province option')].some((o) => /（\d+）/.test(o.textContent ?? '')));
    const yearMenu = await optionTexts(page, 'year');
    for (const [y, n] of count(all, 'year')) expect(yearMenu).toContain(`${y}（${n}）`);
    const provMenu = (await optionTexts(page, 'province')).slice(1);
    expect(provMenu.sort()).toEqual([...count(all, 'province', (r) => r.year === year)].map(([p, n]) => `${p}（${n}）`).sort());
    expect(await status(page)).toBe(`找到 ${recs.filter((r) => all.includes(r.url) && r.year === year).length} 份包含“${q2}”的报告。`);
    await close();
  });
});

describe('ranking', () => {
  it('title, then town/county, then headings, then frequency per length, then newest year', async () => {
    const { page, close } = await open('search/');
    await page.waitForFunction(() => typeof window.archiveSearch?.search === 'function');
    const byUrl = new Map(recs.map((r) => [r.url, r]));
    // terms of up to three characters: the index's level is the term's own, so the order is known exactly
    // (a posting of more than 2 × LISTED reports keeps only its highest levels: not so in this small archive)
    expect(recs.length).toBeLessThanOrEqual(2 * LISTED);
    const groups: number[] = [];
    for (const q of ['复议', '公开', '申请人', '镇', '年度']) {
      const term = haystack(q);
      const key = (r: SearchRecord) => {
        const t = haystack(r.text);
        let count = 0;
        for (let i = t.indexOf(term); i !== -1; i = t.indexOf(term, i + 1)) count++;
        const tier = haystack(r.title).includes(term) ? 0 : haystack(`${r.town}${r.county}`).includes(term) ? 1 : haystack(r.headings).includes(term) ? 2 : 3;
        return [tier, -densityLevel(count, r.text.length), -Number(r.year)];
      };
      const keys = (await api(page, q)).map((h) => key(byUrl.get(h.url)!));
      expect(keys.length, q).toBe(truth(q).length);
      for (let i = 1; i < keys.length; i++) {
        const [a, b] = [keys[i - 1]!, keys[i]!];
        const cmp = a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!;
        expect(cmp, `${q}: result ${i} (${keys[i - 1]} then ${keys[i]})`).toBeLessThanOrEqual(0);
      }
      groups.push(new Set(keys.map((k) => `${k[0]}/${k[1]}`)).size);
    }
    // tiers and levels are not all one: the order is tested, not only allowed
    expect(Math.max(...groups)).toBeGreaterThan(1);
    await close();
  });
});

describe('the passage', () => {
  it('a result opens the report at its first match, every match marked, with previous and next', async () => {
    const q = '政務公開';
    const { page, problems, close } = await open(`search/?q=${encodeURIComponent(q)}`);
    await settled(page);
    const first = page.locator('#search-results a').first();
    const href = (await first.getAttribute('href'))!;
    expect(href).toContain('#:~:text=');
    await Promise.all([page.waitForURL(/\/reports\//), first.click()]);
    const url = new URL(page.url());
    expect(url.searchParams.get('q')).toBe(q);
    const rec = recs.find((r) => url.pathname.endsWith(r.url))!;
    // every occurrence in the searchable text is marked, none outside it
    const occurrences = haystack(rec.text).split('政务公开').length - 1;
    await page.waitForSelector('mark.search-hit');
    expect(await page.locator('mark.search-hit').count()).toBe(occurrences);
    expect(await page.locator('[data-pagefind-ignore] mark.search-hit').count()).toBe(0);
    for (const t of await page.locator('mark.search-hit').allTextContents()) expect(t).toBe('政务公开');
    const current = () => page.evaluate(() => [...document.querySelectorAll('mark.search-hit')].findIndex((m) => m.classList.contains('search-hit-current')));
    expect(await current()).toBe(0);
    expect(await page.locator('.search-hit-bar span').textContent()).toBe(`“${q}”：第 1 处，共 ${occurrences} 处`);
    await page.click('.search-hit-next');
    expect(await current()).toBe(1);
    await page.click('.search-hit-prev');
    await page.click('.search-hit-prev');
    expect(await current()).toBe(occurrences - 1);
    // the marked passage is on screen
    expect(await page.locator('mark.search-hit-current').isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await close();
  });

  it('excerpts are the report’s own text: full-width punctuation kept, escaped, marks only around matches', async () => {
    const { page, close } = await open('search/');
    await page.waitForFunction(() => typeof window.archiveSearch?.search === 'function');
    for (const q of ['政务公开', '2019年', '（一）']) {
      const hits = await api(page, q);
      expect(hits.length, q).toBeGreaterThan(0);
      for (const h of hits) {
        const { text, marks } = await page.evaluate((html) => {
          const p = document.createElement('p');
          p.innerHTML = html;
          return { text: p.textContent ?? '', marks: [...p.querySelectorAll('mark')].map((m) => m.textContent ?? ''), other: p.querySelectorAll(':not(mark)').length };
        }, h.excerpt);
        const rec = recs.find((r) => r.url === h.url)!;
        const shown = text.replace(/^…|…$/g, '');
        expect(rec.text.replace(/\s+/g, ' '), q).toContain(shown);
        expect(marks.length).toBeGreaterThan(0);
        for (const m of marks) expect(haystack(m)).toContain(haystack(q));
      }
    }
    // reports write （一） full-width, some (一) half-width, one report both: each excerpt marks its own first spelling
    const hits = await api(page, '（一）');
    const first = (r: SearchRecord) => {
      const i = [r.text.indexOf('（一）'), r.text.indexOf('(一)')].filter((k) => k >= 0);
      return r.text.slice(Math.min(...i), Math.min(...i) + 3);
    };
    const spellings = new Set<string>();
    for (const h of hits) {
      const own = first(recs.find((r) => r.url === h.url)!);
      spellings.add(own);
      expect(h.passage).toBe(own);
      expect(h.excerpt).toContain(`<mark>${own}</mark>`);
    }
    expect([...spellings].sort()).toEqual(['(一)', '（一）']);
    await close();
  });
});
