import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { zipSync, strToU8 } from 'fflate';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/lib/import/index.ts';
import { parseReport } from '../../src/lib/schema.ts';
import { flattenReport, randomStats } from '../fixtures/flatten.ts';
import { textPdf } from '../fixtures/make-pdf.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const seeds = path.join(root, 'tests/fixtures/seeds');
const tmp = () => mkdtemp(path.join(tmpdir(), 'nianbao-import-'));
const withoutHash = (s: string) => s.replace(/sha256: [0-9a-f]{64}/, 'sha256: …');

describe('the five seeds', async () => {
  const files = (await readdir(seeds)).filter((f) => f.endsWith('.txt')).sort();
  it.each(files)('%s re-imports byte for byte to the archived file', async (file) => {
    const r = await importFile(path.join(seeds, file));
    expect(r.error).toBeUndefined();
    const archived = await readFile(path.join(root, 'content/reports', r.relPath!), 'utf8');
    expect(r.content).toBe(archived);
    expect(r.fidelity!.share).toBe(1);
  });
  it('寒葱沟镇 2020 has its three tables read completely', async () => {
    const r = await importFile(path.join(seeds, '002_c28d56c9149c07a0.txt'));
    expect(r.data).toMatchObject({ town: '寒葱沟镇', county: '抚远市', year: 2020, format: 'national-2019', province: '黑龙江省' });
    expect(r.tablesFound).toEqual(['proactive', 'applications', 'reviewLitigation']);
    expect(r.cellsRead).toBe(22 + 23 * 7 + 15);
  });
  it('metadata of every seed', async () => {
    const meta = await Promise.all(files.map(async (f) => (await importFile(path.join(seeds, f))).data!));
    expect(meta.map((d) => [d.town, d.county, d.year, d.agency, d.date ?? null, d.published ?? null])).toEqual([
      ['毛城子镇', '公主岭市', 2019, '毛城子镇人民政府', '2020-02-25', null],
      ['一拉溪镇', '永吉县', 2014, '一拉溪镇人民政府', null, '2016-01-29'],
      ['寒葱沟镇', '抚远市', 2020, '寒葱沟镇人民政府', null, null],
      ['曙光镇', '梅河口市', 2018, '曙光镇人民政府', '2018-12-24', null],
      ['长安营镇', '城步苗族自治县', 2019, '长安营镇人民政府', '2020-02-18', null],
    ]);
  });
  it('a damaged date is a warning and a note, never a wrong date', async () => {
    const r = await importFile(path.join(seeds, '001_4932a9cd7c474d68.txt'));
    expect(r.data!.date).toBeUndefined();
    expect(r.warnings.some((w) => w.code === 'meta.date-damaged' && w.message.includes('2015112日'))).toBe(true);
    // the public note is Chinese, not the terminal's English
    expect(r.data!.notes!.filter((n) => n.startsWith('导入提示')).every((n) => !/[A-Za-z]{3,}/.test(n))).toBe(true);
    expect(r.data!.notes!.some((n) => n.includes('登录 注册'))).toBe(true);
  });
});

describe('encodings', () => {
  it('UTF-8, UTF-8 with BOM and GB18030 give the same report', async () => {
    const dir = await tmp();
    const text = await readFile(path.join(seeds, '003_1fe0377d0ff6ac6f.txt'), 'utf8');
    const variants = {
      'a.txt': Buffer.from(text, 'utf8'),
      'b.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
      'c.txt': iconv.encode(text, 'gb18030'),
      'd.txt': iconv.encode(text, 'gbk'),
    };
    const out: string[] = [];
    for (const [name, bytes] of Object.entries(variants)) {
      await writeFile(path.join(dir, name), bytes);
      const r = await importFile(path.join(dir, name));
      out.push(withoutHash(r.content!).replace(/file: \S+/, 'file: x'));
    }
    expect(new Set(out).size).toBe(1);
    const gbk = await importFile(path.join(dir, 'c.txt'));
    expect(gbk.encoding).toBe('gb18030');
  });
});

