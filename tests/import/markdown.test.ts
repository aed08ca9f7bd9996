/**
 * Round trip: hostile-looking lines written by the importer's body writer and
 * rendered the way report pages are (renderMarkdown) give back exactly the
 * input text — no lists, rules, fences, entities, raw HTML, emphasis, smart
 * quotes or link literals swallowing the sentence after an address.
 */
import { describe, expect, test } from 'vitest';
import { markdownText } from '../../src/lib/import/markdown.ts';
import { renderMarkdown } from '../../src/lib/site/render-body.ts';

const decode = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();

const LINES = [
  '1) 主动公开文件12件。',
  '1. 这不是一个列表',
  '---',
  '- - -',
  '~~~',
  '```js',
  '&lt;不是实体&gt; 与 &amp; 与 &#20013;',
  '<b>粗体</b>与<img src=x onerror=alert(1)>',
  '*x* 与 _y_ 与 **z** 与 ~~删~~',
  '# 不是标题',
  '> 不是引用',
  '+ 不是列表',
  '=== 不是下划线',
  '[链接](http://evil.example) 与 ![图](x.png)',
  '网址http://a.gov.cn，受理单位：某某镇政务服务中心。',
  '详见 https://www.example.gov.cn/gk/ndbg/2020.html. 其后文字',
  '他说"公开"与\'透明\' -- 以及... 省略',
  '表格 | 竖线 | 文本',
  '反斜杠 \\ 与 \\* 保留',
];

describe('body writer round trip', () => {
  for (const line of LINES) {
    test(JSON.stringify(line), async () => {
      const { html } = await renderMarkdown(markdownText(line) + '\n');
      expect(decode(html)).toBe(line);
    });
  }
  test('a bare address links only the address, not the sentence after it', async () => {
    const { html } = await renderMarkdown(markdownText('网址http://a.gov.cn，受理单位：某某镇。') + '\n');
    expect(html).toMatch(/<a href="http:\/\/a\.gov\.cn">http:\/\/a\.gov\.cn<\/a>，受理单位/);
  });
  test('a line two paragraphs apart from a --- stays two paragraphs, not a setext heading', async () => {
    const { html } = await renderMarkdown(['一行文字', '', markdownText('---')].join('\n') + '\n');
    expect(html).not.toMatch(/<h2|<hr/);
  });
});

describe('non-statutory tables', () => {
  test('a plain table becomes a real table with its cells as written', async () => {
    const { blocksToMarkdown } = await import('../../src/lib/import/markdown.ts');
    const rows = [
      ['公开事项', '条数', '说明'],
      ['财政预决算', '12', '含"三公"经费 | 附表'],
      ['*重点*领域', '3', '--'],
    ];
    const { html } = await renderMarkdown(blocksToMarkdown([{ kind: 'paragraph', text: '附表：' }, { kind: 'table', rows }]));
    expect(html).toMatch(/<table>/);
    const cells = [...html.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) => decode(m[1]!));
    expect(cells).toEqual(rows.flat());
  });
  test('the importer writes a web page table that is not statutory as a table', async () => {
    const { importFile } = await import('../../src/lib/import/index.ts');
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dir = await mkdtemp(path.join(tmpdir(), 'nianbao-table-'));
    const file = path.join(dir, 'page.html');
    await writeFile(
      file,
      `<html><body><div class="content"><h1>寒葱沟镇2016年政府信息公开工作年度报告</h1>
<p>一、概述</p><p>寒葱沟镇人民政府按照条例要求做好政府信息公开工作，全年主动公开信息，接受社会监督。</p>
<p>二、主动公开情况</p><table><tr><td>类别</td><td>条数</td></tr><tr><td>机构职能</td><td>4</td></tr><tr><td>财政资金</td><td>9</td></tr></table>
<p>三、其他</p><p>本年度未收到政府信息公开申请，未发生行政复议和行政诉讼。</p></div></body></html>`,
    );
    const r = await importFile(file, { county: '抚远市' });
    expect(r.error).toBeUndefined();
    const body = r.content!.split('\n---\n')[1]!;
    const { html } = await renderMarkdown(body);
    const cells = [...html.matchAll(/<td[^>]*>([\s\S]*?)<\/td>|<th[^>]*>([\s\S]*?)<\/th>/g)].map((m) => decode(m[1] ?? m[2]!));
    expect(cells).toEqual(['类别', '条数', '机构职能', '4', '财政资金', '9']);
    expect(r.fidelity!.share).toBe(1);
  });
});
