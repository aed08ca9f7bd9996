/**
 * npm run bench:search -- [--site dist] [--queries file.json] [--per-class 20] [--cold 3] [--skip-default] [--cold-only]
 * Runs a query set in real Chromium through the search page's
 * window.archiveSearch and through Pagefind's default Chinese indexing of the
 * same pages, and compares both with the ground truth: the reports whose
 * searchable text contains every term. Prints recall, precision, share of
 * exact queries and time per query by class, index sizes, and the bytes a
 * cold search transfers before its first results show, for --cold queries
 * of each class (the page, its CSS and JS, and the index files).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { recordFromHtml, type SearchRecord } from '../src/lib/search/records.ts';
import { haystack as plainHaystack, runs } from '../src/lib/search/tokens.ts';
import { foldFromMap } from '../src/lib/search/fold.ts';
import { openccFoldMap } from '../src/lib/search/opencc-fold.ts';
import * as OpenCC from 'opencc-js';

import { INDEX_DIR, PARTS_FILE } from '../src/lib/search/index-format.ts';
import { prng } from '../src/lib/corpus/generate.ts';
import { launchBrowser } from '../tests/helpers/browser.ts';
import { serveStatic } from '../tests/helpers/server.ts';

// a match is the query up to width and 简繁 (issue 11): the truth folds like the index
const fold = foldFromMap(openccFoldMap());
const haystack = (t: string) => plainHaystack(t, fold);
// simplified → traditional (Taiwan standard), as a user with a 繁體 input method types
const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
/** Queries of only symbols: nothing to search for, so no report is a match. */
const SYMBOLS = ['😀', '%', '.*', '$&', '\u0000', '\ud800', '——', '（）', '、', '。', '%E4%B8', '<mark>'];

const ROOT = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    site: { type: 'string', default: 'dist' },
    queries: { type: 'string' },
    'per-class': { type: 'string', default: '20' },
    cold: { type: 'string', default: '3' },
    'skip-default': { type: 'boolean', default: false },
    // only the cold-query bytes: for very large sites, where fetching every result of every query takes long
    'cold-only': { type: 'boolean', default: false },
  },
});
const site = path.resolve(values.site!);
if (!existsSync(path.join(site, PARTS_FILE))) {
  console.error(`${site} has no search index: build the site first (npm run build, or CONTENT_DIR=… astro build --outDir …)`);
  process.exit(1);
}

function records(): SearchRecord[] {
  const out: SearchRecord[] = [];
  const dir = path.join(site, 'reports');
  for (const t of readdirSync(dir)) for (const y of readdirSync(path.join(dir, t))) {
    const f = path.join(dir, t, y, 'index.html');
    if (!existsSync(f)) continue;
    const r = recordFromHtml(readFileSync(f, 'utf8'));
    if (r) out.push(r);
  }
  return out;
}

interface Query {
  q: string;
  cls: string;
}

const TERMS = ['依申请公开', '行政复议', '行政诉讼', '政府信息公开', '主动公开', '不予公开', '政务公开', '信息公开指南', '勾稽关系', '政府网站', '政策解读', '乡村振兴', '财政预决算', '三安全一稳定', '予以公开'];

