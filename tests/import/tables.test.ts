import { describe, expect, it } from 'vitest';
import { extractStatTables, parseValue, tokenize } from '../../src/lib/import/tables.ts';
import { NATIONAL_FORMATS } from '../../src/lib/stats/template.ts';
import { STYLES, flattenReport, randomStats } from '../fixtures/flatten.ts';

describe.each(NATIONAL_FORMATS)('statutory tables, %s', (format) => {
  it.each(STYLES)('reads every cell of a table flattened as %s', (style) => {
    const stats = randomStats(format, 42);
    const r = extractStatTables(flattenReport(format, stats, style).split('\n'));
    expect(r.format).toBe(format);
    expect(r.tablesFound).toEqual(['proactive', 'applications', 'reviewLitigation']);
    expect(r.stats).toEqual(stats);
  });

  it('property: for 40 random tables, every flattening style parses to the same figures', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const stats = randomStats(format, seed);
      for (const style of STYLES) {
        const parsed = extractStatTables(flattenReport(format, stats, style).split('\n')).stats;
        expect(parsed, `seed ${seed} style ${style}`).toEqual(stats);
      }
    }
  });

  it('keeps the narrative before and after the tables outside the blocks', () => {
    const lines = flattenReport(format, randomStats(format, 7), 'cell-tab').split('\n');
    const r = extractStatTables(lines);
    const inBlock = (i: number) => r.blocks.some((b) => i >= b.start && i < b.end);
    for (const text of ['一、总体情况', '五、存在的主要问题及改进情况', '一是公开内容不够全面；二是更新不够及时。', '二、主动公开政府信息情况']) {
      expect(inBlock(lines.indexOf(text)), text).toBe(false);
    }
  });
});

it('decides the format from the labels, not the year', () => {
  const text = flattenReport('national-2019', randomStats('national-2019', 3), 'pipe').replace(/2021年/g, '2023年');
  expect(extractStatTables(text.split('\n')).format).toBe('national-2019');
});

it('reads 2021 tables whose row says 规范性文件 instead of 行政规范性文件', () => {
  const stats = randomStats('national-2021', 5);
  const text = flattenReport('national-2021', stats, 'markdown').replace('| 行政规范性文件 |', '| 规范性文件 |');
  expect(extractStatTables(text.split('\n')).stats).toEqual(stats);
});

it('joins header and label cells broken across lines', () => {
  const stats = randomStats('national-2019', 9);
  const text = flattenReport('national-2019', stats, 'cell-tab')
    .replace('\t本年新制作数量', '\t本年新\n\t制作数量')
    .replace('\t一、本年新收政府信息公开申请数量', '\t一、本年新收政府信息\n\t公开申请数量')
    .replace('\t商业企业', '\t商业\n\t企业');
  expect(extractStatTables(text.split('\n')).stats).toEqual(stats);
});

it('warns about broken arithmetic and keeps the published figures', () => {
  const stats = randomStats('national-2019', 11);
  const r = extractStatTables(flattenReport('national-2019', stats, 'pipe').split('\n'));
  expect(r.stats).toEqual(stats);
  expect(r.warnings.some((w) => w.startsWith('勾稽关系不符'))).toBe(true);
});

it('parses the value forms seen in the wild', () => {
  expect(parseValue(' 0 ')).toEqual({ value: 0 });
  expect(parseValue('+19')).toEqual({ value: 19 });
  expect(parseValue('-3')).toEqual({ value: -3 });
  expect(parseValue('20.001万元')).toEqual({ value: 20.001, unit: '万元' });
  expect(parseValue('152790元')).toEqual({ value: 152790, unit: '元' });
  expect(parseValue('9.63211')).toEqual({ value: 9.63211 });
  expect(parseValue('１２')).toEqual({ value: 12 });
  expect(parseValue('')).toEqual({ value: null });
  expect(parseValue('规章')).toBeUndefined();
});

