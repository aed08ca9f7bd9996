/**
 * The search index builds each report's record from its data (recordFromReport); the page reader
 * (recordFromHtml) is the truth of what the built page shows. For every report page of the built
 * sites the two must be equal: the archive (at / and under /gk/ndbg/), two generated archives and
 * the archive with a redirect and one report as awkward as the validator allows
 * (tests/fixtures/tricky-report.ts). Raw HTML, which the
 * validator refuses (so no built page has it) but the renderer still shows as text, is put into a
 * built page's text in place of its own.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFrontmatter } from '../../src/lib/report/frontmatter.ts';
import { parseReport, type ReportData } from '../../src/lib/schema.ts';
import { recordFromHtml, type SearchRecord } from '../../src/lib/search/records.ts';
import { recordFromReport } from '../../src/lib/search/report-record.ts';
import { renderBody, renderMarkdown } from '../../src/lib/site/render-body.ts';
import { DIST, ROOT } from '../helpers/build.ts';
import { INCREMENTAL_CONTENT, INTERRUPTED_DIST, REDIRECT_DIST, REDIRECT_ROOT, SHARDED_CONTENT, SHARDED_DIST, SUBPATH_DIST } from '../helpers/global-setup.ts';
import { TRICKY_ID } from '../fixtures/tricky-report.ts';

const ARCHIVE = path.join(ROOT, 'content/reports');
const REDIRECT_CONTENT = path.join(REDIRECT_ROOT, 'reports');

/** The report's data as the one reader and the schema give it. */
function dataOf(file: string): ReportData {
  const fm = readFrontmatter(readFileSync(file, 'utf8'));
  if (!fm.ok) throw new Error(`${file}: ${fm.error.message}`);
  const parsed = parseReport(fm.value.data);
  if (!parsed.ok) throw new Error(`${file}: ${parsed.issues.map((i) => i.message).join('; ')}`);
  return parsed.data;
}

const reportIds = (content: string) =>
  readdirSync(content, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
    .flatMap((d) => readdirSync(path.join(content, d.name)).filter((f) => f.endsWith('.md')).map((f) => `${d.name}/${f.slice(0, -3)}`))
    .sort();

/** Every page of dist/reports that is a report (a redirect page has no searchable region). */
function pageRecords(dist: string): Map<string, SearchRecord> {
  const out = new Map<string, SearchRecord>();
  const dir = path.join(dist, 'reports');
  for (const town of readdirSync(dir)) {
    for (const year of readdirSync(path.join(dir, town))) {
      const file = path.join(dir, town, year, 'index.html');
      const r = existsSync(file) ? recordFromHtml(readFileSync(file, 'utf8')) : undefined;
      if (r) out.set(`${town}/${year}`, r);
    }
  }
  return out;
}

async function fromData(content: string, id: string): Promise<SearchRecord> {
  const file = path.join(content, `${id}.md`);
  return recordFromReport(id, dataOf(file), (await renderBody(file)).html);
}

const SITES: [string, string, string][] = [
  ['the archive', DIST, ARCHIVE],
  ['the archive under /gk/ndbg/', SUBPATH_DIST, ARCHIVE],
  ['a generated archive', SHARDED_DIST, SHARDED_CONTENT],
  // built again after builds killed half-way (its content is edited after the incremental build of
  // INCREMENTAL_DIST, whose index tests/build/incremental.test.ts holds byte for byte to a full build's)
  ['a generated archive built again after interrupted builds', INTERRUPTED_DIST, INCREMENTAL_CONTENT],
  ['the archive with a redirect and an awkward report', REDIRECT_DIST, REDIRECT_CONTENT],
];

describe('the record built from the data is the one read from the built page', () => {
  it.each(SITES)('%s: every report', async (_name, dist, content) => {
    const pages = pageRecords(dist);
    const ids = reportIds(content);
    expect([...pages.keys()].sort()).toEqual(ids);
    for (const id of ids) expect(await fromData(content, id), id).toEqual(pages.get(id));
  });

  it('the awkward report is built and reaches the index with its odd text', async () => {
    expect(existsSync(path.join(REDIRECT_DIST, 'reports', TRICKY_ID, 'index.html'))).toBe(true);
    const r = await fromData(REDIRECT_CONTENT, TRICKY_ID);
    // entities and escaped tags are text; a table sits where the page puts it: the section quoted under
    // 二、主动公开… runs to the next level-2 heading, which is inside a list item, after that item's text
    expect(r.text).toContain('<script>alert(1)</script>');
    expect(r.text).toContain('&amp;、中文');
    expect(r.text).toContain('列表里的文字\n第二十条第（一）项\n');
    expect(r.headings).toContain('法定统计表格');
    expect(r.title).toMatch(/^\S+镇 <script>alert\(1\)<\/script> &amp; &lt;2020&gt;年 “报告” {2}"引号"$/);
    // the empty cell is read out as 空
    expect(r.text).toMatch(/一、本年新收政府信息公开申请数量\n空\n/);
  });
});

/** Raw HTML, as the renderer shows it when a file that check refuses is rendered anyway. */
const RAW_BODIES: string[] = [
  '文字<script>alert(1)</script>文字',
  '<img src=x onerror=alert(1)> 说明',
  '<p>raw</p><td>x<h2>y',
  '<table><tr><td>1</td><td>2</td></tr></table>后文',
  '</div></div></article>之后的文字',
  '<!-- 注释 <b>x</b> -->',
  '<textarea></textarea><title>标题</title><style>body{}</style>',
  '<h2>二、主动公开政府信息情况</h2>\n\n正文',
  '<?xml version="1.0"?><![CDATA[x]]>',
  '&notin; &amp &#xZZ; &#0; &unknown; a&b',
  '<a href="javascript:alert(1)">点此</a><br>换行<br/>后<hr>线',
  '<pre>  预排\n  文本  </pre><code>x</code>',
  '<section data-x><div class="report-text">嵌套</div></section>',
  '- 项\n\n  <li>内<li>外\n\n<ul><li>a<li>b</ul>',
];

describe('raw HTML in the text: the record matches the page that shows it', () => {
  // a free-format report, whose region's text is exactly its rendered body (no tables placed in it)
  const id = 'chengbu-changanying/2019';
  const page = readFileSync(path.join(DIST, 'reports', id, 'index.html'), 'utf8');
  const data = dataOf(path.join(ARCHIVE, `${id}.md`));
  const open = '<div class="report-text">';
  const close = '</div></div></article>';
  it('the page is free-format, with its text where it is replaced', () => {
    expect(data.format).toBe('free');
    expect(page.indexOf(open)).toBeGreaterThan(0);
    expect(page.indexOf(close)).toBeGreaterThan(page.indexOf(open));
  });
  it.each(RAW_BODIES)('%s', async (body) => {
    const { html } = await renderMarkdown(body);
    const shown = `${page.slice(0, page.indexOf(open) + open.length)}${html}${page.slice(page.indexOf(close))}`;
    expect(recordFromReport(id, data, html)).toEqual(recordFromHtml(shown));
  });
});