/** A default query set drawn from the corpus itself, by class. */
function defaultQueries(recs: SearchRecord[], n: number): Query[] {
  const r = prng(42);
  const qs: Query[] = [];
  const texts = recs.map((x) => haystack(x.text));
  const hanSub = (len: number) => {
    for (let tries = 0; tries < 100; tries++) {
      const t = r.pick(texts);
      const at = r.int(0, Math.max(0, t.length - len));
      const s = t.slice(at, at + len);
      if ([...s].length === len && /^[\u4e00-\u9fff]+$/.test(s)) return s;
    }
    return undefined;
  };
  for (const len of [2, 3, 4, 6]) for (let i = 0; i < n; i++) { const s = hanSub(len); if (s) qs.push({ q: s, cls: `${len} chars` }); }
  const names = new Set<string>();
  for (const t of texts) for (const m of t.matchAll(/(?:^|[\s。；])([\u4e00-\u9fff]{2,3})[：:](?:党委|副|镇长|人大|纪委|武装)/g)) names.add(m[1]!);
  for (const x of recs) names.add(x.town);
  for (const name of [...names].slice(0, n)) qs.push({ q: name, cls: 'names' });
  for (const t of TERMS.slice(0, n)) qs.push({ q: t, cls: 'terms' });
  const numbers = new Set<string>();
  for (const t of texts) for (const m of t.matchAll(/\b(0\d{2,3}-\d{7,8})\b/g)) numbers.add(m[1]!);
  for (const x of recs) numbers.add(`${x.town} ${x.year}`);
  for (const num of [...numbers].slice(0, n)) qs.push({ q: num, cls: num.includes(' ') ? 'mixed' : 'numbers' });
  for (let i = 0; i < n; i++) { const s = hanSub(1); if (s) qs.push({ q: s, cls: 'single chars' }); }
  // the archive is simplified: its own words and substrings written in traditional characters
  const trad = new Set<string>();
  for (const t of [...TERMS, ...qs.filter((x) => /chars$/.test(x.cls) && x.q.length > 1).map((x) => x.q)]) {
    const tw = toTraditional(t);
    if (tw !== t && trad.size < n) trad.add(tw);
  }
  for (const q of trad) qs.push({ q, cls: 'traditional' });
  for (const q of SYMBOLS.slice(0, n)) qs.push({ q, cls: 'symbols' });
  return qs;
}

const recs = records();
const queries: Query[] = values.queries ? JSON.parse(readFileSync(values.queries, 'utf8')) : defaultQueries(recs, Number(values['per-class']));
const truth = (q: string) => {
  const terms = haystack(q).split(' ').filter(Boolean);
  // a query without a letter or digit has nothing to search for (the page says so)
  if (runs(haystack(q)).length === 0) return new Set<string>();
  return new Set(recs.filter((x) => terms.every((t) => haystack(x.text).includes(t))).map((x) => x.url));
};

// Pagefind's own Chinese indexing of the same pages, for comparison
const defaultDir = 'pagefind-default';
if (!values['skip-default']) {
  await rm(path.join(site, defaultDir), { recursive: true, force: true });
  execFileSync(path.join(ROOT, 'node_modules/.bin/node'), [path.join(ROOT, 'node_modules/pagefind/lib/runner/bin.cjs'), '--site', site, '--output-subdir', defaultDir, '--glob', 'reports/**/*.html'], { stdio: 'ignore' });
}

const dirSize = (d: string): number => (existsSync(d) ? readdirSync(d, { withFileTypes: true }).reduce((a, e) => a + (e.isDirectory() ? dirSize(path.join(d, e.name)) : statSync(path.join(d, e.name)).size), 0) : 0);
const server = await serveStatic(site);
const browser = await launchBrowser();
const context = await browser.newContext();
const page = await context.newPage();
await page.goto(`${server.url}search/`);
await page.waitForFunction(() => typeof window.archiveSearch?.search === 'function');

interface Score { tp: number; fp: number; fn: number; exact: number; n: number; ms: number }
const score = () => ({ tp: 0, fp: 0, fn: 0, exact: 0, n: 0, ms: 0 });
const ours = new Map<string, Score>();
const theirs = new Map<string, Score>();
const add = (m: Map<string, Score>, cls: string, want: Set<string>, got: string[], ms: number) => {
  const s = m.get(cls) ?? score();
  const g = new Set(got);
  const tp = [...g].filter((u) => want.has(u)).length;
  s.tp += tp;
  s.fp += g.size - tp;
  s.fn += want.size - tp;
  s.exact += tp === want.size && g.size === tp ? 1 : 0;
  s.n += 1;
  s.ms += ms;
  m.set(cls, s);
};

