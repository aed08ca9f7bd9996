import { execFile } from 'node:child_process';
import { cp, mkdtemp, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { ROOT } from '../helpers/build.ts';

const run = promisify(execFile);
const check = (contentDir: string, args: string[] = []) =>
  run(path.join(ROOT, 'node_modules/.bin/node'), [path.join(ROOT, 'scripts/check.ts'), ...args], {
    cwd: path.dirname(contentDir),
    env: { ...process.env, CONTENT_DIR: contentDir },
  }).then(
    (r) => ({ code: 0, out: r.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
  );

async function archive() {
  const dir = path.join(await mkdtemp(path.join(tmpdir(), 'nianbao-check-')), 'reports');
  await cp(path.join(ROOT, 'content/reports'), dir, { recursive: true });
  return dir;
}

it('passes the real archive', async () => {
  const r = await check(path.join(ROOT, 'content/reports'));
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/checked \d+ reports .*0 errors/);
});

it('names file, line and field of each error; exit 1', async () => {
  const dir = await archive();
  const f = path.join(dir, 'fuyuan-hanconggou/2020.md');
  const text = await readFile(f, 'utf8');
  const g = path.join(dir, 'yongji-yilaxi/2014.md');
  const gtext = (await readFile(g, 'utf8')).replace('published: 2016-01-29', 'published: 2099-01-01');
  await writeFile(g, gtext);
  // a second copy of the same town and year under a wrong folder
  await mkdir(path.join(dir, 'wrong-folder'), { recursive: true });
  await writeFile(path.join(dir, 'wrong-folder/2020.md'), text);
  const h = path.join(dir, 'meihekou-shuguang/2018.md');
  const typo = (await readFile(h, 'utf8')).replace(/sha256: [0-9a-f]+/, 'sha256: XYZ').replace('agency: 曙光镇人民政府', 'agency: 曙光镇人民政府\nagencey: typo');
  await writeFile(h, typo);
  const r = await check(dir);
  expect(r.code).toBe(1);
  const lineOf = (t: string, prefix: string) => t.split('\n').findIndex((l) => l.startsWith(prefix)) + 1;
  expect(r.out).toContain(`line ${lineOf(typo, 'agencey:')}  error    agencey: unknown key "agencey" in the frontmatter`);
  expect(r.out).toContain(`line ${lineOf(gtext, 'published:')}  error    published: published 2099-01-01 is in the future`);
  expect(r.out).toMatch(/meihekou-shuguang\/2018\.md\n[\s\S]*source\.sha256: expected a sha256/);
  expect(r.out).toMatch(/寒葱沟镇 2020 is in the archive more than once/);
  const json = JSON.parse((await check(dir, ['--json'])).out) as { findings: { file: string; field?: string; message: string }[] };
  expect(json.findings.some((x) => x.file.endsWith('wrong-folder/2020.md') && /give the slug "fuyuan-hanconggou"/.test(x.message))).toBe(true);
});

it('broken arithmetic is a warning only: exit 0', async () => {
  const dir = await archive();
  const f = path.join(dir, 'fuyuan-hanconggou/2020.md');
  const text = await readFile(f, 'utf8');
  await writeFile(f, text.replace('received: { natural: 0,', 'received: { natural: 3,'));
  const r = await check(dir);
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/warning +stats: 勾稽关系不符/);
});

it('a moved report without its redirect target is reported', async () => {
  const dir = await archive();
  await rename(path.join(dir, 'yongji-yilaxi'), path.join(dir, 'yongji-yilaxizhen'));
  const r = await check(dir);
  expect(r.code).toBe(1);
  expect(r.out).toMatch(/move the file to yongji-yilaxi\/2014\.md \(and add a redirect\)/);
});
