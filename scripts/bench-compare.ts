/**
 * npm run bench:compare -- --dist DIR [--json]
 * What the comparison page (/compare/) downloads for a typical choice on a built site: the page's
 * HTML, its CSS and scripts (the entry script and the chunks it imports), care-init.js,
 * data/compare/index.json and one county file (the median-sized one; the largest is printed too),
 * raw and gzip bytes (gzip level 6, what servers commonly send). Reads the files of DIR only.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { CompareCounty, CompareIndex } from '../src/lib/exports/compare.ts';

const { values } = parseArgs({ options: { dist: { type: 'string', default: 'dist' }, json: { type: 'boolean', default: false } } });
const dist = path.resolve(values.dist!);
const page = path.join(dist, 'compare/index.html');
if (!existsSync(page) || !existsSync(path.join(dist, 'data/compare/index.json'))) {
  console.error(`${dist} has no compare page: build the site first (npm run build, or CONTENT_DIR=… npm run build -- --outDir …)`);
  process.exit(1);
}

interface Row {
  file: string;
  raw: number;
  gzip: number;
}
const measure = (rel: string): Row => {
  const bytes = readFileSync(path.join(dist, rel));
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

const index = JSON.parse(readFileSync(path.join(dist, 'data/compare/index.json'), 'utf8')) as CompareIndex;
const counties = index.provinces.flatMap((p) => p.counties).map((c) => ({ c, size: statSync(path.join(dist, c.file)).size }));
counties.sort((a, b) => a.size - b.size);
let reports = 0;
let towns = 0;
let allCounty = 0;
for (const { c } of counties) {
  const data = JSON.parse(readFileSync(path.join(dist, c.file), 'utf8')) as CompareCounty;
  towns += data.towns.length;
  reports += data.towns.reduce((n, t) => n + t.reports.length, 0);
  allCounty += statSync(path.join(dist, c.file)).size;
}
const median = counties[Math.floor((counties.length - 1) / 2)]!;
const largest = counties[counties.length - 1]!;

const rows: Row[] = [measure('compare/index.html'), ...[...scripts].map(measure), measure('data/compare/index.json'), measure(median.c.file)];
const total = { file: 'total (a typical choice: one county)', raw: rows.reduce((n, r) => n + r.raw, 0), gzip: rows.reduce((n, r) => n + r.gzip, 0) };
const out = {
  site: dist,
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
  console.log(`compare page downloads — ${dist}: ${reports} reports, ${towns} towns, ${counties.length} counties`);
  console.log(`${'file'.padEnd(64)}${'raw'.padStart(10)}${'gzip'.padStart(10)}`);
  for (const r of [...rows, total]) console.log(`${r.file.padEnd(64)}${kb(r.raw)}${kb(r.gzip)}`);
  console.log(`median county file: ${median.c.file} (${median.c.towns.length} towns); largest: ${largest.c.file} (${largest.c.towns.length} towns) ${kb(out.largestCounty.raw).trim()} raw, ${kb(out.largestCounty.gzip).trim()} gzip`);
  console.log(`all county files together: ${kb(allCounty).trim()} raw (never downloaded at once)`);
}