for (const { q, cls } of values['cold-only'] ? [] : queries) {
  const want = truth(q);
  const t0 = Date.now();
  const got = await page.evaluate((q) => window.archiveSearch.search(q), q);
  add(ours, cls, want, got.map((h) => h.url), Date.now() - t0);
  if (!values['skip-default']) {
    const t1 = Date.now();
    const urls = await page.evaluate(async ([q, dir]) => {
      const w = window as unknown as { __pf?: { search(q: string): Promise<{ results: { data(): Promise<{ url: string }> }[] }> } };
      // the default index, queried as Pagefind would on a zh-CN page
      w.__pf ??= await import(/* @vite-ignore */ `/${dir}/pagefind.js`);
      const res = await w.__pf!.search(q);
      return Promise.all(res.results.map(async (r) => (await r.data()).url));
    }, [q, defaultDir] as const);
    add(theirs, cls, want, urls.map((u) => u.replace(/index\.html$/, '')), Date.now() - t1);
  }
}

// bytes a first-time visitor transfers until the first results of a cold query are on screen,
// by kind of file: the page (HTML, CSS, JS), the part list and tables, buckets, report texts;
// a request counts when it finished before the results showed (the background check of the
// total goes on after that, and is counted apart as "then")
type Kind = 'page' | 'tables' | 'buckets' | 'texts';
const KINDS: Kind[] = ['page', 'tables', 'buckets', 'texts'];
const kindOf = (url: string): Kind => (!url.includes(`/${INDEX_DIR}/`) ? 'page' : /\/b\/[^/]+$/.test(url) ? 'buckets' : /\/(parts\.json|part\.bin)/.test(url) ? 'tables' : 'texts');
const cold: { q: string; cls: string; bytes: number; index: number; ms: number; by: Record<Kind, number>; files: Record<Kind, number>; then: number }[] = [];
const classes = [...new Set(queries.map((x) => x.cls))];
for (const cls of classes) {
  for (const { q } of queries.filter((x) => x.cls === cls).slice(0, Number(values.cold))) {
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    let shown = false;
    const by = { page: 0, tables: 0, buckets: 0, texts: 0 };
    const files = { page: 0, tables: 0, buckets: 0, texts: 0 };
    let then = 0;
    p.on('requestfinished', async (req) => {
      // whether it finished before the results showed is decided now, not after the await
      const before = !shown;
      const s = await req.sizes().catch(() => undefined);
      if (!s) return;
      const size = s.responseBodySize + s.responseHeadersSize;
      if (!before) {
        then += size;
        return;
      }
      const k = kindOf(req.url());
      by[k] += size;
      files[k]++;
    });
    // the page says when the status first shows results, as it happens (no polling delay)
    await p.exposeFunction('__benchShown', () => void (shown = true));
    await p.addInitScript(() => {
      const done = () => /找到|已显示|没有找到|没有可搜索/.test(document.querySelector('#search-status')?.textContent ?? '');
      const watch = new MutationObserver(() => {
        if (!done()) return;
        watch.disconnect();
        (window as unknown as { __benchShown(): void }).__benchShown();
      });
      watch.observe(document, { subtree: true, childList: true, characterData: true });
    });
    const t0 = Date.now();
    await p.goto(`${server.url}search/?q=${encodeURIComponent(q)}`);
    await p.waitForFunction(() => /找到|已显示|没有找到|没有可搜索/.test(document.querySelector('#search-status')?.textContent ?? ''), null, { timeout: 60_000 });
    shown = true;
    const ms = Date.now() - t0;
    await p.waitForTimeout(100);
    const bytes = KINDS.reduce((a, k) => a + by[k], 0);
    cold.push({ q, cls, bytes, index: bytes - by.page, ms, by, files, then });
    await ctx.close();
  }
}
// the same cold queries through Pagefind's default index: its JS, WebAssembly, index chunks and the first 10 results' fragments
const coldDefault: { q: string; cls: string; bytes: number }[] = [];
if (!values['skip-default']) {
  for (const { q, cls } of cold) {
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    await p.goto(`${server.url}404.html`);
    let bytes = 0;
    p.on('requestfinished', async (req) => {
      const s = await req.sizes().catch(() => undefined);
      if (s && req.url().includes(`/${defaultDir}/`)) bytes += s.responseBodySize + s.responseHeadersSize;
    });
    await p.evaluate(async ([q, dir]) => {
      const pf = await import(/* @vite-ignore */ `/${dir}/pagefind.js`);
      const res = await pf.search(q);
      await Promise.all(res.results.slice(0, 10).map((r: { data(): Promise<unknown> }) => r.data()));
    }, [q, defaultDir] as const);
    await p.waitForTimeout(100);
    coldDefault.push({ q, cls, bytes });
    await ctx.close();
  }
}
await browser.close();
await server.close();

