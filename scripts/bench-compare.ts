/**
 * npm run bench:compare -- --dist DIR [--content REPORTS_DIR] [--json]
 * What the comparison page (/compare/) downloads for a typical choice on a built site: the page's
 * HTML, its CSS and scripts (the entry script and the chunks it imports), care-init.js,
 * data/compare/index.json and one county file (the median-sized one; the largest is printed too),
 * raw and gzip bytes (gzip level 6, what servers commonly send). Reads the files of DIR only.
 * With --content, the data files are instead made from that reports folder by the build's own
 * functions (src/lib/exports/compare.ts), without building it: the page and its scripts do not
 * depend on the archive's size, so a small build plus --content gives the figure for 50,000 reports.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { compareCounty, compareIndex, comparePath, type CompareCounty, type CompareIndex } from '../src/lib/exports/compare.ts';
import { readFrontmatter } from '../src/lib/report/frontmatter.ts';
import type { ReportData } from '../src/lib/schema.ts';
import { regions, summarize } from '../src/lib/site/reports.ts';

const { values } = parseArgs({ options: { dist: { type: 'string', default: 'dist' }, content: { type: 'string' }, json: { type: 'boolean', default: false } } });
const dist = path.resolve(values.dist!);
const page = path.join(dist, 'compare/index.html');
if (!existsSync(page) || !existsSync(path.join(dist, 'data/compare/index.json'))) {
  console.error(`${dist} has no compare page: build the site first (npm run build, or CONTENT_DIR=… npm run build -- --outDir …)`);
  process.exit(1);
}

/** The data files by site-relative path: read from dist/, or made from --content. */
const dataFiles = new Map<string, Buffer>();
if (values.content) {
  const dir = path.resolve(values.content);
  const data = new Map<string, ReportData>();
  for (const slug of readdirSync(dir)) {
    if (!statSync(path.join(dir, slug)).isDirectory()) continue;
    for (const f of readdirSync(path.join(dir, slug)).filter((x) => /^\d{4}\.md$/.test(x))) {
      const fm = readFrontmatter(readFileSync(path.join(dir, slug, f), 'utf8'));
      if (!fm.ok) throw new Error(`${slug}/${f}: ${fm.error.message}`);
      data.set(`${slug}/${f.slice(0, 4)}`, fm.value.data as unknown as ReportData);
    }
  }
  const all = regions([...data].map(([id, d]) => summarize({ id, data: d })));
  dataFiles.set('data/compare/index.json', Buffer.from(JSON.stringify(compareIndex(all))));
  for (const p of all) for (const c of p.counties) {
    const file = compareCounty(p, c.slug, (id) => data.get(id)!);
    dataFiles.set(`data/compare/${p.slug}/${c.slug}.json`, Buffer.from(JSON.stringify(file)));
  }
}
const readData = (rel: string) => dataFiles.get(rel) ?? readFileSync(path.join(dist, rel));

interface Row {
  file: string;
  raw: number;
  gzip: number;
}
const measure = (rel: string): Row => {
  const bytes = rel.startsWith('data/') ? readData(rel) : readFileSync(path.join(dist, rel));
  return { file: rel, raw: bytes.length, gzip: gzipSync(bytes, { level: 6 }).length };
};

// the page's own assets: href/src under the base path, mapped back to files of dist/
const html = readFileSync(page, 'utf8');
const base = /<script[^>]+src="([^"]*?)care-init\.js"/.exec(html)?.[1] ?? '/';
const assets = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="stylesheet"[^>]+href)="([^"]+)"/g)].map((m) => m[1]!).filter((u) => u.startsWith(base)).map((u) => u.slice(base.length));
const scripts = new Set<string>();
const follow = (rel: string) => {
  if (scripts.has(rel) || !existsSync(path.join(dist, rel))) return;
  scripts.add(rel);
  if (!rel.endsWith('.js')) return;
  const js = readFileSync(path.join(dist, rel), 'utf8');
  for (const m of js.matchAll(/(?:from|import)\s*"(\.\/[^"]+\.js)"/g)) follow(path.posix.join(path.posix.dirname(rel), m[1]!));
};
for (const a of assets) follow(a);

const index = JSON.parse(readData('data/compare/index.json').toString('utf8')) as CompareIndex;
const counties = index.provinces.flatMap((p) => p.counties.map((c) => ({ ...c, file: comparePath(p.slug, c.slug) }))).map((c) => ({ c, size: readData(c.file).length }));
counties.sort((a, b) => a.size - b.size);
let reports = 0;
let towns = 0;
let allCounty = 0;
for (const { c } of counties) {
  const bytes = readData(c.file);
  const data = JSON.parse(bytes.toString('utf8')) as CompareCounty;
  towns += data.towns.length;
  reports += data.towns.reduce((n, t) => n + t.reports.length, 0);
  allCounty += bytes.length;
}
const median = counties[Math.floor((counties.length - 1) / 2)]!;
const largest = counties[counties.length - 1]!;

const rows: Row[] = [measure('compare/index.html'), ...[...scripts].map(measure), measure('data/compare/index.json'), measure(median.c.file)];
const total = { file: 'total (a typical choice: one county)', raw: rows.reduce((n, r) => n + r.raw, 0), gzip: rows.reduce((n, r) => n + r.gzip, 0) };
const out = {
  site: dist,
  ...(values.content ? { dataFrom: path.resolve(values.content) } : {}),
  reports,
  counties: counties.length,
  towns,
  rows,
  total,
  medianCounty: { file: median.c.file, towns: median.c.towns.length },
  largestCounty: { ...measure(largest.c.file), towns: largest.c.towns.length },
  allCountyFilesRaw: allCounty,
};
if (values.json) {
  console.log(JSON.stringify(out, null, 1));
} else {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`.padStart(10);
  console.log(`compare page downloads — ${dist}${values.content ? ` (data files made from ${values.content})` : ''}: ${reports} reports, ${towns} towns, ${counties.length} counties`);
  console.log(`${'file'.padEnd(64)}${'raw'.padStart(10)}${'gzip'.padStart(10)}`);
  for (const r of [...rows, total]) console.log(`${r.file.padEnd(64)}${kb(r.raw)}${kb(r.gzip)}`);
  console.log(`median county file: ${median.c.file} (${median.c.towns.length} towns); largest: ${largest.c.file} (${largest.c.towns.length} towns) ${kb(out.largestCounty.raw).trim()} raw, ${kb(out.largestCounty.gzip).trim()} gzip`);
  console.log(`all county files together: ${kb(allCounty).trim()} raw (never downloaded at once)`);
}