describe('other source kinds', () => {
  it('a saved portal page: body found inside the chrome, 索引号 and 发布日期 kept', async () => {
    const dir = await tmp();
    const body = (await readFile(path.join(seeds, '004_c0125ad0501ff42e.txt'), 'utf8'))
      .split('\n')
      .map((l) => `<p>${l.replace(/\[bookmark: _GoBack\]/, '')}</p>`)
      .join('\n');
    const html = `<!doctype html><html><head><meta charset="utf-8"><title>城步县人民政府</title><script>var x=1</script></head><body>
<div class="header"><a href="/">首页</a> 政务公开 <a href="#">登录</a></div>
<div class="position">当前位置：首页 &gt; 政府信息公开 &gt; 年度报告</div>
<table class="xxgk"><tr><td>索引号：43052900-1-2020-000123</td><td>发布机构：长安营镇</td></tr><tr><td>发布日期：2020-02-20</td><td>点击数：135</td></tr></table>
<div class="article"><div class="content">${body}</div>
<p>附件：<a href="a.docx">2019年年报.docx</a></p></div>
<div class="print">【打印本页】【关闭窗口】</div>
<div class="footer">主办：城步苗族自治县人民政府 版权所有</div></body></html>`;
    await writeFile(path.join(dir, 'page.html'), html);
    const r = await importFile(path.join(dir, 'page.html'));
    expect(r.error).toBeUndefined();
    expect(r.data).toMatchObject({ town: '长安营镇', year: 2019, indexNo: '43052900-1-2020-000123', published: '2020-02-20' });
    const text = r.content!.split('\n---\n')[1]!;
    expect(text).not.toMatch(/打印本页|点击数|当前位置|版权所有|登录/);
    expect(r.data!.notes!.join('\n')).toMatch(/当前位置/);
    expect(r.content).toContain('## 一、本年度政府信息公开工作的基本情况');
  });

  it('a Word .docx with merged table cells imports the same stats as the text', async () => {
    const stats = randomStats('national-2021', 77);
    const text = flattenReport('national-2021', stats, 'markdown');
    // every | row becomes a Word table row; merged header cells use gridSpan and vMerge
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    const para = (t: string) => `<w:p><w:r><w:t xml:space="preserve">${esc(t)}</w:t></w:r></w:p>`;
    const cell = (t: string, extra = '') => `<w:tc><w:tcPr>${extra}</w:tcPr>${para(t)}</w:tc>`;
    const parts: string[] = [];
    let table: string[] = [];
    const flush = () => {
      if (table.length) parts.push(`<w:tbl>${table.join('')}</w:tbl>`);
      table = [];
    };
    for (const line of text.split('\n')) {
      if (line.startsWith('|')) {
        const cells = line.slice(1, -1).split('|').map((c) => c.trim());
        if (cells[0] === '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）') {
          table.push(`<w:tr>${cell(cells[0]!, '<w:gridSpan w:val="3"/><w:vMerge w:val="restart"/>')}${cell(cells[1]!, '<w:gridSpan w:val="7"/>')}</w:tr>`);
        } else table.push(`<w:tr>${cells.map((c) => cell(c)).join('')}</w:tr>`);
      } else {
        flush();
        parts.push(para(line));
      }
    }
    flush();
    const docx = zipSync({
      '[Content_Types].xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
      '_rels/.rels': strToU8('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
      'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${parts.join('')}</w:body></w:document>`),
    });
    const dir = await tmp();
    await writeFile(path.join(dir, 'report.docx'), docx);
    const r = await importFile(path.join(dir, 'report.docx'), { county: '某某县' });
    expect(r.error).toBeUndefined();
    expect(r.data!.format).toBe('national-2021');
    expect(r.data!.stats).toEqual(stats);
  });

  it('a PDF with a text layer imports like the text it holds', async () => {
    const dir = await tmp();
    const lines = (await readFile(path.join(seeds, '003_1fe0377d0ff6ac6f.txt'), 'utf8')).split('\n').map((l) => l.trim()).filter(Boolean);
    await writeFile(path.join(dir, 'report.pdf'), textPdf(lines));
    const r = await importFile(path.join(dir, 'report.pdf'));
    expect(r.error).toBeUndefined();
    expect(r.encoding).toBe('pdf');
    expect(r.data).toMatchObject({ town: '曙光镇', county: '梅河口市', year: 2018, date: '2018-12-24', format: 'free' });
    expect(r.fidelity!.share).toBe(1);
    expect(r.content).toContain('## 一、基本情况');
  });

  it('an image-only PDF is refused with a clear "no text layer" error', async () => {
    const dir = await tmp();
    const pdf = `%PDF-1.4
1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj
2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj
3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]/Contents 4 0 R>>endobj
4 0 obj<</Length 20>>stream
0 0 1 rg 10 10 50 50 re f
endstream endobj
trailer<</Root 1 0 R>>
%%EOF`;
    await writeFile(path.join(dir, 'scan.pdf'), pdf);
    const r = await importFile(path.join(dir, 'scan.pdf'));
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/no text layer/);
  });

  it('an unsupported file gets an error naming the type', async () => {
    const dir = await tmp();
    await writeFile(path.join(dir, 'x.xls'), 'x');
    const r = await importFile(path.join(dir, 'x.xls'));
    expect(r.error).toMatch(/unsupported file type ".xls"/);
  });
});