it('a report without tables is free-form', () => {
  const r = extractStatTables(['二、主动公开政府信息情况', '全年主动公开信息95条。', '三、回应解读情况'].map(String));
  expect(r.format).toBe('free');
  expect(r.blocks).toEqual([]);
});

describe('label-driven reading of loosely flattened tables', () => {
  const full = (format: (typeof NATIONAL_FORMATS)[number], seed: number) => {
    // every cell filled: single spaces cannot show where an empty cell was
    const stats = randomStats(format, seed);
    const fill = (o: Record<string, unknown>) => {
      for (const [k, v] of Object.entries(o)) {
        if (v === null) o[k] = 1;
        else if (typeof v === 'object') fill(v as Record<string, unknown>);
      }
    };
    fill(stats as unknown as Record<string, unknown>);
    return stats;
  };

  it.each(NATIONAL_FORMATS)('%s: cells separated by single spaces (pdf.js text) read by their row labels', (format) => {
    const stats = full(format, 11);
    const text = flattenReport(format, stats, 'pipe').replace(/ \| /g, ' ');
    const r = extractStatTables(text.split('\n'));
    expect(r.format).toBe(format);
    expect(r.stats).toEqual(stats);
  });

  it('a label wrapped over lines with its figures on the middle line, and merged-cell text beside it (pdftotext -layout)', () => {
    const base = flattenReport('national-2021', full('national-2021', 5), 'pipe').split('\n');
    const r0 = extractStatTables(base);
    const lines = base.map((l) => l.replace(/ \| /g, '   '));
    const i = lines.findIndex((l) => l.startsWith('2.其他法律行政法规禁止公开'));
    const figures = lines[i]!.slice('2.其他法律行政法规禁止公开'.length);
    lines.splice(i, 1, '     （三） 2.其他法律行政法规禁止', `                    ${figures.trim()}`, '     不予公  公开');
    const r = extractStatTables(lines);
    expect(r.stats).toEqual(r0.stats);
  });

  it('（空）, —, / and 无 are empty cells; a trailing | closes the row', () => {
    const text = flattenReport('national-2019', full('national-2019', 3), 'markdown').split('\n');
    const k = text.findIndex((l) => l.startsWith('| 行政许可 |'));
    text[k] = '| 行政许可 | （空） | — |';
    const j = text.findIndex((l) => l.startsWith('| 行政强制 |'));
    text[j] = '| 行政强制 | / | 无 | 0 |';
    const r = extractStatTables(text);
    expect(r.stats!.proactive.licensing).toEqual({ previous: null, change: null, decisions: null });
    expect(r.stats!.proactive.enforcement).toEqual({ previous: null, change: null, decisions: 0 });
  });

  it('a cell that holds no readable figure stays null with a warning naming its row and column', () => {
    const text = flattenReport('national-2019', full('national-2019', 4), 'markdown').split('\n');
    const k = text.findIndex((l) => l.startsWith('| 行政处罚 |'));
    text[k] = '| 行政处罚 | 3 | 约5 | 2 |';
    const r = extractStatTables(text);
    expect(r.stats!.proactive.penalties).toEqual({ previous: 3, change: null, decisions: 2 });
    expect(r.warnings.join('\n')).toMatch(/行政处罚.*本年增\/减.*约5/);
  });

  it('13 values for a 7-column row: the row is named in a warning', () => {
    const text = flattenReport('national-2021', full('national-2021', 8), 'pipe').split('\n');
    const k = text.findIndex((l) => l.startsWith('二、上年结转政府信息公开申请数量'));
    text[k] = '二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | 2 | 0 | 0 | 0 | 0 | 2';
    const r = extractStatTables(text);
    expect(r.warnings.join('\n')).toMatch(/上年结转政府信息公开申请数量.*13 values for 7 columns/);
  });

  it('a table with far fewer cells than the template warns; headings without any readable table say so', () => {
    const text = flattenReport('national-2019', full('national-2019', 9), 'pipe').split('\n');
    const cut = text.findIndex((l) => l.startsWith('三、收到和处理'));
    const short = [...text.slice(0, cut), '三、收到和处理政府信息公开申请情况', '（表格见附件）', '四、政府信息公开行政复议、行政诉讼情况', '（表格见附件）', '五、存在的主要问题及改进情况'];
    const r = extractStatTables(short);
    expect(r.format).toBe('national-2019');
    expect(r.warnings.join('\n')).toMatch(/只读出 \d+ \/ 198 个单元格/);
    const none = extractStatTables(['二、主动公开政府信息情况', '本年新制作数量 见附件', '三、收到和处理政府信息公开申请情况', '见附件', '四、政府信息公开行政复议、行政诉讼情况', '见附件']);
    expect(none.format).toBe('free');
    expect(none.warnings.join('\n')).toMatch(/法定统计表格未能读出/);
  });
});

