/**
 * Hostile search queries, typed into the real search page (no CSP, as many
 * hosts serve it) and passed to window.archiveSearch.search: markup, script
 * text, regular-expression and replacement metacharacters, names of
 * JavaScript object internals, NUL, lone surrogates, broken percent escapes
 * and a 10,000-character query. Each must answer (no exception, no hang),
 * find nothing the reports do not contain, and leave the page inert.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { DIST } from '../helpers/build.ts';
import { serveStatic, type Served } from '../helpers/server.ts';

/** The text of every built report page, to know which queries can match at all. */
function pageTexts(): string[] {
  const out: string[] = [];
  for (const town of readdirSync(path.join(DIST, 'reports'))) {
    for (const year of readdirSync(path.join(DIST, 'reports', town))) {
      out.push(readFileSync(path.join(DIST, 'reports', town, year, 'index.html'), 'utf8').replace(/<[^>]+>/g, ''));
    }
  }
  return out;
}

const QUERIES: [string, string][] = [
  ['script tag', '<script>alert(1)</script>'],
  ['attribute breakout', '"><img src=x onerror=alert(1)>'],
  ['svg onload', '<svg onload=alert(1)>'],
  ['javascript URL', 'javascript:alert(1)'],
  ['template literal', '${alert(1)}'],
  ['regex wildcard', '.*'],
  ['regex group', '(a+)+$'],
  ['replacement pattern', "$&$'$`"],
  ['__proto__', '__proto__'],
  ['constructor', 'constructor'],
  ['prototype', 'prototype'],
  ['toString', 'toString'],
  ['hasOwnProperty', 'hasOwnProperty'],
  ['SQL', "' OR 1=1 --"],
  ['NUL', '政务\u0000公开'],
  ['lone surrogate', '政务\ud800公开'],
  ['broken percent escape', '%E4%B8'],
  ['percent-encoded script', '%3Cscript%3Ealert(1)%3C%2Fscript%3E'],
  ['RLO override', '\u202e开公务政'],
  ['emoji only', '😀😀'],
  ['zero-width only', '\u200b\u200b'],
  ['HTML entity', '&lt;script&gt;'],
  ['10,000 characters', '政务公开'.repeat(2500)],
  ['Chinese with markup', '政务<b>公开</b>'],
];

let browser: Browser;
let server: Served;
let page: Page;
const problems: string[] = [];
const texts = pageTexts();

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), serveStatic(DIST)]);
  page = await browser.newPage();
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith(server.origin)) problems.push(`outside request ${r.url()}`);
  });
  await page.goto(`${server.url}search/`);
  await page.waitForFunction(() => typeof window.archiveSearch?.search === 'function');
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('hostile queries answer, find only what is there, and stay inert', () => {
  it.each(QUERIES)('%s', async (_name, q) => {
    const hits = await page.evaluate(
      (query) =>
        Promise.race([
          window.archiveSearch.search(query).then((h: { url: string }[]) => h.map((x) => x.url)),
          new Promise<string>((resolve) => setTimeout(() => resolve('timeout'), 15_000)),
        ]),
      q,
    );
    expect(hits).not.toBe('timeout');
    expect(Array.isArray(hits)).toBe(true);
    // a query that no page contains (as typed) finds nothing
    const contained = texts.some((t) => t.includes(q));
    if (!contained) expect(hits, `query ${JSON.stringify(q.slice(0, 30))}`).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('typed into the search box, every query leaves no live markup on the page', async () => {
    for (const [, q] of QUERIES) {
      await page.fill('#q', q.slice(0, 2000));
      await page.keyboard.press('Enter');
      await page.waitForTimeout(150);
    }
    const live = await page.evaluate(() => ({
      scripts: [...document.scripts].filter((s) => !s.src).length,
      handlers: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
      injected: document.querySelectorAll('main img[src="x"], main svg[onload], main b').length,
    }));
    expect(live).toEqual({ scripts: 0, handlers: 0, injected: 0 });
    expect(problems).toEqual([]);
  });
});