describe('the import command', () => {
  const cli = (args: string[], cwd: string) =>
    run(path.join(root, 'node_modules/.bin/node'), [path.join(root, 'scripts/import.ts'), ...args], { cwd }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it('writes, refuses to overwrite without --force, shows the diff with --force, and --dry-run writes nothing', async () => {
    const dir = await tmp();
    await cp(seeds, path.join(dir, 'in'), { recursive: true });
    await writeFile(path.join(dir, 'in', 'bad.xls'), 'x');
    const first = await cli(['in', 'in/bad.xls', '--out', 'out'], dir);
    expect(first.code).toBe(1); // bad.xls failed, the five seeds still imported
    expect(first.stdout).toMatch(/5 imported, 1 failed/);
    expect(first.stdout).toMatch(/fidelity 100\.0 %/);
    const target = path.join(dir, 'out/fuyuan-hanconggou/2020.md');
    const original = await readFile(target, 'utf8');
    await writeFile(target, original.replace('title: 寒葱沟镇', 'title: 改过的寒葱沟镇'));
    const one = path.join('in', '002_c28d56c9149c07a0.txt');
    const refused = await cli([one, '--out', 'out'], dir);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/already exists with different content; nothing was written.*--force/);
    expect(await readFile(target, 'utf8')).toContain('改过的');
    const dry = await cli([one, '--out', 'out', '--force', '--dry-run', '--json'], dir);
    const json = JSON.parse(dry.stdout) as { status: string; diff: string }[];
    expect(json[0]!.status).toBe('would write');
    expect(json[0]!.diff).toContain('-title: 改过的寒葱沟镇');
    expect(await readFile(target, 'utf8')).toContain('改过的');
    const forced = await cli([one, '--out', 'out', '--force'], dir);
    expect(forced.code).toBe(0);
    expect(await readFile(target, 'utf8')).toBe(original);
  });

  it('every imported report validates against the schema', async () => {
    for (const f of await readdir(seeds)) {
      const r = await importFile(path.join(seeds, f));
      expect(parseReport(r.data).ok).toBe(true);
    }
  });
});

describe('text variants', () => {
  it('a report that arrived as one line is split back into its sections, nothing lost', async () => {
    const dir = await tmp();
    const lines = (await readFile(path.join(seeds, '004_c0125ad0501ff42e.txt'), 'utf8')).split('\n').map((l) => l.trim()).filter(Boolean);
    const [t1, t2, ...rest] = lines;
    await writeFile(path.join(dir, 'one-line.txt'), `${t1}\n${t2}\n${rest.join('')}\n`);
    const r = await importFile(path.join(dir, 'one-line.txt'));
    expect(r.error).toBeUndefined();
    expect(r.content).toMatch(/\n## 一、本年度政府信息公开工作的基本情况\n/);
    expect(r.content).toMatch(/\n## 七、政府信息公开工作存在的主要问题及改进情况\n/);
    expect(r.fidelity!.share).toBe(1);
  });

  it('warns when the title year and the body disagree', async () => {
    const dir = await tmp();
    const text = (await readFile(path.join(seeds, '003_1fe0377d0ff6ac6f.txt'), 'utf8')).replace('2018年曙光镇', '2016年曙光镇');
    await writeFile(path.join(dir, 'y.txt'), text);
    const r = await importFile(path.join(dir, 'y.txt'));
    expect(r.data!.year).toBe(2016);
    expect(r.warnings.some((w) => w.code === 'meta.year-conflict' && /the title says 2016 but the body mostly speaks of 2018/.test(w.message))).toBe(true);
  });

  it('duplicated and cut-down header rows do not move any figure', async () => {
    const stats = randomStats('national-2019', 21);
    const text = flattenReport('national-2019', stats, 'markdown')
      .replace('| 自然人 | 法人或其他组织 | 总计 |', '| 自然人 | 法人或其他组织 | 总计 |\n| 自然人 | 法人或其他组织 | 总计 |')
      .replace('| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |', '| 信息内容 | 本年新制作数量 |');
    const dir = await tmp();
    await writeFile(path.join(dir, 'h.txt'), text);
    const r = await importFile(path.join(dir, 'h.txt'), { county: '某某县', town: '某某镇' });
    expect(r.data!.stats).toEqual(stats);
  });
});

describe('one file, one report', () => {
  it('two reports in one source are refused with the line to split at', async () => {
    const d = await mkdtemp(path.join(tmpdir(), 'two-'));
    const text = [
      '一拉溪镇2018年政府信息公开工作年度报告',
      '一、总体情况',
      '2018年我镇主动公开信息四十条。',
      '一拉溪镇2019年政府信息公开工作年度报告',
      '一、总体情况',
      '2019年我镇主动公开信息五十条。',
    ].join('\n');
    await writeFile(path.join(d, 'two.txt'), text);
    const r = await importFile(path.join(d, 'two.txt'));
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/holds two reports.*line 4/);
  });
});
