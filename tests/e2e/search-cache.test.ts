/**
 * The search index against caches, in real Chromium: a host that lets browsers cache every file
 * for a year (Cache-Control: max-age=31536000, immutable — the worst case), a rebuild that adds
 * reports (so every report after them moves to another position in the index), and a reload: no
 * result may carry another report's title or link, and every result must be the new site's truth.
 * Then a truncated bucket: the page says the index cannot be read, it does not hang or show results.
 * Truth: each built report page's searchable text (recordFromHtml), searched with String.includes —
 * the queries are plain simplified Chinese, so no folding is needed and the search code decides nothing.
 */
import { cp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SearchRecord } from '../../src/lib/search/records.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { ROOT } from '../helpers/build.ts';
import { serveStatic, type Served } from '../helpers/server.ts';
import { siteRecords } from '../helpers/records.ts';
import { CACHE_V2_DIST, INTERRUPTED_FULL_DIST } from '../helpers/global-setup.ts';

const SERVED = path.join(ROOT, 'test-artifacts/search-cache-served');
const CACHE_FOREVER = { 'Cache-Control': 'public, max-age=31536000, immutable' };

const truth = (recs: SearchRecord[], q: string) => recs.filter((r) => r.text.includes(q)).map((r) => r.url).sort();
const api = (page: Page, q: string) => page.evaluate((q) => window.archiveSearch.search(q), q);
/** the site as served: its files replaced in place, as an upload over the old site does */
async function publish(dist: string) {
  await rm(SERVED, { recursive: true, force: true });
  await mkdir(SERVED, { recursive: true });
  await cp(dist, SERVED, { recursive: true });
}

let browser: Browser;
let server: Served;
let v1: SearchRecord[];
let v2: SearchRecord[];
beforeAll(async () => {
  v1 = siteRecords(INTERRUPTED_FULL_DIST);
  v2 = siteRecords(CACHE_V2_DIST);
  await publish(INTERRUPTED_FULL_DIST);
  [browser, server] = await Promise.all([launchBrowser(), serveStatic(SERVED, { headers: CACHE_FOREVER })]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await rm(SERVED, { recursive: true, force: true });
});

describe('a browser that cached the old index', () => {
  it('after a rebuild that adds reports, every result is the new site’s, with its own title and link', async () => {
    const added = v2.filter((r) => !v1.some((o) => o.url === r.url));
    expect(added.length, 'the rebuild adds reports').toBeGreaterThan(0);
    // reports whose position in the index moved: the hazard of files named by position
    const sortedIds = (rs: SearchRecord[]) => rs.map((r) => r.id).sort();
    const moved = sortedIds(v1).filter((id, i) => sortedIds(v2)[i] !== id);
    expect(moved.length).toBeGreaterThan(0);
    const queries = ['政府信息', '依申请公开', ...added.map((r) => r.town), ...v1.slice(0, 3).map((r) => r.town)];

    const context = await browser.newContext();
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${server.url}search/`);
    await page.waitForFunction(() => typeof window.archiveSearch?.search === 'function');
    // the old site, fetched and cached: tables, buckets and every report file the queries touch
    for (const q of queries) {
      const hits = await api(page, q);
      expect(hits.map((h) => h.url).sort(), `v1 ${q}`).toEqual(truth(v1, q));
    }
    const cachedBefore = requests.filter((u) => /\/d\/\d+\.bin$/.test(u)).length;
    expect(cachedBefore).toBeGreaterThan(10);

    await publish(CACHE_V2_DIST);
    await page.reload();
    await page.waitForFunction(() => typeof window.archiveSearch?.search === 'function');
    const titles = new Map(v2.map((r) => [r.url, r.title]));
    for (const q of queries) {
      const hits = await api(page, q);
      expect(hits.map((h) => h.url).sort(), `v2 ${q}`).toEqual(truth(v2, q));
      for (const h of hits) expect(h.title, `${q}: ${h.url}`).toBe(titles.get(h.url));
    }
    // and the page itself: its first result opens a report page that exists and has that title
    await page.goto(`${server.url}search/?q=${encodeURIComponent(added[0]!.town)}`);
    await page.waitForFunction(() => /找到/.test(document.querySelector('#search-status')?.textContent ?? ''));
    const first = page.locator('#search-results a').first();
    const shown = (await first.textContent())!.trim();
    await first.click();
    await page.waitForLoadState();
    expect((await page.locator('h1').textContent())!.trim()).toBe(shown);
    await context.close();
  });
});

describe('a corrupted index', () => {
  it('a truncated bucket: the page says the index cannot be read, at once, and shows no result', async () => {
    await publish(INTERRUPTED_FULL_DIST);
    // every bucket cut to half its decoded length and stored again as valid gzip: the decoder itself must notice
    const partsDir = path.join(SERVED, 'search-index');
    for (const part of await readdir(partsDir)) {
      if (part === 'parts.json') continue;
      for (const b of await readdir(path.join(partsDir, part, 'b'))) {
        const file = path.join(partsDir, part, 'b', b);
        const raw = gunzipSync(await readFile(file));
        await writeFile(file, gzipSync(raw.subarray(0, Math.max(1, Math.floor(raw.length / 2)))));
      }
    }
    const context = await browser.newContext();
    const page = await context.newPage();
    const t0 = Date.now();
    await page.goto(`${server.url}search/?q=${encodeURIComponent('政府信息公开')}`);
    await page.waitForFunction(() => document.querySelector('#search-status')?.getAttribute('data-error') === 'true', undefined, { timeout: 20_000 });
    expect(Date.now() - t0).toBeLessThan(20_000);
    expect(await page.locator('#search-status').textContent()).toMatch(/检索出错：检索索引无法读取.*truncated or corrupt/);
    expect(await page.locator('#search-results li').count()).toBe(0);
    // the API rejects with the decoder's error rather than resolving to a wrong list
    const err = await page.evaluate(() => window.archiveSearch.search('依申请公开').then(() => 'resolved', (e: Error) => e.message));
    expect(err).toMatch(/truncated or corrupt/);
    await context.close();
  });
});
