/**
 * A large archive's search index is split into parts (shards) that the search
 * page queries together: a query whose matches are spread over several parts
 * must still return every one of them, and only them.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type SearchRecord } from '../../src/lib/search/records.ts';
import { haystack } from '../../src/lib/search/tokens.ts';
import { PARTS_FILE } from '../../src/lib/search/index-format.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { SHARDED_DIST, SHARD_SIZE, SUBPATH_DIST } from '../helpers/global-setup.ts';
import { siteRecords } from '../helpers/records.ts';
import { serveStatic, type Served } from '../helpers/server.ts';

let browser: Browser;
let server: Served;
const records: SearchRecord[] = [];


beforeAll(async () => {
  records.push(...siteRecords(SHARDED_DIST));
  [browser, server] = await Promise.all([launchBrowser(), serveStatic(SHARDED_DIST)]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('searches another site\'s index listed in parts.json (an archive built as several sites)', async () => {
  // one server: the generated archive at /, the seeds' site (built for /gk/ndbg/) beside it
  const root = mkdtempSync(path.join(os.tmpdir(), 'nianbao-sites-'));
  try {
    cpSync(SHARDED_DIST, root, { recursive: true });
    mkdirSync(path.join(root, 'gk'));
    symlinkSync(SUBPATH_DIST, path.join(root, 'gk/ndbg'));
    const list = JSON.parse(readFileSync(path.join(root, PARTS_FILE), 'utf8'));
    writeFileSync(path.join(root, PARTS_FILE), JSON.stringify({ ...list, parts: [...list.parts, '../gk/ndbg/search-index/parts.json'] }));
    const both = await serveStatic(root);
    try {
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${both.url}search/`);
      await page.waitForFunction(() => typeof window.archiveSearch?.search === 'function');
      const seeds = siteRecords(SUBPATH_DIST);
      for (const q of ['依申请公开', '寒葱沟镇', '镇', seeds[0]!.town]) {
        const has = (r: SearchRecord) => q.split(' ').every((t) => haystack(r.text).includes(haystack(t)));
        const want = [...records.filter(has).map((r) => r.url), ...seeds.filter(has).map((r) => `${both.origin}/gk/ndbg${r.url}`)].sort();
        const got = (await page.evaluate((q) => window.archiveSearch.search(q), q)).map((h) => h.url).sort();
        expect(got, q).toEqual(want);
      }
      // the other site's reports open from the result list
      await page.goto(`${both.url}search/?q=${encodeURIComponent('寒葱沟镇')}`);
      await page.waitForFunction(() => document.querySelector('#search-status')?.textContent?.includes('找到'));
      const href = await page.locator('#search-results a').first().getAttribute('href');
      // the link opens the report at the passage: its path, then ?q=…&hl=… and a text fragment
      const link = new URL(href!, page.url());
      expect(link.pathname).toMatch(/\/gk\/ndbg\/reports\/[a-z-]+\/\d{4}\/$/);
      expect(link.searchParams.get('hl')).toBe('寒葱沟镇');
      expect((await fetch(link)).status).toBe(200);
    } finally {
      await both.close();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

it('queries over several shards return every matching report, and only those', async () => {
  const parts = JSON.parse(readFileSync(path.join(SHARDED_DIST, PARTS_FILE), 'utf8')).parts as string[];
  expect(parts.length).toBe(Math.ceil(records.length / SHARD_SIZE));
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${server.url}search/`);
  await page.waitForFunction(() => typeof window.archiveSearch?.search === 'function');
  // report ids sort into parts in order: which part holds a report
  const ids = records.map((r) => r.id).sort();
  const shardOf = (url: string) => Math.floor(ids.indexOf(url.replace(/^\/reports\/|\/$/g, '')) / SHARD_SIZE);
  const towns = records.map((r) => r.town);
  for (const q of ['依申请公开', '政务公开', '行政复议', '镇', '乡村振兴', towns[0]!, towns[towns.length - 1]!, `${records[3]!.town} ${records[3]!.year}`]) {
    const want = records.filter((r) => q.split(' ').every((t) => haystack(r.text).includes(haystack(t)))).map((r) => r.url).sort();
    const got = (await page.evaluate((q) => window.archiveSearch.search(q), q)).map((h) => h.url).sort();
    expect(got, q).toEqual(want);
    if (want.length > SHARD_SIZE) expect(new Set(got.map(shardOf)).size, q).toBeGreaterThan(1);
  }
  // filters are merged across shards too
  const provinces = [...new Set(records.map((r) => r.province))];
  const p = provinces[0]!;
  const got = (await page.evaluate((p) => window.archiveSearch.search('', { filters: { province: p } }), p)).map((h) => h.url).sort();
  expect(got).toEqual(records.filter((r) => r.province === p).map((r) => r.url).sort());
});
