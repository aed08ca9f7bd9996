/**
 * The built site as an administrator hosts it: under /gk/ndbg/, from a plain
 * static server and from nginx, with the recommended CSP header. A browser
 * crawls every page: no broken internal link or asset, no request to another
 * host, no CSP violation, no console error, and axe-core finds no WCAG 2.1 AA
 * violation on each kind of page.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP } from '../../src/lib/hosting/server-config.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { SUBPATH_DIST } from '../helpers/global-setup.ts';
import { serveNginx } from '../helpers/nginx.ts';
import { serveStatic, type Served } from '../helpers/server.ts';

const BASE = '/gk/ndbg/';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let browser: Browser;
let dir: string;

beforeAll(async () => {
  dir = SUBPATH_DIST; // built once by tests/helpers/global-setup.ts
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

interface CrawlResult {
  pages: string[];
  broken: string[];
  outside: string[];
  problems: string[];
  axe: { page: string; id: string; nodes: string[] }[];
}

/** Visits every internal page reachable from the home page and the sitemap. */
async function crawl(server: Served, axePages: RegExp[]): Promise<CrawlResult> {
  const context = await browser.newContext();
  const res: CrawlResult = { pages: [], broken: [], outside: [], problems: [], axe: [] };
  const queue = [server.url];
  const seen = new Set(queue);
  const checkedAssets = new Set<string>();
  const axeDone = new Set<RegExp>();
  const page = await context.newPage();
  page.on('request', (r) => {
    if (!r.url().startsWith(server.origin)) res.outside.push(r.url());
  });
  page.on('console', (m) => {
    if (m.type() === 'error') res.problems.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => res.problems.push(`${page.url()}: ${e.message}`));
  while (queue.length) {
    const url = queue.shift()!;
    const resp = await page.goto(url);
    if (!resp || resp.status() >= 400) {
      res.broken.push(`${url} → ${resp?.status()}`);
      continue;
    }
    if (!(resp.headers()['content-type'] ?? '').includes('text/html')) continue;
    res.pages.push(new URL(url).pathname);
    const violations = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
    res.problems.push(...violations);
    // what the page loads (stylesheets, icons, scripts, images) and where it links
    const refs = await page.evaluate(() =>
      [...document.querySelectorAll('a[href], link[rel~="stylesheet"], link[rel~="icon"], link[rel="alternate"], script[src], img[src]')].map((el) => ({
        ref: (el as HTMLAnchorElement).href || (el as HTMLScriptElement).src,
        loads: el.tagName !== 'A' && !(el.tagName === 'LINK' && (el as HTMLLinkElement).rel === 'alternate'),
      })),
    );
    for (const { ref, loads } of refs) {
      const u = new URL(ref);
      if (u.origin !== server.origin) {
        // a link to another site is the reader's choice; loading from one is not allowed
        if (loads) res.outside.push(`${url} loads ${ref}`);
        continue;
      }
      u.hash = '';
      const clean = u.href;
      if (!u.pathname.startsWith(BASE)) res.broken.push(`${url} → ${clean} (outside the base path)`);
      else if (/\/$|\.html$/.test(u.pathname) && !u.search) {
        if (!seen.has(clean)) {
          seen.add(clean);
          queue.push(clean);
        }
      } else if (!checkedAssets.has(clean) && !u.search) {
        checkedAssets.add(clean);
        const r = await fetch(clean);
        if (r.status >= 400) res.broken.push(`${url} → ${clean} ${r.status}`);
      }
    }
    const kind = axePages.find((re) => re.test(new URL(url).pathname) && !axeDone.has(re));
    if (kind) {
      axeDone.add(kind);
      // evaluate() runs outside the page's CSP, so axe can be injected under the strict policy
      await page.evaluate(axeSource);
      const found = await page.evaluate(async () => {
        const r = await (window as unknown as { axe: { run(o: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run({
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        });
        return r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }));
      });
      res.axe.push(...found.map((f) => ({ page: new URL(url).pathname, ...f })));
    }
  }
  await context.close();
  return res;
}

const AXE_PAGES = [/\/gk\/ndbg\/$/, /\/reports\/[^/]+\/\d{4}\/$/, /\/towns\/[^/]+\/$/, /\/years\/\d{4}\/$/, /\/regions\/[^/]+\/[^/]+\/$/, /\/search\/$/];

async function checkServer(server: Served) {
  const res = await crawl(server, AXE_PAGES);
  expect(res.broken).toEqual([]);
  expect(res.outside).toEqual([]);
  expect(res.problems).toEqual([]);
  expect(res.axe).toEqual([]);
  // every report, town, year and region page was reached by following links
  for (const kind of ['/reports/', '/towns/', '/years/', '/regions/', '/search/']) expect(res.pages.some((p) => p.includes(kind))).toBe(true);
  expect(res.pages.length).toBeGreaterThan(30);
  // search works on this host
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}search/?q=${encodeURIComponent('政府信息公开')}`);
  await page.waitForFunction(() => document.querySelector('#search-status')?.textContent?.includes('找到'));
  expect(await page.locator('#search-results li').count()).toBeGreaterThan(0);
  await context.close();
  return res;
}

describe('hosting under /gk/ndbg/', () => {
  it('a plain static server with the strict CSP: every page reachable, no errors, axe clean', async () => {
    const server = await serveStatic(dir, { basePath: BASE, headers: { 'Content-Security-Policy': CSP } });
    try {
      const res = await checkServer(server);
      console.log(`static server: crawled ${res.pages.length} pages, axe on ${AXE_PAGES.length} page kinds: ${res.axe.length} violations`);
    } finally {
      await server.close();
    }
  });

  it('nginx with the README configuration', async (ctx) => {
    const server = await serveNginx(dir, BASE);
    if (!server) {
      console.warn('NOTICE: nginx is not installed on this machine (apt-get install nginx-light); the nginx hosting test was skipped');
      ctx.skip();
      return;
    }
    try {
      const res = await checkServer(server);
      console.log(`nginx: crawled ${res.pages.length} pages`);
      // part folders are named by content hash: take the first from parts.json
      const first = ((await (await fetch(`${server.url}search-index/parts.json`)).json()) as { parts: string[] }).parts[0];
      const part = await fetch(`${server.url}search-index/${first}part.bin`);
      expect(part.status).toBe(200);
      expect(part.headers.get('content-type')).toBe('application/octet-stream');
      expect((await fetch(`${server.url}no-such-page/`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
