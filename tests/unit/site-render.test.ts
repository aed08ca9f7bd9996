import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderMarkdown, stripFrontmatter } from '../../src/lib/site/render-body.ts';
import { readFrontmatter, splitFrontmatter } from '../../src/lib/report/frontmatter.ts';
import { generateCorpus } from '../../src/lib/corpus/generate.ts';
import { ROOT } from '../helpers/build.ts';
import { neighbourMap, neighbours, type ReportSummary } from '../../src/lib/site/reports.ts';

describe('report body rendering', () => {
  it('blanks the frontmatter, split by the one reader, keeping every line', () => {
    const text = '---\ntitle: 报告\nyear: 2020\n---\n\n## 一、总体情况\n\n正文。\n';
    const body = stripFrontmatter(text);
    expect(body.split('\n')).toHaveLength(text.split('\n').length);
    expect(body).not.toContain('title');
    expect(body.endsWith('## 一、总体情况\n\n正文。\n')).toBe(true);
  });

  it('splits the body off as the one reader does, without reading the YAML', () => {
    const dir = path.join(ROOT, 'content/reports');
    const real = readdirSync(dir).flatMap((t) => readdirSync(path.join(dir, t)).map((f) => readFileSync(path.join(dir, t, f), 'utf8')));
    const shapes = ['---\na: 1\n---\n', '---\na: 1\n---', '---  \r\na: 1\r\n---\r\n\r\n正文\r\n', '\uFEFF---\na: |\n  x\n  ---\n---\n---\n正文\n', '---\n---\n正文\n'];
    const texts = [...real, ...[...generateCorpus(60, 3)].map((r) => r.content), ...real.map((t) => `\uFEFF${t.replace(/\n/g, '\r\n')}`), ...shapes];
    for (const text of texts) {
      const r = readFrontmatter(text);
      expect(r.ok, text.slice(0, 60)).toBe(true);
      if (r.ok) expect(splitFrontmatter(text)).toEqual({ body: r.value.body, bodyLine: r.value.bodyLine });
    }
    expect(splitFrontmatter('正文\n')).toBeUndefined();
    expect(splitFrontmatter('---\na: 1\n')).toBeUndefined();
  });

  it('refuses what the one reader refuses (a ---js engine, no frontmatter)', () => {
    expect(() => stripFrontmatter('正文\n')).toThrow(/no YAML frontmatter/);
    expect(() => stripFrontmatter('---js\n{}\n---\n正文\n')).toThrow(/only YAML frontmatter/);
  });

  it('renders headings with ids and returns them', async () => {
    const { html, headings } = await renderMarkdown(stripFrontmatter('---\na: 1\n---\n## 二、主动公开政府信息情况\n\n文字\n'));
    expect(html).toContain('<h2 id="二主动公开政府信息情况">二、主动公开政府信息情况</h2>');
    expect(headings).toEqual([{ depth: 2, slug: '二主动公开政府信息情况', text: '二、主动公开政府信息情况' }]);
  });
});

describe('neighbourMap', () => {
  const r = (id: string, year: number) => ({ id, townSlug: id.split('/')[0]!, year }) as ReportSummary;
  const all = [r('a/2021', 2021), r('b/2020', 2020), r('a/2019', 2019), r('a/2020', 2020), r('b/2022', 2022)];

  it('gives each report the same prev/next as a per-report lookup', () => {
    const map = neighbourMap(all);
    for (const x of all) expect(map.get(x.id)).toEqual(neighbours(all, x.id));
    expect(map.get('a/2020')).toEqual({ prev: all[2], next: all[0] });
    expect(map.get('b/2022')).toEqual({ prev: all[1] });
  });
});
