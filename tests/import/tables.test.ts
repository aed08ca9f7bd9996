import { describe, expect, it } from 'vitest';
import { extractStatTables, parseValue } from '../../src/lib/import/tables.ts';
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
