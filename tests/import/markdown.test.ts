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