describe('a web copy of a table, one cell a line, each ended by |', () => {
  // the shape of a county portal's table copied cell by cell (hedong-2022, heyou-2023 in the real
  // corpus): "0 |" per cell, a lone "|" after each row; figures here are our own
  it('reads "0 |" as one cell and a lone "|" as the end of a row', () => {
    const rows: [string, number[]][] = [
      ['规章', [0, 0, 2]],
      ['行政规范性文件', [1, 0, 3]],
    ];
    const lines = ['第二十条第（一）项 |', '信息内容 |', '本年制发件数 |', '本年废止件数 |', '现行有效件数 |', '|'];
    for (const [label, values] of rows) lines.push(`${label} |`, ...values.map((v) => `${v} |`), '|');
    expect(tokenize(lines).map((t) => t.text)).toEqual(['第二十条第（一）项', '信息内容', '本年制发件数', '本年废止件数', '现行有效件数', '规章', '0', '0', '2', '行政规范性文件', '1', '0', '3']);
  });
  it('a row written a | b | c | still has its cells, and | a | | b | its empty one', () => {
    expect(tokenize(['规章 | 0 | 2 |']).map((t) => t.text)).toEqual(['规章', '0', '2', '']);
    expect(tokenize(['| 规章 |  | 2 |']).map((t) => t.text)).toEqual(['规章', '', '2']);
  });
});

describe('a section heading with 的, cells separated by lone | lines', () => {
  // the shape of a studied page (jkh.gov.cn, 2016 column): 二、主动公开政府信息的情况, then each cell
  // on its own line with a lone "|" after it; the figures here are our own
  it('reads the proactive table', () => {
    const cells = (...xs: string[]) => xs.flatMap((x) => [x, '|']);
    const lines = [
      '二、主动公开政府信息的情况',
      ...cells('第二十条第(一)项'), ...cells('信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量'),
      ...cells('规章', '0', '0', '0'), ...cells('规范性文件', '3', '3', '12'),
      ...cells('第二十条第(五)项'), ...cells('信息内容', '上一年项目数量', '本年增/减', '处理决定数量'),
      ...cells('行政许可', '5', '+2', '40'), ...cells('其他对外管理服务事项', '0', '0', '0'),
      '三、收到和处理政府信息公开申请的情况',
      '本年度未收到申请。',
    ];
    const r = extractStatTables(lines);
    expect(r.format).toBe('national-2019');
    expect(r.stats!.proactive['normativeDocs']).toEqual({ made: 3, published: 3, total: 12 });
    expect(r.stats!.proactive['licensing']).toEqual({ previous: 5, change: 2, decisions: 40 });
  });
});

