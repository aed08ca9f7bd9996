/**
 * npm run shards -- <command>: build a national archive as shards on several machines.
 *
 *   plan --out DIR [--by province|city]   copy each shard's reports (and their originals and
 *                                          redirects) to DIR/<shard>/reports; write DIR/shards.json
 *   env NAME --plan DIR [--base /gk/ndbg/] print the shard's build settings as KEY=value lines
 *                                          (append them to $GITHUB_ENV, or `export` them)
 *   join --plan DIR --from BUILT --out SITE [--base /]
 *                                          put every shard's build (BUILT/<shard>/) under
 *                                          SITE/<shard>/ and write SITE/index.html listing them
 *
 * Each shard is an ordinary `npm run build`; see README "Building an archive as shards".
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { planShards, shardEnv, ShardPlanError, type Shard, type ShardBy, type ShardReport } from '../src/lib/build/shards.ts';
import { originalRel, sourcesDir } from '../src/lib/originals.ts';
import { contentDir } from '../src/lib/paths.ts';
import { parseRedirects, redirectsFile } from '../src/lib/redirects.ts';
import { readFrontmatter } from '../src/lib/report/frontmatter.ts';

const PLAN_FILE = 'shards.json';
interface PlanFile {
  by: ShardBy;
  shards: { name: string; label: string; reports: number }[];
}

const fail = (message: string): never => {
  console.error(`shards: ${message}`);
  process.exit(1);
};

const [command, ...rest] = process.argv.slice(2);
const { values, positionals } = parseArgs({
  args: rest,
  allowPositionals: true,
  options: { out: { type: 'string' }, by: { type: 'string', default: 'province' }, plan: { type: 'string' }, base: { type: 'string', default: '/' }, from: { type: 'string' } },
});

async function readPlan(dir: string | undefined): Promise<{ dir: string; plan: PlanFile }> {
  if (!dir) return fail('--plan DIR is required (the folder `npm run shards -- plan --out DIR` wrote)');
  const file = path.join(dir, PLAN_FILE);
  if (!existsSync(file)) return fail(`${file} not found: run \`npm run shards -- plan --out ${dir}\` first`);
  return { dir, plan: JSON.parse(await readFile(file, 'utf8')) as PlanFile };
}

async function plan() {
  const out = values.out ?? fail('--out DIR is required');
  const by = values.by as ShardBy;
  if (by !== 'province' && by !== 'city') fail(`--by ${by}: expected province or city`);
  // the same safety as gen:corpus: only a folder this command made is ever replaced
  if (existsSync(out) && (await readdir(out)).length > 0 && !existsSync(path.join(out, PLAN_FILE))) {
    fail(`${out} holds files and was not made by \`shards plan\` (no ${PLAN_FILE}); nothing was deleted. Choose an empty or new folder.`);
  }
  const dir = contentDir();
  const reports: (ShardReport & { sourceFile?: string })[] = [];
  for (const town of (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    for (const name of (await readdir(path.join(dir, town))).filter((n) => n.endsWith('.md')).sort()) {
      const rel = `${town}/${name}`;
      const fm = readFrontmatter(await readFile(path.join(dir, rel), 'utf8'));
      if (!fm.ok) fail(`${path.join(dir, rel)}:${fm.error.line}  ${fm.error.message} (run npm run check)`);
      const d = (fm.ok ? fm.value.data : {}) as { province?: unknown; city?: unknown; source?: { file?: unknown } };
      if (typeof d.province !== 'string' || !d.province) fail(`${path.join(dir, rel)}: province is empty (run npm run check)`);
      reports.push({ rel, province: d.province as string, city: typeof d.city === 'string' && d.city ? d.city : undefined, ...(typeof d.source?.file === 'string' ? { sourceFile: d.source.file } : {}) });
    }
  }
  let shards: Shard[] = [];
  try {
    shards = planShards(reports, by);
  } catch (e) {
    if (e instanceof ShardPlanError) fail(e.message);
    throw e;
  }
  await rm(out, { recursive: true, force: true });
  const redirectsText = existsSync(redirectsFile()) ? await readFile(redirectsFile(), 'utf8') : '';
  const redirects = redirectsText ? parseRedirects(redirectsText) : {};
  const bySource = new Map(reports.map((r) => [r.rel, r.sourceFile]));
  for (const s of shards) {
    const root = path.join(out, s.name);
    for (const rel of s.reports) {
      await mkdir(path.dirname(path.join(root, 'reports', rel)), { recursive: true });
      await cp(path.join(dir, rel), path.join(root, 'reports', rel));
      const id = rel.replace(/\.md$/, '');
      const original = bySource.get(rel) && originalRel(id, bySource.get(rel)!);
      const held = original && path.join(path.dirname(sourcesDir()), original);
      if (held && existsSync(held)) {
        await mkdir(path.dirname(path.join(root, original)), { recursive: true });
        await cp(held, path.join(root, original));
      }
    }
    // an old URL stays with the shard that holds the report it now points to
    const ids = new Set(s.reports.map((r) => r.replace(/\.md$/, '')));
    const mine = Object.entries(redirects).filter(([, to]) => ids.has(to));
    if (mine.length) await writeFile(path.join(root, 'redirects.yml'), `${mine.map(([from, to]) => `${from}: ${to}`).join('\n')}\n`);
  }
  const file: PlanFile = { by, shards: shards.map((s) => ({ name: s.name, label: s.label, reports: s.reports.length })) };
  await writeFile(path.join(out, PLAN_FILE), `${JSON.stringify(file, null, 2)}\n`);
  for (const s of file.shards) console.log(`${s.name}\t${s.label}\t${s.reports} reports`);
  console.log(`${file.shards.length} shards in ${out}; build each with: npm run shards -- env <name> --plan ${out} >> $GITHUB_ENV && npm run build`);
}

async function env() {
  const name = positionals[0] ?? fail('env NAME: which shard (see shards.json)');
  const { dir, plan: p } = await readPlan(values.plan);
  const shards: Shard[] = p.shards.map((s) => ({ ...s, reports: [] }));
  try {
    const vars = shardEnv(shards, name, path.resolve(dir, name, 'reports'), values.base);
    for (const [k, v] of Object.entries(vars)) console.log(`${k}=${v}`);
  } catch (e) {
    if (e instanceof ShardPlanError) fail(e.message);
    throw e;
  }
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

async function join() {
  const { plan: p } = await readPlan(values.plan);
  const from = values.from ?? fail('--from BUILT is required: the folder holding each shard\'s build as BUILT/<shard>/');
  const out = values.out ?? fail('--out SITE is required');
  const missing = p.shards.filter((s) => !existsSync(path.join(from, s.name, 'index.html')));
  if (missing.length) fail(`no build for ${missing.map((s) => `${s.name} (${from}/${s.name}/index.html)`).join(', ')}: build every shard before joining`);
  if (existsSync(out) && (await readdir(out)).length > 0) fail(`${out} is not empty: join writes a new folder`);
  for (const s of p.shards) await cp(path.join(from, s.name), path.join(out, s.name), { recursive: true });
  const items = p.shards.map((s) => `<li><a href="./${s.name}/">${escapeHtml(s.label)}</a>（${s.reports}份报告）</li>`).join('\n');
  await writeFile(
    path.join(out, 'index.html'),
    `<!doctype html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="renderer" content="webkit">\n<title>政府信息公开工作年度报告库</title>\n</head>\n<body>\n<h1>政府信息公开工作年度报告库</h1>\n<p>按地区分站；每个分站的检索都覆盖全部分站。</p>\n<ul>\n${items}\n</ul>\n</body>\n</html>\n`,
  );
  console.log(`joined ${p.shards.length} shards into ${out}`);
}

if (command === 'plan') await plan();
else if (command === 'env') await env();
else if (command === 'join') await join();
else fail(`unknown command "${command ?? ''}": expected plan, env or join (see scripts/shards.ts)`);
