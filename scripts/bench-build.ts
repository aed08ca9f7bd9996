/**
 * npm run bench:build -- --count N [--seed S] [--skip-bare] [--skip-pagefind] [--skip-rebuild]
 * Generates (or reuses) a corpus of N reports and measures, side by side:
 * this site's full build (pages + search index + exports) and a bare Astro +
 * Pagefind build of the same Markdown; then a second build after editing one
 * report. Prints wall and CPU time, peak RSS of the largest process, output
 * size, the median report page's HTML+CSS (raw/gzip) and its JavaScript.
 * The full build is cold, as the bare one: the corpus's content store and
 * validation cache (its cacheDir) are removed first. --skip-bare skips both
 * baselines; --skip-pagefind only Pagefind (at 100,000 reports it needs more
 * memory than the site's build).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { INDEX_DIR } from '../src/lib/search/index-format.ts';
import { contentCacheDir } from '../src/lib/paths.ts';
import { recordCacheDir } from '../src/lib/build/record-cache.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const NODE = path.join(ROOT, 'node_modules/.bin/node');
const ASTRO = path.join(ROOT, 'node_modules/astro/bin/astro.mjs');
const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    'skip-bare': { type: 'boolean', default: false },
    'skip-pagefind': { type: 'boolean', default: false },
    'skip-rebuild': { type: 'boolean', default: false },
  },
});
const count = Number(values.count);
const out = path.join(ROOT, 'bench-out');
const corpus = path.join(out, `corpus-${count}-${values.seed}`);

interface Run {
  wall: number;
  user: number;
  sys: number;
  peakRssMiB: number;
}

/** Peak resident memory of any process in the child's tree, polled from /proc. */
async function treePeak(rootPid: number): Promise<number> {
  const stats = await readdir('/proc').catch(() => [] as string[]);
  const parent = new Map<number, number>();
  for (const p of stats) {
    if (!/^\d+$/.test(p)) continue;
    const s = await readFile(`/proc/${p}/stat`, 'utf8').catch(() => '');
    const m = /\) \S (\d+)/.exec(s);
    if (m) parent.set(Number(p), Number(m[1]));
  }
  let peak = 0;
  for (const [pid] of parent) {
    let q: number | undefined = pid;
    while (q && q !== rootPid && q > 1) q = parent.get(q);
    if (q !== rootPid) continue;
    const st = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    const hwm = /VmHWM:\s+(\d+) kB/.exec(st);
    if (hwm) peak = Math.max(peak, Number(hwm[1]) / 1024);
  }
  return peak;
}

async function measure(label: string, cmd: string, env: Record<string, string> = {}, cwd = ROOT): Promise<Run> {
  const started = Date.now();
  // bash's `times` reports the CPU time of all its (waited-for) children: the whole build tree
  const child = spawn('bash', ['-c', `( ${cmd} ) > ${path.join(out, `${label}.log`)} 2>&1; status=$?; times >&2; exit $status`], {
    cwd,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  let peak = 0;
  const timer = setInterval(async () => (peak = Math.max(peak, await treePeak(child.pid!))), 300);
  const code: number = await new Promise((r) => child.on('exit', (c) => r(c ?? 1)));
  clearInterval(timer);
  if (code !== 0) throw new Error(`${label} failed (exit ${code}); see bench-out/${label}.log`);
  const secs = (t: string) => {
    const m = /(\d+)m([\d.]+)s/.exec(t);
    return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  };
  const [user, sys] = stderr.trim().split('\n').at(-1)!.split(/\s+/).map(secs);
  return { wall: (Date.now() - started) / 1000, user: user!, sys: sys!, peakRssMiB: Math.round(peak) };
}

async function du(dir: string): Promise<number> {
  let n = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    n += e.isDirectory() ? await du(p) : (await stat(p)).size;
  }
  return n;
}

/** The median report page by HTML size, with the CSS and JS it references. */
async function pageWeight(site: string, pagesGlob: (site: string) => Promise<string[]>) {
  const pages = await pagesGlob(site);
  const sized = await Promise.all(pages.map(async (p) => ({ p, size: (await stat(p)).size })));
  sized.sort((a, b) => a.size - b.size);
  const median = sized[Math.floor(sized.length / 2)]!.p;
  const html = await readFile(median);
  const text = html.toString('utf8');
  const asset = async (re: RegExp) => {
    let raw = 0;
    let gz = 0;
    for (const m of text.matchAll(re)) {
      const file = path.join(site, m[1]!.replace(/^\/(gk\/ndbg\/)?/, ''));
      if (!existsSync(file)) continue;
      const b = await readFile(file);
      raw += b.length;
      gz += gzipSync(b).length;
    }
    return { raw, gz };
  };
  const css = await asset(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g);
  const js = await asset(/<script[^>]+src="([^"]+)"/g);
  return { page: path.relative(site, median), htmlRaw: html.length, htmlGz: gzipSync(html).length, css, js };
}

