import { describe, expect, it } from 'vitest';
import { applicationsGrid, proactiveGrid, reviewGrid, rowWidth, type Grid } from '../../src/lib/stats/layout.ts';
import { APPLICATION_ROWS, NATIONAL_FORMATS, emptyStats } from '../../src/lib/stats/template.ts';

function widths(grid: Grid) {
  return {
    head: grid.head.map((_, i) => rowWidth(grid, 'head', i)),
    body: grid.body.map((_, i) => rowWidth(grid, 'body', i)),
  };
}

describe.each(NATIONAL_FORMATS)('statutory table layout (%s)', (format) => {
  const stats = emptyStats(format);
  it('every applications row fills all 10 columns once merged cells are counted', () => {
    const w = widths(applicationsGrid(format, stats));
    expect(new Set([...w.head, ...w.body])).toEqual(new Set([10]));
    expect(w.body).toHaveLength(APPLICATION_ROWS[format].length);
  });
  it('every proactive row spans the same width', () => {
    const w = widths(proactiveGrid(format, stats));
    expect(new Set(w.body).size).toBe(1);
  });
  it('the review/litigation table has 3 header rows of 15 columns and 15 figures', () => {
    const w = widths(reviewGrid(stats));
    expect(w.head).toEqual([15, 15, 15]);
    expect(w.body).toEqual([15]);
  });
  it('三、本年度办理结果 spans all outcome rows and （三）不予公开 its eight', () => {
    const grid = applicationsGrid(format, stats);
    const cells = grid.body.flat();
    const result = cells.find((c) => c.text === '三、本年度办理结果')!;
    expect(result.rowspan).toBe(APPLICATION_ROWS[format].filter((r) => r.section).length);
    expect(cells.find((c) => c.text === '（三）不予公开')!.rowspan).toBe(8);
  });
});

it('2021 splits （六）其他处理 into three rows, 2019 keeps one', () => {
  const g19 = applicationsGrid('national-2019', emptyStats('national-2019')).body.flat();
  const g21 = applicationsGrid('national-2021', emptyStats('national-2021')).body.flat();
  expect(g19.find((c) => c.text === '（六）其他处理')!.rowspan).toBeUndefined();
  expect(g21.find((c) => c.text === '（六）其他处理')!.rowspan).toBe(3);
});

it('prints figures and leaves null cells empty', () => {
  const stats = emptyStats('national-2019');
  stats.proactive['rules'] = { made: 3, published: null, total: 12 };
  const row = proactiveGrid('national-2019', stats).body.find((r) => r[0]!.text === '规章')!;
  expect(row.slice(1).map((c) => [c.text, c.value])).toEqual([['3', 3], ['', null], ['12', 12]]);
});
