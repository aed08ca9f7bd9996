/**
 * An archive built as three province shards (`npm run shards -- plan`, three ordinary builds run
 * in parallel processes with the settings `shards -- env` prints, then `shards -- join`): each
 * shard is a site of its own under /<shard>/, and a query on any shard's search page returns the
 * matches of all three — every one of them, and only them.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { SHARDS_CONTENT, SHARDS_ROOT, SHARDS_SITE } from '../helpers/global-setup.ts';
import { serveStatic, type Served } from '../helpers/server.ts';

let browser: Browser;
let server: Served;
const plan = JSON.parse(readFileSync(path.join(SHARDS_ROOT, 'plan/shards.json'), 'utf8')) as { shards: { name: string; label: string; reports: number }[] };

/** The archive's own files, read here without the site's code: shard, URL path, town, text. */
const reports = plan.shards.flatMap((s) => {
  const dir = path.join(SHARDS_ROOT, 'plan', s.name, 'reports');
  return readdirSync(dir).flatMap((town) =>
    readdirSync(path.join(dir, town)).map((f) => {
      const text = readFileSync(path.join(dir, town, f), 'utf8');
      return { shard: s.name, url: `/${s.name}/reports/${town}/${f.replace(/\.md$/, '')}/`, town: /^town: (.+)$/m.exec(text)![1]!, text };
    }),
  );
});

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), serveStatic(SHARDS_SITE)]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('plans one shard per province and copies every report once', () => {
  expect(plan.shards).toHaveLength(3);
  const archived = readdirSync(SHARDS_CONTENT).flatMap((t) => readdirSync(path.join(SHARDS_CONTENT, t)).map((f) => `${t}/${f}`)).sort();
  expect(reports.map((r) => r.url.replace(/^\/[^/]+\/reports\//, '').replace(/\/$/, '.md')).sort()).toEqual(archived);
  for (const s of plan.shards) {
    const provinces = new Set(reports.filter((r) => r.shard === s.name).map((r) => /^province: (.+)$/m.exec(r.text)![1]));
    expect([...provinces]).toEqual([s.label]);
  }
  // the joined site's front page lists the three shards
  const home = readFileSync(path.join(SHARDS_SITE, 'index.html'), 'utf8');
  for (const s of plan.shards) expect(home).toContain(`href="./${s.name}/"`);
});

it('a query on one shard returns the matches of all three shards, and only them', async () => {
  const page = await (await browser.newContext()).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  for (const s of plan.shards) {
    await page.goto(`${server.url}${s.name}/search/`);
    await page.waitForFunction(() => typeof window.archiveSearch?.search === 'function');
    // every report's title says 政府信息公开工作年度报告; each town's name only its own reports and
    // those that name it (a neighbouring town's report may)
    const queries = ['工作年度报告', ...plan.shards.map((x) => reports.find((r) => r.shard === x.name)!.town)];
    for (const q of queries) {
      const want = reports.filter((r) => r.text.includes(q)).map((r) => r.url).sort();
      const hits = await page.evaluate((q) => window.archiveSearch.search(q), q);
      // a hit's url is site-relative (without the base path) for this shard's reports, absolute for the others'
      const got = hits.map((h) => (/^https?:/.test(h.url) ? new URL(h.url).pathname : `/${s.name}${h.url}`)).sort();
      expect(got, `${q} on ${s.name}`).toEqual(want);
      // spread: the common query's matches come from all three shards
      if (q === '工作年度报告') expect(new Set(got.map((u) => u.split('/')[1]))).toEqual(new Set(plan.shards.map((x) => x.name)));
    }
  }
  // a result from another shard opens
  await page.goto(`${server.url}${plan.shards[0]!.name}/search/?q=${encodeURIComponent(reports.find((r) => r.shard === plan.shards[2]!.name)!.town)}`);
  await page.waitForFunction(() => document.querySelector('#search-status')?.textContent?.includes('找到'));
  const href = await page.locator(`#search-results a[href*="/${plan.shards[2]!.name}/reports/"]`).first().getAttribute('href');
  expect((await fetch(new URL(href!, page.url()))).status).toBe(200);
  expect(errors).toEqual([]);
});