async function reportPages(site: string, under: string) {
  const out: string[] = [];
  const dir = path.join(site, under);
  for (const town of await readdir(dir)) for (const y of await readdir(path.join(dir, town))) if (/^\d{4}$/.test(y)) out.push(path.join(dir, town, y, 'index.html'));
  return out;
}

/** A bare Astro project: one page per report rendering its Markdown, nothing else. */
async function bareProject(): Promise<string> {
  const dir = path.join(out, 'bare');
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.join(dir, 'src/pages/r'), { recursive: true });
  await writeFile(path.join(dir, 'astro.config.mjs'), `import { defineConfig } from 'astro/config';\nexport default defineConfig({ devToolbar: { enabled: false } });\n`);
  await writeFile(
    path.join(dir, 'src/content.config.ts'),
    `import { defineCollection } from 'astro:content';\nimport { glob } from 'astro/loaders';\nexport const collections = { reports: defineCollection({ loader: glob({ pattern: '*/*.md', base: ${JSON.stringify(corpus)} }) }) };\n`,
  );
  await writeFile(
    path.join(dir, 'src/pages/r/[...id].astro'),
    `---\nimport { getCollection, render } from 'astro:content';\nexport async function getStaticPaths() { return (await getCollection('reports')).map((entry) => ({ params: { id: entry.id }, props: { entry } })); }\nconst { entry } = Astro.props;\nconst { Content } = await render(entry);\n---\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{entry.data.title}</title></head><body><main data-pagefind-body><h1>{entry.data.title}</h1><Content /></main></body></html>\n`,
  );
  return dir;
}

const mib = (b: number) => `${(b / 1048576).toFixed(1)} MiB`;
const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;

await mkdir(out, { recursive: true });
if (!existsSync(corpus)) {
  console.log(`generating ${count} reports → ${path.relative(ROOT, corpus)}`);
  await measure(`gen-${count}`, `${NODE} scripts/gen-corpus.ts --count ${count} --seed ${values.seed} --out ${corpus}`);
}
const site = path.join(out, `site-${count}`);
await rm(site, { recursive: true, force: true });
// cold, as the bare build: no content store, no validation cache from an earlier run
await rm(path.join(ROOT, contentCacheDir(corpus)!), { recursive: true, force: true });
await rm(recordCacheDir(ROOT, `${site}/`), { recursive: true, force: true });
console.log(`building the site from ${count} reports…`);
const full = await measure(`build-${count}`, `${NODE} ${ASTRO} build --outDir ${site}`, { CONTENT_DIR: corpus });
const log = await readFile(path.join(out, `build-${count}.log`), 'utf8');
const indexMs = Number(/indexed \d+ reports for search in (\d+) ms/.exec(log)?.[1] ?? 0);
const weight = await pageWeight(site, (s) => reportPages(s, 'reports'));
const size = await du(site);
const searchSize = await du(path.join(site, INDEX_DIR));

