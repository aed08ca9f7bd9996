/**
 * Builds the sub-path variant of the site (/gk/ndbg/) once for all browser
 * tests. Astro builds in the same project must not run at the same time (they
 * share .astro/), so no test file builds on its own.
 */
import { existsSync } from 'node:fs';
import { appendFile, cp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { recordCacheDir } from '../../src/lib/build/record-cache.ts';
import { generateCorpus } from '../../src/lib/corpus/generate.ts';
import { ROOT, buildKilledAt, buildSite } from './build.ts';
import { TRICKY_ID, trickyReport } from '../fixtures/tricky-report.ts';

export const SUBPATH_DIST = path.join(ROOT, 'test-artifacts/site-gk-ndbg');
/** A generated archive indexed in several search shards (SEARCH_SHARD_SIZE). */
export const SHARDED_CONTENT = path.join(ROOT, 'test-artifacts/corpus-sharded');
export const SHARDED_DIST = path.join(ROOT, 'test-artifacts/site-sharded');
export const SHARD_SIZE = 40;
/** An archive built, edited (one report changed, one deleted) and built again incrementally; and built in full. */
export const INCREMENTAL_CONTENT = path.join(ROOT, 'test-artifacts/corpus-incremental');
export const INCREMENTAL_DIST = path.join(ROOT, 'test-artifacts/site-incremental');
export const FULL_DIST = path.join(ROOT, 'test-artifacts/site-incremental-full');
export const INCREMENTAL_LOG = path.join(ROOT, 'test-artifacts/incremental-build.log');

/** The same archive, built while three edits' builds were each killed at another point, then built again. */
export const INTERRUPTED_DIST = path.join(ROOT, 'test-artifacts/site-interrupted');
export const INTERRUPTED_FULL_DIST = path.join(ROOT, 'test-artifacts/site-interrupted-full');
export const INTERRUPTED_LOG = path.join(ROOT, 'test-artifacts/interrupted-builds.log');
/**
 * Search caching: the interrupted-builds archive as built in full (v1), and the same archive with
 * reports added, built again (v2): a browser that cached v1's index must not show wrong results from v2.
 */
export const CACHE_V2_CONTENT = path.join(ROOT, 'test-artifacts/corpus-cache-v2');
export const CACHE_V2_DIST = path.join(ROOT, 'test-artifacts/site-cache-v2');
/** A reports folder with a redirects.yml beside it holding a real entry; and one awkward report (tests/fixtures/tricky-report.ts). */
export const REDIRECT_ROOT = path.join(ROOT, 'test-artifacts/corpus-redirect');
export const REDIRECT_DIST = path.join(ROOT, 'test-artifacts/site-redirect');
export const REDIRECT_FROM = 'gongzhuling-maochengzi/2018';
export const REDIRECT_TO = 'gongzhuling-maochengzi/2019';

/** A content folder with hostile files: the build must refuse it with check's messages, every file named. */
export const HOSTILE_CONTENT = path.join(ROOT, 'test-artifacts/corpus-hostile');
export const HOSTILE_BUILD_LOG = path.join(ROOT, 'test-artifacts/hostile-build.log');
/** The same folder built again: its files' findings now come from the validation cache. */
export const HOSTILE_CACHED_BUILD_LOG = path.join(ROOT, 'test-artifacts/hostile-build-cached.log');
const HOSTILE_FILES: Record<string, (base: string) => string> = {
  'fuyuan-hanconggou/2020.md': (b) => b,
  'fuyuan-hanconggou/2019.md': (b) => b.replace(/^---\n/, '---js\n').replace('year: 2020', 'year: 2019'),
  'fuyuan-hanconggou/2018.md': (b) => b.replace('year: 2020', 'year: 2018').replace(/\n\n/, '\n\n<script>alert(1)</script>\n\n'),
  'fuyuan-hanconggou/2017.MD': (b) => b.replace('year: 2020', 'year: 2017'),
  'fuyuan-hanconggou/2016.md': (b) => b.replace('year: 2020', 'year: 2016').replace(/^agency: .*$/m, 'agency: !!js/function "function () { return process.exit(3) }"'),
  'fuyuan-hanconggou/2015.md': (b) =>
    b.replace('year: 2020', 'year: 2015').replace(/^---\n/, `---\nx0: &a0 [甲, 甲, 甲, 甲, 甲, 甲, 甲, 甲, 甲]\n${Array.from({ length: 12 }, (_, i) => `x${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]`).join('\n')}\n`),
  'fuyuan-hanconggou/2014.md': (b) => b.replace('year: 2020', 'year: 2014').replace(/^(agency: .*)$/m, '$1\npublished: 2015-02-30'),
  'fuyuan-hanconggou/2013.md': (b) => b.replace('year: 2020', 'year: 2013').replace(/^source:\n/m, 'source:\n  url: "javascript:alert(document.cookie)"\n'),
  'fuyuan-hanconggou/2012.md': (b) => b.replace('year: 2020', 'year: 2012').replace(/^(title: .*)$/m, '$1\u0000'),
  // valid: a BOM and CRLF line ends are accepted by both
  'fuyuan-hanconggou/2011.md': (b) => `\uFEFF${b.replace('year: 2020', 'year: 2011').replace(/\n/g, '\r\n')}`,
};

/** Three province shards planned with `npm run shards`, built in parallel processes, joined into one site. */
export const SHARDS_ROOT = path.join(ROOT, 'test-artifacts/shards');
export const SHARDS_SITE = path.join(SHARDS_ROOT, 'site');
export const SHARDS_CONTENT = path.join(SHARDS_ROOT, 'archive/reports');

async function shardsScript(args: string[], env: Record<string, string> = {}): Promise<string> {
  const { execFile } = await import('node:child_process');
  const { promisify } = await import('node:util');
  const { stdout } = await promisify(execFile)(path.join(ROOT, 'node_modules/.bin/node'), [path.join(ROOT, 'scripts/shards.ts'), ...args], { cwd: ROOT, env: { ...process.env, ...env } });
  return stdout;
}

async function buildShards() {
  await rm(SHARDS_ROOT, { recursive: true, force: true });
  // an archive of three provinces: the three with most towns in a generated corpus, a few towns each
  const all = [...generateCorpus(600, 23)].map((r) => ({ ...r, province: /^province: (.+)$/m.exec(r.content)![1]! }));
  const count = new Map<string, number>();
  for (const r of all) count.set(r.province, (count.get(r.province) ?? 0) + 1);
  const three = [...count.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3).map(([p]) => p);
  for (const p of three) {
    const towns = [...new Set(all.filter((r) => r.province === p).map((r) => r.path.split('/')[0]!))].sort().slice(0, 3);
    for (const r of all.filter((x) => towns.includes(x.path.split('/')[0]!))) {
      await mkdir(path.dirname(path.join(SHARDS_CONTENT, r.path)), { recursive: true });
      await writeFile(path.join(SHARDS_CONTENT, r.path), r.content);
    }
  }
  const planDir = path.join(SHARDS_ROOT, 'plan');
  await shardsScript(['plan', '--out', planDir], { CONTENT_DIR: SHARDS_CONTENT });
  const plan = JSON.parse(await readFile(path.join(planDir, 'shards.json'), 'utf8')) as { shards: { name: string }[] };
  // each shard an ordinary build with the settings `shards env` prints, all three at once
  await Promise.all(
    plan.shards.map(async (s) => {
      const vars = Object.fromEntries((await shardsScript(['env', s.name, '--plan', planDir])).trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
      await buildSite({ outDir: path.join(SHARDS_ROOT, 'built', s.name), env: vars });
    }),
  );
  await shardsScript(['join', '--plan', planDir, '--from', path.join(SHARDS_ROOT, 'built'), '--out', SHARDS_SITE]);
}

export default async function setup() {
  await buildShards();
  await rm(HOSTILE_CONTENT, { recursive: true, force: true });
  await mkdir(path.join(HOSTILE_CONTENT, 'fuyuan-hanconggou'), { recursive: true });
  const base = await readFile(path.join(ROOT, 'content/reports/fuyuan-hanconggou/2020.md'), 'utf8');
  for (const [rel, make] of Object.entries(HOSTILE_FILES)) await writeFile(path.join(HOSTILE_CONTENT, rel), make(base));
  const hostileOut = path.join(ROOT, 'test-artifacts/site-hostile');
  // the first trusts no cache (every file validated), the second has every file's findings in the validation cache
  for (const [log, env] of [[HOSTILE_BUILD_LOG, { NIANBAO_FULL_BUILD: '1' }], [HOSTILE_CACHED_BUILD_LOG, {}]] as const) {
    await buildSite({ outDir: hostileOut, contentDir: HOSTILE_CONTENT, env }).then(
      (out) => writeFile(log, `BUILT\n${out}`),
      (e: Error) => writeFile(log, `FAILED\n${e.message}`),
    );
  }

  await rm(SUBPATH_DIST, { recursive: true, force: true });
  await mkdir(SUBPATH_DIST, { recursive: true });
  await buildSite({ outDir: SUBPATH_DIST, basePath: '/gk/ndbg/' });
  await rm(SHARDED_CONTENT, { recursive: true, force: true });
  for (const r of generateCorpus(130, 5)) {
    await mkdir(path.dirname(path.join(SHARDED_CONTENT, r.path)), { recursive: true });
    await writeFile(path.join(SHARDED_CONTENT, r.path), r.content);
  }
  await rm(SHARDED_DIST, { recursive: true, force: true });
  await buildSite({ outDir: SHARDED_DIST, contentDir: SHARDED_CONTENT, env: { SEARCH_SHARD_SIZE: String(SHARD_SIZE) } });

  await rm(INCREMENTAL_CONTENT, { recursive: true, force: true });
  await rm(INCREMENTAL_DIST, { recursive: true, force: true });
  await rm(FULL_DIST, { recursive: true, force: true });
  const corpus = [...generateCorpus(40, 11)];
  for (const r of corpus) {
    await mkdir(path.dirname(path.join(INCREMENTAL_CONTENT, r.path)), { recursive: true });
    await writeFile(path.join(INCREMENTAL_CONTENT, r.path), r.content);
  }
  await buildSite({ outDir: INCREMENTAL_DIST, contentDir: INCREMENTAL_CONTENT });
  const sorted = corpus.map((r) => r.path).sort();
  await appendFile(path.join(INCREMENTAL_CONTENT, sorted[0]!), '\n本段为增量构建测试所加：核对增量构建。\n');
  await rm(path.join(INCREMENTAL_CONTENT, sorted[9]!));
  // a corrected figure: its town, county, year and check pages change, the others' do not
  const figured = sorted.slice(10).find((f) => /natural: \d+/.test(corpus.find((r) => r.path === f)!.content))!;
  const before = await readFile(path.join(INCREMENTAL_CONTENT, figured), 'utf8');
  await writeFile(path.join(INCREMENTAL_CONTENT, figured), before.replace(/natural: (\d+)/, (_m, n: string) => `natural: ${Number(n) + 1}`));
  // the record cache damaged: one record cut short, one another report's (both must be missed, not used)
  const records = recordCacheDir(ROOT, `${path.resolve(INCREMENTAL_DIST)}/`);
  const changed = new Set([sorted[0]!, sorted[9]!, figured].map((f) => f.replace(/\.md$/, '')));
  const unchanged: string[] = [];
  for (const n of (await readdir(records)).sort()) {
    if (n.endsWith('.json') && !changed.has((JSON.parse(await readFile(path.join(records, n), 'utf8')) as { id: string }).id)) unchanged.push(n);
  }
  await writeFile(path.join(records, unchanged[0]!), (await readFile(path.join(records, unchanged[0]!), 'utf8')).slice(0, 100));
  await writeFile(path.join(records, unchanged[1]!), await readFile(path.join(records, unchanged[2]!)));
  await writeFile(INCREMENTAL_LOG, await buildSite({ outDir: INCREMENTAL_DIST, contentDir: INCREMENTAL_CONTENT }));
  await buildSite({ outDir: FULL_DIST, contentDir: INCREMENTAL_CONTENT, env: { NIANBAO_FULL_BUILD: '1' } });

  // a build killed at any point, then an incremental build: the result must be a full build's
  await rm(INTERRUPTED_DIST, { recursive: true, force: true });
  await rm(INTERRUPTED_FULL_DIST, { recursive: true, force: true });
  await buildSite({ outDir: INTERRUPTED_DIST, contentDir: INCREMENTAL_CONTENT });
  const kills: string[] = [];
  // the first kill follows a complete build, so that build is incremental and logs its sweep; after a kill the cache is gone and the next is full
  const points = [/report pages unchanged and kept/, /generating static routes/, /\/reports\/[^\n]*index\.html/, /nianbao:search-index\]/, /by-review\/index\.html/];
  for (const [k, marker] of points.entries()) {
    await appendFile(path.join(INCREMENTAL_CONTENT, sorted[2 + k]!), `\n本段为中断构建测试所加：第${k + 1}处修改。\n`);
    const r = await buildKilledAt({ outDir: INTERRUPTED_DIST, contentDir: INCREMENTAL_CONTENT }, marker);
    kills.push(`${marker}: ${r.killed ? 'killed' : 'finished before the marker'}`);
  }
  const after = await buildSite({ outDir: INTERRUPTED_DIST, contentDir: INCREMENTAL_CONTENT });
  await writeFile(INTERRUPTED_LOG, `${kills.join('\n')}\n---\n${after}`);
  await buildSite({ outDir: INTERRUPTED_FULL_DIST, contentDir: INCREMENTAL_CONTENT, env: { NIANBAO_FULL_BUILD: '1' } });

  // search caching: v1 is INTERRUPTED_FULL_DIST; v2 adds reports of towns sorted among the others
  await rm(CACHE_V2_CONTENT, { recursive: true, force: true });
  await cp(INCREMENTAL_CONTENT, CACHE_V2_CONTENT, { recursive: true });
  let added = 0;
  for (const r of generateCorpus(60, 23)) {
    const dest = path.join(CACHE_V2_CONTENT, r.path);
    if (added >= 4 || (await readFile(dest, 'utf8').then(() => true, () => false))) continue;
    await mkdir(path.dirname(dest), { recursive: true });
    await writeFile(dest, r.content);
    added++;
  }
  await rm(CACHE_V2_DIST, { recursive: true, force: true });
  await buildSite({ outDir: CACHE_V2_DIST, contentDir: CACHE_V2_CONTENT, env: { NIANBAO_FULL_BUILD: '1' } });

  // redirects: a real entry beside a reports folder
  await rm(REDIRECT_ROOT, { recursive: true, force: true });
  await cp(path.join(ROOT, 'content/reports'), path.join(REDIRECT_ROOT, 'reports'), { recursive: true });
  await writeFile(path.join(REDIRECT_ROOT, 'redirects.yml'), `# moved report\n${REDIRECT_FROM}: ${REDIRECT_TO}\n`);
  // and one report as awkward as the validator allows, for the search records (tests/build/search-records.test.ts)
  const tricky = path.join(REDIRECT_ROOT, 'reports', `${TRICKY_ID}.md`);
  if (existsSync(tricky)) throw new Error(`the archive already has ${TRICKY_ID}`);
  await mkdir(path.dirname(tricky), { recursive: true });
  await writeFile(tricky, trickyReport(await readFile(path.join(ROOT, 'content/reports/fuyuan-hanconggou/2020.md'), 'utf8')));
  await rm(REDIRECT_DIST, { recursive: true, force: true });
  await buildSite({ outDir: REDIRECT_DIST, contentDir: path.join(REDIRECT_ROOT, 'reports') });
}
