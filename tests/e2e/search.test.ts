/**
 * Search in a real browser: exact Chinese matching against the reports' own
 * text (recall and precision 1 on the archive), filters, ?q= links, back and
 * forward, and hosting under a sub-path with a strict CSP.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haystack as plainHaystack } from '../../src/lib/search/tokens.ts';
import { foldFromMap } from '../../src/lib/search/fold.ts';
import { openccFoldMap } from '../../src/lib/search/opencc-fold.ts';

// the truth is the report's text up to width and 简繁, as the issue defines a match
const fold = foldFromMap(openccFoldMap());
const haystack = (t: string) => plainHaystack(t, fold);
import { launchBrowser } from '../helpers/browser.ts';
import { DIST } from '../helpers/build.ts';
import { SUBPATH_DIST } from '../helpers/global-setup.ts';
import { serveStatic, type Served } from '../helpers/server.ts';
import { siteRecords } from '../helpers/records.ts';

const CSP = "default-src 'self'; script-src 'self'";
let browser: Browser;
let root: Served;
let sub: Served;
let subDir: string;


beforeAll(async () => {
  subDir = SUBPATH_DIST; // built once by tests/helpers/global-setup.ts
  [browser, root, sub] = await Promise.all([
    launchBrowser(),
    serveStatic(DIST, { headers: { 'Content-Security-Policy': CSP } }),
    serveStatic(subDir, { basePath: '/gk/ndbg/', headers: { 'Content-Security-Policy': CSP } }),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([root?.close(), sub?.close()]);
});

async function openSearch(server: Served, query = '') {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('request', (r) => {
    if (!r.url().startsWith(server.origin)) problems.push(`outside request ${r.url()}`);
  });
  await page.goto(`${server.url}search/${query}`);
  await page.waitForFunction(() => typeof window.archiveSearch?.search === 'function');
  return { page, problems, close: () => context.close() };
}

const api = (page: Page, q: string, filters = {}) =>
  page.evaluate(([q, f]) => window.archiveSearch.search(q as string, { filters: f as object }), [q, filters] as const);

describe('exact Chinese search', () => {
  it('finds exactly the reports whose text contains the query, for words taken from the archive', async () => {
    const recs = siteRecords(DIST);
    const { page, problems, close } = await openSearch(root);
    // every 1- to 6-character substring at a few positions of each report, plus names, terms, numbers
    const queries = new Set(['依申请公开', '行政复议', '寒葱沟镇', '王海南', '政务公开', '申请人', '0434', '6631321', '631', '2019年', '019', '镇', '公', '抚远市 2020', '行政复议 2020']);
    for (const r of recs) {
      // substrings of the text itself (a query never holds a space: spaces separate terms)
      const t = haystack(r.text);
      for (const n of [1, 2, 3, 4, 6]) {
        for (const at of [0.1, 0.3, 0.5, 0.7, 0.9]) {
          const q = t.slice(Math.floor(t.length * at), Math.floor(t.length * at) + n).trim();
          // any substring, digits inside longer numbers and punctuation included (spaces separate terms)
          if (q && !q.includes(' ') && /[\p{L}\p{N}]/u.test(q)) queries.add(q);
        }
      }
    }
    for (const q of queries) {
      const want = recs.filter((r) => q.split(' ').every((term) => haystack(r.text).includes(haystack(term)))).map((r) => r.url).sort();
      const got = (await api(page, q)).map((h) => h.url).sort();
      expect(got, `query ${q}`).toEqual(want);
    }
    expect(problems).toEqual([]);
    await close();
  });

  it('treats full-width and half-width digits alike, and ranks title matches first', async () => {
    const { page, close } = await openSearch(root);
    expect((await api(page, '２０２０')).map((h) => h.url)).toEqual((await api(page, '2020')).map((h) => h.url));
    const hits = await api(page, '寒葱沟镇');
    expect(hits[0]!.title).toContain('寒葱沟镇');
    expect(hits[0]!.excerpt).toContain('<mark>寒葱沟镇</mark>');
    expect(Object.keys(hits[0]!).sort()).toEqual(['county', 'excerpt', 'forms', 'passage', 'title', 'town', 'url', 'year']);
    await close();
  });

  it('filters by province and year, with or without a query', async () => {
    const recs = siteRecords(DIST);
    const { page, close } = await openSearch(root);
    const jilin = recs.filter((r) => r.province === '吉林省').map((r) => r.url).sort();
    expect((await api(page, '', { province: '吉林省' })).map((h) => h.url).sort()).toEqual(jilin);
    const q = '政府信息';
    const want = recs.filter((r) => r.year === '2019' && haystack(r.text).includes(q)).map((r) => r.url).sort();
    expect((await api(page, q, { year: '2019' })).map((h) => h.url).sort()).toEqual(want);
    await close();
  });
});

describe('the search page', () => {
  it('runs ?q= on load, follows typing in the URL, and goes back and forward', async () => {
    const { page, problems, close } = await openSearch(root, '?q=' + encodeURIComponent('行政复议'));
    await page.waitForFunction(() => document.querySelector('#search-status')?.textContent?.includes('找到'));
    expect(await page.locator('#search-results li').count()).toBeGreaterThan(0);
    expect(await page.locator('#search-results mark').first().textContent()).toBe('行政复议');
    await page.fill('#q', '寒葱沟');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === '寒葱沟');
    await page.press('#q', 'Enter');
    await page.selectOption('#f-year', '2020');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('year') === '2020');
    await page.goBack();
    await page.waitForFunction(() => !new URL(location.href).searchParams.get('year'));
    expect(await page.inputValue('#f-year')).toBe('');
    expect(await page.inputValue('#q')).toBe('寒葱沟');
    expect(problems).toEqual([]);
    await close();
  });

  it('works under /gk/ndbg/ with a strict CSP, from the header search box of another page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('request', (r) => !r.url().startsWith(sub.origin) && problems.push(r.url()));
    await page.goto(`${sub.url}regions/`);
    await page.fill('#header-search', '依申请公开');
    await Promise.all([page.waitForNavigation(), page.press('#header-search', 'Enter')]);
    expect(new URL(page.url()).pathname).toBe('/gk/ndbg/search/');
    await page.waitForFunction(() => document.querySelector('#search-status')?.textContent?.includes('找到'));
    const href = await page.locator('#search-results a').first().getAttribute('href');
    // the report page at the passage: ?q= and the match's spelling for the highlighter, a text fragment for the browser
    expect(href).toMatch(/^\/gk\/ndbg\/reports\/[a-z-]+\/\d{4}\/\?q=[^#]+&hl=[^#]+#:~:text=.+$/);
    await Promise.all([page.waitForNavigation(), page.click('#search-results a')]);
    expect(await page.locator('article h1').count()).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('explains itself when JavaScript is off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${root.url}search/?q=abc`);
    expect(await page.locator('noscript').count()).toBe(1);
    expect(await page.locator('#search-app').isHidden()).toBe(true);
    await context.close();
  });
});
