import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gbt7714 } from '../../src/lib/citation.ts';
import { readHistory, revisionsOf } from '../../src/lib/git-history.ts';
import { manifest } from '../../src/lib/manifest.ts';
import { parseRedirects } from '../../src/lib/redirects.ts';
import { htaccess, webConfig } from '../../src/lib/hosting/server-config.ts';
import type { ReportData } from '../../src/lib/schema.ts';
import { ROOT } from '../helpers/build.ts';

const tmp = () => mkdtemp(path.join(tmpdir(), 'nianbao-arch-'));

describe('git history', () => {
  async function repo() {
    const dir = await tmp();
    const git = (args: string[], date?: string) =>
      execFileSync('git', args, {
        cwd: dir,
        env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x', ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}) },
      }).toString();
    git(['init', '-q', '-b', 'main']);
    await mkdir(path.join(dir, 'content/reports/old-slug'), { recursive: true });
    await writeFile(path.join(dir, 'content/reports/old-slug/2019.md'), 'a\n'.repeat(20));
    git(['add', '.']);
    git(['commit', '-qm', 'Import 2019'], '2020-01-05T10:00:00Z');
    await writeFile(path.join(dir, 'content/reports/old-slug/2019.md'), 'a\n'.repeat(19) + 'b\n');
    git(['commit', '-qam', 'Fix a figure'], '2020-02-01T10:00:00Z');
    await mkdir(path.join(dir, 'content/reports/new-slug'));
    git(['mv', 'content/reports/old-slug/2019.md', 'content/reports/new-slug/2019.md']);
    git(['commit', '-qm', 'Rename town'], '2021-03-01T10:00:00Z');
    await writeFile(path.join(dir, 'content/reports/new-slug/2020.md'), 'x\n');
    git(['add', '.']);
    git(['commit', '-qm', 'Import 2020'], '2021-04-01T10:00:00Z');
    return { dir, git };
  }

  it('lists each file’s revisions newest first and follows renames, from one git call', async () => {
    const { dir } = await repo();
    const h = readHistory(path.join(dir, 'content/reports'));
    expect(h.available).toBe(true);
    const revs = revisionsOf(h, path.join(dir, 'content/reports/new-slug/2019.md'));
    expect(revs.map((r) => [r.date.slice(0, 10), r.subject])).toEqual([
      ['2021-03-01', 'Rename town'],
      ['2020-02-01', 'Fix a figure'],
      ['2020-01-05', 'Import 2019'],
    ]);
    expect(revs[0]!.short).toMatch(/^[0-9a-f]{7,}$/);
    expect(revisionsOf(h, path.join(dir, 'content/reports/new-slug/2020.md')).map((r) => r.subject)).toEqual(['Import 2020']);
  });

  it('says history is unavailable in a shallow clone or outside git', async () => {
    const { dir } = await repo();
    const shallow = await tmp();
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${dir}`, shallow]);
    const h = readHistory(path.join(shallow, 'content/reports'));
    expect(h.available).toBe(false);
    expect(!h.available && h.reason).toMatch(/浅克隆/);
    const plain = await tmp();
    expect(readHistory(plain).available).toBe(false);
  });
});

describe('citation, manifest, redirects, server files', () => {
  const data: ReportData = {
    title: '毛城子镇人民政府2019年政府信息公开工作年度报告',
    town: '毛城子镇',
    county: '公主岭市',
    year: 2019,
    agency: '毛城子镇人民政府',
    date: '2020-02-25',
    format: 'free',
    source: { file: 'a.txt', sha256: 'a'.repeat(64) },
  };
  it('GB/T 7714-2015 reference for an online report', () => {
    expect(gbt7714(data, 'http://example.gov.cn/reports/gongzhuling-maochengzi/2019/', '2026-11-22')).toBe(
      '公主岭市毛城子镇人民政府. 毛城子镇人民政府2019年政府信息公开工作年度报告[R/OL]. (2020-02-25)[2026-11-22]. http://example.gov.cn/reports/gongzhuling-maochengzi/2019/.',
    );
  });

  it('the manifest verifies with sha256sum -c, content files and sources alike', async () => {
    const dir = await tmp();
    await cp(path.join(ROOT, 'content'), path.join(dir, 'content'), { recursive: true });
    const files = ['fuyuan-hanconggou/2020.md', 'yongji-yilaxi/2014.md'];
    const contentFiles = await Promise.all(files.map(async (f) => ({ path: `content/reports/${f}`, bytes: new Uint8Array(await readFile(path.join(dir, 'content/reports', f))) })));
    const text = manifest({
      contentFiles,
      // the sha256 the report records for its original (content/sources/…), written here by hand from the seed's README check
      originals: [{ path: 'content/sources/fuyuan-hanconggou/2020.txt', sha256: '28ecc2033c773e6011e4d4ce5f03364755d5ac1520a5cd9117b941eddb871cec' }],
    });
    await writeFile(path.join(dir, 'manifest.txt'), text);
    const out = execFileSync('sha256sum', ['-c', 'manifest.txt'], { cwd: dir }).toString();
    expect(out.trim().split('\n')).toHaveLength(3);
    await writeFile(path.join(dir, 'content/reports/fuyuan-hanconggou/2020.md'), 'changed');
    expect(() => execFileSync('sha256sum', ['-c', 'manifest.txt'], { cwd: dir, stdio: 'pipe' })).toThrow();
  });

  it('redirects: one line per moved report, bad lines named', () => {
    expect(parseRedirects('# moved\nold-slug/2019: new-slug/2019\n')).toEqual({ 'old-slug/2019': 'new-slug/2019' });
    expect(parseRedirects('')).toEqual({});
    expect(() => parseRedirects('old/2019: new-slug/2019')).toThrow(/expected "old-slug\/year: new-slug\/year"/);
  });

  it('web.config and .htaccess give every file type of the output (search index .bin included) a MIME type and the 404 page under the base path', () => {
    const iis = webConfig('/gk/ndbg/');
    for (const ext of ['.bin', '.js', '.css', '.svg', '.json', '.csv', '.md', '.xml']) {
      expect(iis).toContain(`<mimeMap fileExtension="${ext}"`);
      expect(iis).toContain(`<remove fileExtension="${ext}" />`);
      expect(htaccess('/gk/ndbg/')).toMatch(new RegExp(`AddType \\S+ \\${ext}\\n`));
    }
    expect(iis).toContain('<add value="index.html" />');
    expect(iis).toContain('path="/gk/ndbg/404.html"');
    expect(htaccess('/gk/ndbg/')).toContain('ErrorDocument 404 /gk/ndbg/404.html');
    expect(iis).toContain("script-src &apos;self&apos;".replace(/&apos;/g, "'"));
  });
});

describe('npm run package', () => {
  it('writes a zip and a tar.gz of the built site that SHA256SUMS verifies', async () => {
    const out = await tmp();
    execFileSync(path.join(ROOT, 'node_modules/.bin/node'), [path.join(ROOT, 'scripts/package.ts'), '--out', out], { cwd: ROOT });
    expect(execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: out }).toString()).toMatch(/\.zip: OK\n.*\.tar\.gz: OK/);
    const listing = execFileSync('tar', ['tzf', (await import('node:fs')).readdirSync(out).find((f) => f.endsWith('.tar.gz'))!], { cwd: out }).toString();
    expect(listing).toMatch(/^nianbao-site-\d{4}-\d{2}-\d{2}\/index\.html$/m);
    expect(listing).toMatch(/\/search-index\/parts\.json$/m);
    expect(listing).toMatch(/\/search-index\/0-[0-9a-f]{12}\/part\.bin$/m);
  });
});

describe('originals', () => {
  it('a saved web page is offered as .html.txt, never served as HTML from the site', async () => {
    const { originalOf } = await import('../../src/lib/originals.ts');
    const { mkdtemp, mkdir, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const root = await mkdtemp(path.join(tmpdir(), 'nianbao-originals-'));
    await mkdir(path.join(root, 'content/reports/a-b'), { recursive: true });
    await mkdir(path.join(root, 'content/sources/a-b'), { recursive: true });
    await writeFile(path.join(root, 'content/sources/a-b/2020.html'), '<script>alert(1)</script>');
    await writeFile(path.join(root, 'content/sources/a-b/2021.pdf'), '%PDF-1.4');
    expect(originalOf('a-b/2020', '页面.HTML', root)).toMatchObject({ rel: 'sources/a-b/2020.html', siteRel: 'sources/a-b/2020.html.txt', kind: '网页', bytes: 25 });
    expect(originalOf('a-b/2021', 'x.pdf', root)).toMatchObject({ siteRel: 'sources/a-b/2021.pdf', kind: 'PDF' });
    expect(originalOf('a-b/2022', 'x.pdf', root)).toBeUndefined();
    expect(originalOf('a-b/2021', 'x.exe', root)).toBeUndefined();
  });
});