describe('a ruled table broken at a page end, only the 总计 column filled (the python-docx → LibreOffice PDF shape)', () => {
  // rows as the PDF reader rebuilds them: a merged group label whose last character went to the next
  // page (三、本年度办理结 … 果), a row label cut where its cell broke (（二）部分公开（区分处理), and
  // enough labels that the label-driven reading also runs and must not blank what the rows gave
  const empty = (n: number) => Array<string>(n).fill('').join(' | ');
  const lines = [
    '二、主动公开政府信息情况',
    '| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |',
    '| 规章 | 0 | 0 | 0 |',
    '三、收到和处理政府信息公开申请情况',
    '| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） |  | 申请人情况 |  |  |  |  |  |  |',
    '| 自然人 | 法人或其他组织 |  |  |  |  | 总计 |',
    '| 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |',
    `| 一、本年新收政府信息公开申请数量 | ${empty(7)} | 4 |`,
    `| 二、上年结转政府信息公开申请数量 | ${empty(7)} | 1 |`,
    `| 三、本年度办理结 | （一）予以公开 | ${empty(6)} | 3 |`,
    `| （二）部分公开（区分处理 | ${empty(6)} | 2 |`,
    '',
    '| 果 | 的，只计这一情形，不计其他情形） |  |  |  |  |  |  |  |  |',
    `| （三）不予公开 | 1.属于国家秘密 | ${empty(6)} | 0 |`,
    `| 2.其他法律行政法规禁止公开 | ${empty(6)} | 0 |`,
    `| 3.危及“三安全一稳定” | ${empty(6)} | 0 |`,
    `| 4.保护第三方合法权益 | ${empty(6)} | 0 |`,
    '四、政府信息公开行政复议、行政诉讼情况',
  ];
  it('reads every 总计 cell and leaves the empty columns null', () => {
    const r = extractStatTables(lines);
    expect(r.format).toBe('national-2019');
    const apps = r.stats!.applications as Record<string, any>;
    const blank = { natural: null, commercial: null, research: null, nonprofit: null, legal: null, other: null };
    expect(apps['received']).toEqual({ ...blank, total: 4 });
    expect(apps['carriedOver']).toEqual({ ...blank, total: 1 });
    expect(apps['outcomes'].granted).toEqual({ ...blank, total: 3 });
    expect(apps['outcomes'].partial).toEqual({ ...blank, total: 2 });
    expect(apps['outcomes'].denied.thirdParty).toEqual({ ...blank, total: 0 });
  });
  it('a label with a note in brackets (规章(…应提供相关数据), 采购总金额（万元）) is still its row or header', () => {
    const r = extractStatTables([
      '二、主动公开政府信息情况',
      '信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 ||',
      '规章(设区的市、自治州人民政府应提供相关数据) | 2 | 1 | 9 ||',
      '信息内容 | 采购项目数量 | 采购总金额（万元） | ||',
      '政府集中采购 | 13 | 477.35 | ||',
      '三、收到和处理政府信息公开申请情况',
      '本年新制作数量',
    ]);
    expect(r.stats!.proactive['rules']).toEqual({ made: 2, published: 1, total: 9 });
    expect(r.stats!.proactive['procurement']).toEqual({ projects: 13, amount: 477.35 });
  });
});

it('a review table with fewer figures than cells is left null with a warning, not filled in order', () => {
  const head = ['四、政府信息公开行政复议、行政诉讼情况', '| 行政复议 |  |  |  |  | 行政诉讼 |', '| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |'];
  const text = flattenReport('national-2021', randomStats('national-2021', 5), 'pipe').split('\n');
  const at = text.findIndex((l) => l.startsWith('四、政府信息公开行政复议'));
  const end = text.findIndex((l, i) => i > at && /^五、/.test(l));
  // thirteen figures printed for fifteen cells: which two are missing cannot be told
  const r = extractStatTables([...text.slice(0, at), ...head, '| 1 | 2 | 0 | 0 | 3 | 0 | 1 | 0 | 0 | 1 | 0 | 0 | 0 |', ...text.slice(end)]);
  expect(Object.values(r.stats!.reviewLitigation).flatMap((g) => Object.values(g))).toEqual(Array(15).fill(null));
  expect(r.warnings.join('\n')).toMatch(/13 values for 15 cells.*left empty \(null\)/);
});
