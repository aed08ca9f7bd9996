/** The archivist's and administrator's files in dist/, checked against content/. */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { DIST, ROOT } from '../helpers/build.ts';
import { readContent } from '../helpers/content.ts';

const reports = readContent();
const read = (p: string) => readFileSync(path.join(DIST, p), 'utf8');

describe('report pages for archivists', () => {
  it.each(reports.map((r) => [r.id, r] as const))('%s: history, provenance, downloads, citation, metadata', (id, r) => {
    const $ = cheerio.load(read(`reports/${id}/index.html`));
    expect($('#history h2').text()).toBe('修订历史');
    expect($('#history').text()).toMatch(/最后更新|暂无修订记录|浅克隆|不在 git 仓库/);
    expect($('#source').text()).toContain(r.data.source.sha256);
    expect(read(`reports/${id}/report.md`)).toBe(readFileSync(r.file, 'utf8'));
    const json = JSON.parse(read(`reports/${id}/report.json`));
    expect(json.title).toBe(r.data.title);
    expect($('#citation-text').text()).toMatch(new RegExp(`${r.data.title}\\[R/OL\\]\\. .*\\[\\d{4}-\\d{2}-\\d{2}\\]\\. /reports/${id}/\\.$`));
    expect($('meta[name="DCTERMS.title"]').attr('content')).toBe(r.data.title);
    expect($('meta[name="DCTERMS.creator"]').attr('content')).toBe(r.data.agency);
    const ld = JSON.parse($('script[type="application/ld+json"]').text());
    expect(ld[0]).toMatchObject({ '@type': 'Report', name: r.data.title, publisher: { '@type': 'GovernmentOrganization', name: r.data.agency } });
    expect(ld[1]['@type']).toBe('BreadcrumbList');
  });
});

describe('site files', () => {
  it('manifest lists every content file and every original the archive holds, with its sha256', () => {
    const m = read('data/manifest-sha256.txt');
    for (const r of reports) {
      expect(m).toContain(`  ${path.relative(ROOT, r.file)}`);
      expect(m).toContain(`${r.data.source.sha256}  content/sources/${r.id}${path.extname(r.data.source.file).toLowerCase()}`);
    }
    // only what the archive holds: no line for an original that is not there
    for (const line of m.trim().split('\n')) expect(existsSync(path.join(ROOT, line.slice(66))), line).toBe(true);
    expect(m.trim().split('\n').every((l) => /^[0-9a-f]{64}  \S+$/.test(l))).toBe(true);
    // and it verifies as it says
    expect(execFileSync('sha256sum', ['-c', path.join(DIST, 'data/manifest-sha256.txt')], { cwd: ROOT }).toString()).not.toMatch(/FAILED/);
  });
  it('下载原件: every original is served with the bytes its sha256 records, and the page links it with its kind and size', () => {
    for (const r of reports) {
      const rel = `sources/${r.id}${path.extname(r.data.source.file).toLowerCase()}`;
      const bytes = readFileSync(path.join(DIST, rel));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(r.data.source.sha256);
      const page = read(`reports/${r.id}/index.html`);
      const link = cheerio.load(page)(`a[href="/${rel}"]`);
      expect(link.length, r.id).toBe(1);
      expect(link.text()).toMatch(new RegExp(`下载原件（文本，${(bytes.length / 1024).toFixed(1)} KB）`));
    }
  });
  it('Atom feed, sitemap and robots.txt', () => {
    const feed = cheerio.load(read('feed.xml'), { xml: true });
    expect(feed('entry').filter((_, el) => feed(el).find('category[term="correction"]').length === 0).length).toBe(reports.length);
    expect(feed('entry title').toArray().map((e) => feed(e).text()).filter((t) => !t.startsWith('数据更正：')).sort()).toEqual(reports.map((r) => r.data.title).sort());
    const sitemap = read('sitemap.xml');
    for (const r of reports) expect(sitemap).toContain(`/reports/${r.id}/</loc>`);
    expect(read('robots.txt')).toMatch(/^User-agent: \*/);
  });
  it('web.config and .htaccess are in the output', () => {
    expect(read('web.config')).toContain('fileExtension=".bin"');
    expect(read('.htaccess')).toContain('DirectoryIndex index.html');
  });
});