const fmt = (m: Map<string, Score>) =>
  [...m.entries()].map(([cls, s]) => {
    const recall = s.tp + s.fn ? s.tp / (s.tp + s.fn) : 1;
    const precision = s.tp + s.fp ? s.tp / (s.tp + s.fp) : 1;
    return `| ${cls} | ${s.n} | ${recall.toFixed(3)} | ${precision.toFixed(3)} | ${(s.exact / s.n).toFixed(2)} | ${(s.ms / s.n).toFixed(0)} ms |`;
  });
const head = ['| class | queries | recall | precision | exact queries | time/query |', '|---|---|---|---|---|---|'];
console.log(`\n## bench:search — ${recs.length} reports, ${queries.length} queries (${path.relative(ROOT, site) || site})\n`);
console.log('### nianbao search (n-gram index, checked results)\n');
console.log([...head, ...fmt(ours)].join('\n'));
if (!values['skip-default']) {
  console.log('\n### Pagefind default Chinese indexing, same pages\n');
  console.log([...head, ...fmt(theirs)].join('\n'));
}
console.log(`\nindex size: nianbao ${(dirSize(path.join(site, INDEX_DIR)) / 1048576).toFixed(1)} MiB${values['skip-default'] ? '' : `, Pagefind default ${(dirSize(path.join(site, defaultDir)) / 1048576).toFixed(1)} MiB`}`);
console.log('\n### cold query: bytes transferred until the first results are shown (page + CSS + JS + index)\n');
console.log(['| class | queries | max | median | of which index (max) | time (max) | Pagefind default, same queries (max, its files only) |', '|---|---|---|---|---|---|---|'].join('\n'));
const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;
for (const cls of classes) {
  const c = cold.filter((x) => x.cls === cls).sort((a, b) => a.bytes - b.bytes);
  if (!c.length) continue;
  console.log(`| ${cls} | ${c.length} | ${kb(c.at(-1)!.bytes)} | ${kb(c[Math.floor(c.length / 2)]!.bytes)} | ${kb(Math.max(...c.map((x) => x.index)))} | ${Math.max(...c.map((x) => x.ms))} ms | ${coldDefault.length ? kb(Math.max(...coldDefault.filter((x) => x.cls === cls).map((x) => x.bytes))) : '–'} |`);
}
console.log('\n### where the bytes of the largest cold query of each class go (KB, files)\n');
console.log(['| class | query | total | page (HTML, CSS, JS) | part list + table | buckets | report texts | after the first results (background check) |', '|---|---|---|---|---|---|---|---|'].join('\n'));
for (const cls of classes) {
  const w = cold.filter((x) => x.cls === cls).sort((a, b) => a.bytes - b.bytes).at(-1);
  if (!w) continue;
  console.log(`| ${cls} | ${w.q.replace(/[|\n]/g, ' ')} | ${kb(w.bytes)} | ${KINDS.map((k) => `${kb(w.by[k])} (${w.files[k]})`).join(' | ')} | ${kb(w.then)} |`);
}
const worst = cold.reduce((a, b) => (b.bytes > a.bytes ? b : a), cold[0]!);
if (worst) console.log(`\nlargest cold query: ${worst.q} (${worst.cls}) ${kb(worst.bytes)}`);
if (!values['skip-default']) await rm(path.join(site, defaultDir), { recursive: true, force: true });