let rebuild: Run | undefined;
if (!values['skip-rebuild']) {
  const first = (await readdir(corpus, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort()[0]!;
  const file = path.join(corpus, first, (await readdir(path.join(corpus, first)))[0]!);
  const original = await readFile(file, 'utf8');
  await appendFile(file, '\n本段为基准测试所加。\n');
  try {
    rebuild = await measure(`rebuild-${count}`, `${NODE} ${ASTRO} build --outDir ${site}`, { CONTENT_DIR: corpus });
  } finally {
    await writeFile(file, original);
  }
}

let bare: { astro: Run; pagefind?: Run; size: number; weight: Awaited<ReturnType<typeof pageWeight>> } | undefined;
if (!values['skip-bare']) {
  const dir = await bareProject();
  console.log('building the bare Astro + Pagefind site…');
  const astro = await measure(`bare-astro-${count}`, `${NODE} ${ASTRO} build --root ${dir} --outDir ${dir}/dist`);
  const pagefind = values['skip-pagefind'] ? undefined : await measure(`bare-pagefind-${count}`, `${NODE} ${path.join(ROOT, 'node_modules/pagefind/lib/runner/bin.cjs')} --site ${dir}/dist`);
  bare = { astro, ...(pagefind ? { pagefind } : {}), size: await du(path.join(dir, 'dist')), weight: await pageWeight(path.join(dir, 'dist'), (s) => reportPages(s, 'r')) };
}

const row = (name: string, r: Run) => `| ${name} | ${r.wall.toFixed(1)} s | ${(r.user + r.sys).toFixed(1)} s | ${r.peakRssMiB} MiB |`;
const lines = [
  `\n## bench:build — ${count} reports (seed ${values.seed})`,
  '',
  '| build | wall | CPU (user+sys) | peak RSS (largest process) |',
  '|---|---|---|---|',
  row('nianbao full build (pages + search + exports)', full),
  ...(rebuild ? [row('nianbao, second build after editing one report', rebuild)] : []),
  ...(bare ? [row('bare Astro (one page per report)', bare.astro), ...(bare.pagefind ? [row('bare Pagefind (default indexing)', bare.pagefind)] : [])] : []),
  '',
  `- search indexing inside the full build: ${(indexMs / 1000).toFixed(1)} s`,
  `- output: ${mib(size)} (search index ${mib(searchSize)})${bare ? `; bare: ${mib(bare.size)}` : ''}`,
  `- median report page (${weight.page}): HTML ${kb(weight.htmlRaw)} raw / ${kb(weight.htmlGz)} gzip; CSS ${kb(weight.css.raw)} / ${kb(weight.css.gz)} gzip; HTML+CSS gzip ${kb(weight.htmlGz + weight.css.gz)}`,
  `- JavaScript on a report page: ${kb(weight.js.raw)} raw / ${kb(weight.js.gz)} gzip`,
  ...(bare
    ? [
        `- bare median page: HTML ${kb(bare.weight.htmlRaw)} / ${kb(bare.weight.htmlGz)} gzip`,
        `- ratio full build / bare Astro build: ${(full.wall / bare.astro.wall).toFixed(2)}×${bare.pagefind ? `; full / (bare Astro + Pagefind): ${(full.wall / (bare.astro.wall + bare.pagefind.wall)).toFixed(2)}×` : ''}`,
      ]
    : []),
  ...(rebuild ? [`- second build / first: ${(rebuild.wall / full.wall).toFixed(2)}×`] : []),
  `- full build per 1,000 reports: ${((full.wall / count) * 1000).toFixed(1)} s wall`,
];
console.log(lines.join('\n'));
await writeFile(path.join(out, `bench-build-${count}.json`), JSON.stringify({ count, full, rebuild, bare, indexMs, size, searchSize, weight }, null, 2));
