/**
 * Hostile imports: files an attacker could craft or a broken conversion could
 * leave. Each must fail alone with a message that says what was found and
 * what to do — or import with a warning that gives figures — and never take
 * the batch down, hang it, or put damaged text into the archive as "100 %".
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { strToU8, zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { importFile, type ImportResult } from '../../src/lib/import/index.ts';
import { importIsolated } from '../../src/lib/import/isolated.ts';
import { bodyFindings } from '../../src/lib/report/body.ts';
import { readFrontmatter } from '../../src/lib/report/frontmatter.ts';
import { renderMarkdown } from '../../src/lib/site/render-body.ts';
import { ROOT } from '../helpers/build.ts';

const run = promisify(execFile);
const NODE = path.join(ROOT, 'node_modules/.bin/node');
const SEED = path.join(ROOT, 'tests/fixtures/seeds/002_c28d56c9149c07a0.txt');
const seedText = () => readFile(SEED, 'utf8');
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'nianbao-hostile-import-'));
});
const put = async (name: string, data: string | Uint8Array) => {
  const file = path.join(dir, name);
  await writeFile(file, data);
  return file;
};
const refused = (r: ImportResult, message: RegExp) => {
  expect(r.ok, JSON.stringify(r.data?.title)).toBe(false);
  expect(r.content).toBeUndefined();
  expect(r.error).toMatch(message);
};

const MiB = 1024 * 1024;
const para = (t: string) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`;
function docx(documentXml: Uint8Array | string, extra: Record<string, Uint8Array> = {}): Uint8Array {
  const xml = typeof documentXml === 'string' ? strToU8(documentXml) : documentXml;
  return zipSync(
    {
      '[Content_Types].xml': strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
      '_rels/.rels': strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      ),
      'word/document.xml': xml,
      ...extra,
    },
    { level: 9 },
  );
}
const wordDoc = (body: string) => `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
const TITLE = para('寒葱沟镇2020年政府信息公开工作年度报告');

describe('crafted Word files are refused before they are inflated', () => {
  it('a zip bomb: document.xml inflating to 60 MiB from a small file', async () => {
    const xml = new Uint8Array(60 * MiB).fill(0x20);
    xml.set(strToU8(wordDoc(TITLE)).subarray(0, 200));
    const bytes = docx(xml);
    expect(bytes.length).toBeLessThan(1 * MiB);
    refused(await importFile(await put('bomb.docx', bytes)), /inflates to more than 48\.0 MiB/);
  });
  it('150,000 paragraphs', async () => {
    refused(await importFile(await put('paras.docx', docx(wordDoc(TITLE + '<w:p/>'.repeat(150_000))))), /more than 100,000 paragraphs/);
  });
  it('250,000 table cells', async () => {
    refused(await importFile(await put('cells.docx', docx(wordDoc(`${TITLE}<w:tbl><w:tr>${'<w:tc></w:tc>'.repeat(250_000)}</w:tr></w:tbl>`)))), /more than 200,000 cells/);
  });
  it('parts that inflate to more than 160 MiB together', async () => {
    const media = Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`word/media/image${i}.bin`, new Uint8Array(45 * MiB)]));
    refused(await importFile(await put('media.docx', docx(wordDoc(TITLE), media))), /inflate to more than 160\.0 MiB/);
  });
  it('2,500 parts in the package', async () => {
    const parts = Object.fromEntries(Array.from({ length: 2500 }, (_, i) => [`word/x${i}.xml`, strToU8('<x/>')]));
    refused(await importFile(await put('parts.docx', docx(wordDoc(TITLE), parts))), /more than 2000 parts/);
  });
  it('a .docx that is not a zip file', async () => {
    refused(await importFile(await put('text.docx', '寒葱沟镇2020年政府信息公开工作年度报告\n这不是Word文件。')), /docx/i);
  });
  it('a .docx cut off half-way', async () => {
    const full = docx(wordDoc(TITLE + para('正文。'.repeat(2000))));
    refused(await importFile(await put('cut.docx', full.subarray(0, Math.floor(full.length / 2)))), /docx|zip/i);
  });
  it('a zip without word/document.xml', async () => {
    refused(await importFile(await put('empty.docx', zipSync({ 'a.txt': strToU8('x') }))), /docx/i);
  });
  it('a .DOCX in capitals is read as Word, not refused as unknown', async () => {
    const r = await importFile(await put('upper.DOCX', docx(wordDoc(TITLE + para('寒葱沟镇人民政府依法做好政府信息公开工作，主动公开政府信息。'.repeat(3))))), { county: '抚远市' });
    expect(r.error).toBeUndefined();
    expect(r.encoding).toBe('docx');
  });
});

describe('crafted web pages, PDFs and text files are refused by their figures', () => {
  it('a web page with 400,000 elements', async () => {
    refused(await importFile(await put('tags.html', `<html><body><h1>寒葱沟镇2020年政府信息公开工作年度报告</h1>${'<b>x</b>'.repeat(400_000)}</body></html>`)), /more than 300,000 elements/);
  });
  it('a web page nesting 20,000 elements (the page reader would overflow its stack)', async () => {
    refused(await importFile(await put('deep.html', `<html><body>${'<div>'.repeat(20_000)}寒葱沟镇${'</div>'.repeat(20_000)}</body></html>`)), /nests elements 2000\d deep/);
  });
  it('a web page with only scripts and chrome', async () => {
    refused(await importFile(await put('chrome.html', '<html><head><script>var a=1;</script></head><body><nav>首页</nav><div>登录</div></body></html>')), /Chinese characters/);
  });
  it('a PDF declaring 600 pages', async () => {
    const fake = `%PDF-1.4\n${Array.from({ length: 600 }, (_, i) => `${i + 3} 0 obj << /Type /Page /Parent 2 0 R >> endobj`).join('\n')}\n%%EOF`;
    refused(await importFile(await put('pages.pdf', fake)), /declares 600 pages/);
  });
  it('a PDF that is not one', async () => {
    refused(await importFile(await put('fake.pdf', 'not a pdf at all')), /PDF/);
  });
  it('a text file of 250,000 lines', async () => {
    refused(await importFile(await put('lines.txt', '寒葱沟镇\n'.repeat(250_000))), /more than 200,000 lines/);
  });
  it('a text file over 16 MiB', async () => {
    refused(await importFile(await put('huge.txt', new Uint8Array(17 * MiB).fill(0x41))), /at most 16\.0 MiB/);
  });
  it('an empty file', async () => {
    refused(await importFile(await put('empty.txt', '')), /only 0 Chinese characters/);
  });
  it('English only', async () => {
    refused(await importFile(await put('english.txt', 'Annual report on government information disclosure, 2020.\n'.repeat(20)), { town: '寒葱沟镇', county: '抚远市', year: 2020 }), /only 0 Chinese characters/);
  });
  it('an unsupported file type', async () => {
    refused(await importFile(await put('report.exe', 'MZ')), /unsupported file type "\.exe"/);
  });
});

describe('bad text is refused or warned about with figures, never "100 %"', () => {
  it('random bytes, even with --town --county --year, are refused (no NULs reach the archive)', async () => {
    const r = await importFile(await put('random.txt', randomBytes(8192)), { town: '寒葱沟镇', county: '抚远市', year: 2020 });
    refused(r, /control character|garbled|could not be decoded/);
  });
  it('NUL characters in a UTF-8 file name their lines', async () => {
    const text = (await seedText()).split('\n');
    text[2] = `${text[2]}\u0000\u0000`;
    text[7] = `\u0000${text[7]}`;
    refused(await importFile(await put('nul.txt', text.join('\n'))), /3 control characters .* lines 3, 8/);
  });
  it('a file half UTF-8, half GBK is refused with the line ranges', async () => {
    const lines = (await seedText()).split('\n');
    const half = Math.floor(lines.length / 2);
    const bytes = Buffer.concat([Buffer.from(lines.slice(0, half).join('\n') + '\n', 'utf8'), iconv.encode(lines.slice(half).join('\n'), 'gbk')]);
    const r = await importFile(await put('mixed.txt', bytes));
    refused(r, /mixes encodings: lines [\d, –…]+ are UTF-8 and lines [\d, –…]+ are GBK\/GB18030/);
    const gbk = /and lines (\d+)/.exec(r.error!)![1];
    expect(Number(gbk)).toBeGreaterThanOrEqual(half);
  });
  it('mojibake (UTF-8 once read as GBK and saved again) is refused', async () => {
    const moj = iconv.decode(Buffer.from(await seedText(), 'utf8'), 'gbk');
    refused(await importFile(await put('mojibake.txt', moj)), /mojibake|garbled|could not be decoded/);
  });
  it('a UTF-8 file read as GBK with its town garbled cannot pass as a town', async () => {
    const text = (await seedText()).replace(/寒葱沟镇/g, iconv.decode(Buffer.from('寒葱沟镇', 'utf8'), 'gbk'));
    const r = await importFile(await put('town-mojibake.txt', text), { county: '抚远市' });
    // either refused, or the town is not the garbled string
    if (r.ok) expect(r.data!.town).toBe('寒葱沟镇');
    else expect(r.error).toMatch(/town|镇|garbled|could not/);
  });
  it('GB18030 with two undecodable bytes imports with a warning, figures and a Chinese note; fidelity below 100 %', async () => {
    const text = await seedText();
    const at = text.indexOf('一、');
    const bytes = Buffer.concat([iconv.encode(text.slice(0, at), 'gb18030'), Buffer.from([0xff]), iconv.encode(text.slice(at, at + 40), 'gb18030'), Buffer.from([0xff]), iconv.encode(text.slice(at + 40), 'gb18030')]);
    const r = await importFile(await put('gb-damaged.txt', bytes));
    expect(r.error).toBeUndefined();
    const w = r.warnings.find((x) => x.code === 'text.replacement-characters');
    expect(w?.message).toMatch(/^2 characters could not be decoded/);
    expect(r.fidelity!.share).toBeLessThan(1);
    expect(r.fidelity!.damaged.length).toBeGreaterThan(0);
    expect(r.data!.notes!.some((n) => n === '导入提示：原文有2处字符无法识别，以“�”标出')).toBe(true);
  });
  it('GB18030 with 5 % undecodable bytes is refused with the share', async () => {
    const text = await seedText();
    const chunks: Buffer[] = [];
    for (let i = 0; i < text.length; i += 10) chunks.push(iconv.encode(text.slice(i, i + 10), 'gb18030'), Buffer.from([0xff]));
    refused(await importFile(await put('gb-broken.txt', Buffer.concat(chunks))), /characters \(\d+\.\d %\) could not be decoded/);
  });
  it('a county with no pinyin reading is refused, not written to "-town/"', async () => {
    refused(await importFile(SEED, { county: '𠀀𠀁县' }), /county "𠀀𠀁县" has no pinyin reading/);
  });
});

describe('what the importer writes from hostile text is inert', () => {
  const cases: [string, string][] = [
    ['an img tag after a backslash', 'C:\\<img src=x onerror=alert(1)>'],
    ['a script tag', '<script>alert(1)</script>'],
    ['a javascript: Markdown link', '[点此](javascript:alert(1))'],
    ['an autolink with a script scheme', '<javascript:alert(1)>'],
    ['an HTML comment', '<!-- 注释 --> 正文'],
    ['an iframe', '<iframe src="http://evil.example/"></iframe>'],
    ['a reference definition', '[r]: javascript:alert(1)'],
  ];
  it.each(cases)('%s is kept as text that check accepts and the page shows as written', async (_name, line) => {
    const text = (await seedText()).replace('一、总体情况', `一、总体情况\n${line}`);
    const r = await importFile(await put(`inert-${_name.length}.txt`, text));
    expect(r.error).toBeUndefined();
    const fm = readFrontmatter(r.content!);
    if (!fm.ok) throw new Error(fm.error.message);
    const { body, bodyLine } = fm.value;
    expect(bodyFindings(body, bodyLine)).toEqual([]);
    const { html } = await renderMarkdown(body);
    expect(html).not.toMatch(/<(img|script|iframe)\b|href="javascript:|<!--/i);
    expect(html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'")).toContain(line.trim());
  });
});

describe('one bad file fails alone; the batch goes on and prints its summary', () => {
  it('a file that exhausts the worker memory fails, the next imports', async () => {
    const body = Array.from({ length: 90_000 }, (_, i) => para(`第${i}段，寒葱沟镇人民政府依法公开政府信息，做好政务公开各项工作，接受社会监督。`.repeat(3))).join('');
    const big = await put('big.docx', docx(wordDoc(TITLE + body)));
    const results: ImportResult[] = [];
    for await (const r of importIsolated([big, SEED], {}, { heapMb: 64, timeoutMs: 120_000 })) results.push(r);
    expect(results.map((r) => r.ok)).toEqual([false, true]);
    expect(results[0]!.error).toMatch(/needed more than 64 MiB of memory/);
    expect(results[1]!.data!.town).toBe('寒葱沟镇');
  });
  it('the import command over a folder with bombs, garbage and one good report', async () => {
    const batch = path.join(dir, 'batch');
    await mkdir(batch);
    const out = path.join(dir, 'out');
    await writeFile(path.join(batch, 'a-bomb.docx'), docx(new Uint8Array(60 * MiB).fill(0x20)));
    await writeFile(path.join(batch, 'b-random.txt'), randomBytes(4096));
    await writeFile(path.join(batch, 'c-good.txt'), await seedText());
    await writeFile(path.join(batch, 'd-deep.html'), `<html><body>${'<div>'.repeat(5000)}x</body></html>`);
    const r = await run(NODE, ['scripts/import.ts', batch, '--out', out], { cwd: ROOT }).then(
      (x) => ({ code: 0, stdout: x.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/1 imported, 3 failed/);
    expect(r.stdout).toMatch(/✘ .*a-bomb\.docx\n {2}error: .*inflates to more than/);
    expect(r.stdout).toMatch(/✘ .*b-random\.txt\n {2}error: /);
    expect(r.stdout).toMatch(/✘ .*d-deep\.html\n {2}error: .*nests elements/);
    expect(r.stdout).toMatch(/✔ .*c-good\.txt/);
    const written = await readdir(out, { recursive: true });
    expect(written.filter((f) => f.endsWith('.md'))).toEqual(['fuyuan-hanconggou/2020.md']);
  }, 120_000);

  it('the original is kept beside the report, and a replaced original is caught by check', async () => {
    const original = path.join(dir, 'sources/fuyuan-hanconggou/2020.txt');
    expect((await readFile(original)).equals(await readFile(path.join(dir, 'batch/c-good.txt')))).toBe(true);
    await writeFile(original, '被替换的原件');
    const r = await run(NODE, ['scripts/check.ts'], { cwd: ROOT, env: { ...process.env, CONTENT_DIR: path.join(dir, 'out') } }).then(
      (x) => ({ code: 0, stdout: x.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/sources\/fuyuan-hanconggou\/2020\.txt\n.*error .*the original was changed or replaced/);
  });
});

describe('gen:corpus never empties a folder it did not make', () => {
  const gen = (args: string[]) =>
    run(NODE, ['scripts/gen-corpus.ts', ...args], { cwd: ROOT }).then(
      (x) => ({ code: 0, out: x.stdout + x.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
    );
  it('refuses an archive folder and deletes nothing', async () => {
    const archive = path.join(dir, 'archive');
    await mkdir(path.join(archive, 'fuyuan-hanconggou'), { recursive: true });
    await writeFile(path.join(archive, 'fuyuan-hanconggou/2020.md'), await readFile(path.join(ROOT, 'content/reports/fuyuan-hanconggou/2020.md')));
    const r = await gen(['--count', '3', '--out', archive]);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/was not made by gen:corpus .*nothing was deleted/);
    expect(existsSync(path.join(archive, 'fuyuan-hanconggou/2020.md'))).toBe(true);
  });
  it('writes into a new folder, and again over its own', async () => {
    const mine = path.join(dir, 'generated');
    expect((await gen(['--count', '3', '--out', mine])).code).toBe(0);
    expect((await gen(['--count', '2', '--out', mine])).code).toBe(0);
    const files = (await readdir(mine, { recursive: true })).filter((f) => f.endsWith('.md'));
    expect(files).toHaveLength(2);
  });
  it('refuses a bad --count', async () => {
    const r = await gen(['--count', 'many', '--out', path.join(dir, 'x')]);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/--count "many": expected a whole number/);
  });
});

describe('markup inside Word files and saved pages reaches the archive as text or not at all', () => {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const seedParas = async () => (await seedText()).split('\n').filter((l) => l.trim()).map((l) => para(esc(l))).join('');
  const inert = async (r: ImportResult) => {
    expect(r.error).toBeUndefined();
    const fm = readFrontmatter(r.content!);
    if (!fm.ok) throw new Error(fm.error.message);
    expect(bodyFindings(fm.value.body, fm.value.bodyLine)).toEqual([]);
    const { html } = await renderMarkdown(fm.value.body);
    expect(html).not.toMatch(/<(img|script|iframe|svg|object|embed)\b|\son\w+=|href="(?!https?:|mailto:|tel:|#|\/)/i);
    return { content: r.content!, html };
  };
  it('a DOCTYPE with nested entities (billion laughs) in document.xml expands nothing', async () => {
    const lol = `<!DOCTYPE w:document [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">${Array.from({ length: 9 }, (_, i) => `<!ENTITY ${String.fromCharCode(98 + i)} "${`&${String.fromCharCode(97 + i)};`.repeat(10)}">`).join('')}]>`;
    const xml = wordDoc(`${await seedParas()}${para('&j;')}`).replace('?>', `?>${lol}`);
    const r = await importFile(await put('lol.docx', docx(xml)));
    // refused or imported, never a billion 哈
    if (r.ok) expect((r.content!.match(/哈/g) ?? []).length).toBeLessThan(100);
    else expect(r.error).toBeTruthy();
  });
  it('an external entity (XXE) in document.xml does not read a local file', async () => {
    const secret = await put('secret.txt', 'TOPSECRET-寒葱沟镇-本机文件');
    const xxe = `<!DOCTYPE w:document [<!ENTITY x SYSTEM "file://${secret}">]>`;
    const xml = wordDoc(`${await seedParas()}${para('&x;')}`).replace('?>', `?>${xxe}`);
    const r = await importFile(await put('xxe.docx', docx(xml)));
    expect(r.content ?? '').not.toContain('TOPSECRET');
  });
  it('a Word hyperlink to javascript: keeps its words and loses the link', async () => {
    const rels = strToU8('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="javascript:alert(document.cookie)" TargetMode="External"/></Relationships>');
    const link = '<w:p><w:hyperlink r:id="rIdX" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:r><w:t>点击查看政府信息公开指南</w:t></w:r></w:hyperlink></w:p>';
    const xml = wordDoc(`${await seedParas()}${link}`);
    const { content, html } = await inert(await importFile(await put('jslink.docx', docx(xml, { 'word/_rels/document.xml.rels': rels }))));
    expect(content).toContain('点击查看政府信息公开指南');
    expect(content).not.toMatch(/javascript:/i);
    expect(html).not.toMatch(/javascript:/i);
  });
  it('a saved page with scripts, handlers, javascript: links and an iframe: the report text only', async () => {
    const lines = (await seedText()).split('\n').filter((l) => l.trim());
    const page = `<html><head><meta charset="utf-8"><script>document.write("寒葱沟镇脚本写入的文字")</script><style>body{display:none}</style></head><body>
<div class="content">${lines.map((l, i) => (i === 3 ? `<p onclick="alert(1)"><a href="javascript:alert(1)">${esc(l)}</a><img src=x onerror="alert(2)"></p>` : `<p>${esc(l)}</p>`)).join('\n')}
<iframe srcdoc="<script>alert(3)</script>"></iframe><svg onload="alert(4)"><text>矢量图</text></svg></div></body></html>`;
    const { content } = await inert(await importFile(await put('hostile-page.html', page)));
    expect(content).toContain(lines[3]!.trim().slice(0, 8));
    expect(content).not.toMatch(/脚本写入|javascript:|onerror|alert\(/);
  });
});
