/**
 * pdf-layout on hand-placed geometry: text runs and ruling lines as a PDF
 * producer draws them (coordinates in points, y upwards).
 */
import { describe, expect, it } from 'vitest';
import { layoutLines, layoutPage, untangle, type Segment, type TextRun } from '../../src/lib/import/pdf-layout.ts';

const run = (s: string, x: number, y: number, h = 10): TextRun => ({ s, x, y, w: [...s].length * h, h });
const hline = (y: number, x1: number, x2: number): Segment => ({ x1, y1: y, x2, y2: y });
const vline = (x: number, y1: number, y2: number): Segment => ({ x1: x, y1, x2: x, y2 });

/** A 3-row table, columns at x 50 | 150 | 200 | 250; row 1's first cell spans all three columns. */
function grid(): Segment[] {
  return [
    hline(700, 50, 250), hline(680, 50, 250), hline(650, 50, 250), hline(630, 50, 250),
    vline(50, 630, 700), vline(250, 630, 700),
    // inner verticals stop below the spanning header row
    vline(150, 630, 680), vline(200, 630, 680),
  ];
}

describe('lattice tables', () => {
  it('a header cell spanning columns leaves empty cells after it; a wrapped label reads whole; an empty cell stays empty', () => {
    const runs = [
      run('第二十条第（五）项', 55, 686),
      // the label wraps inside its cell over two lines; its figures sit between the lines
      run('其他对外管理', 55, 668), run('服务事项', 55, 655), run('20', 155, 661), run('-4', 205, 661),
      run('行政许可', 55, 636), run('4', 155, 636),
      run('正文在表格之后。', 50, 600),
    ];
    const lines = layoutLines([layoutPage(runs, grid())]);
    expect(lines).toEqual(['| 第二十条第（五）项 |  |  |', '| 其他对外管理服务事项 | 20 | -4 |', '| 行政许可 | 4 |  |', '正文在表格之后。', '']);
  });

  it('text above and below a table keeps its reading order', () => {
    const runs = [run('二、主动公开政府信息情况', 50, 720), run('规章', 55, 636), run('0', 155, 636), run('五、存在的主要问题', 50, 610)];
    const lines = layoutLines([layoutPage(runs, grid())]);
    expect(lines[0]).toBe('二、主动公开政府信息情况');
    expect(lines.at(-2)).toBe('五、存在的主要问题');
  });

  it('a frame with no text in it is not a table', () => {
    const page = layoutPage([run('落款', 50, 500)], [hline(400, 50, 250), hline(380, 50, 250), vline(50, 380, 400), vline(250, 380, 400)]);
    expect(page.tables).toBe(0);
    expect(layoutLines([page])).toEqual(['落款', '']);
  });

  it('rulings drawn as thin filled bars (their centre lines) make the same grid', () => {
    const bars = grid().map((s) => (s.y1 === s.y2 ? { ...s, y1: s.y1 - 0.3, y2: s.y2 + 0.3 } : { ...s, x1: s.x1 - 0.3, x2: s.x2 + 0.3 }));
    // bars arrive as rectangles' outlines in pdf-read; here their centre lines stay within tolerance
    const runs = [run('规章', 55, 636), run('1', 155, 636), run('2', 205, 636)];
    expect(layoutLines([layoutPage(runs, bars)])).toContain('| 规章 | 1 | 2 |');
  });
});

/** The same columns without the spanning row: every vertical runs the full height. */
const full = () => [...grid().filter((s) => s.x1 !== s.x2), vline(50, 630, 700), vline(150, 630, 700), vline(200, 630, 700), vline(250, 630, 700)];

describe('rows broken at a page end', () => {
  const page1 = () => layoutPage([run('5.属于三类内部事务', 55, 636), run('0', 155, 636), run('0', 205, 636)], grid());
  it('the end of a label on the next page joins its row', () => {
    const page2 = layoutPage([run('信息', 55, 686), run('6.属于四类', 55, 661), run('1', 155, 661)], full());
    const lines = layoutLines([page1(), page2]);
    expect(lines).toContain('| 5.属于三类内部事务信息 | 0 | 0 |');
    expect(lines).toContain('| 6.属于四类 | 1 |  |');
    expect(lines.some((l) => l.includes('|  | 信息'))).toBe(false);
  });
  it('a row that opens with its own enumerator is a new row', () => {
    const page2 = layoutPage([run('6.属于四类', 55, 686)], full());
    const lines = layoutLines([page1(), page2]);
    expect(lines).toContain('| 5.属于三类内部事务 | 0 | 0 |');
    expect(lines.some((l) => l.startsWith('| 6.属于四类 |'))).toBe(true);
  });
});

describe('stream text (no rulings)', () => {
  it('runs far apart on one line become tab-separated cells; a sentence stays one line', () => {
    const lines = layoutLines([layoutPage([run('行政许可', 50, 600), run('27', 200, 600), run('我镇全年主动公开信息36条。', 50, 580)], [])]);
    expect(lines).toEqual(['行政许可\t27', '我镇全年主动公开信息36条。', '']);
  });
});

it('a quote mark drawn in another font between two characters of one run stays where it was printed', () => {
  // pdf.js gave "及 三" as one run with a space where “ is drawn
  const runs: TextRun[] = [
    { s: '3.危', x: 176.5, y: 632, w: 21.5, h: 11 },
    { s: '及 三', x: 176.5, y: 619.2, w: 27.5, h: 11 },
    { s: '“', x: 187.5, y: 619.2, w: 5.5, h: 11 },
  ];
  const line = untangle(runs).filter((r) => r.y === 619.2).sort((a, b) => a.x - b.x).map((r) => r.s).join('');
  expect(line).toBe('及“三');
});

it('page numbers at the foot and head of pages are dropped, so a table runs on over the break', () => {
  const p1 = layoutPage([run('5.属于三类内部事务', 55, 636), run('0', 155, 636), run('0', 205, 636), run('- 3 -', 140, 40)], grid());
  const full2 = [hline(700, 50, 250), hline(680, 50, 250), vline(50, 680, 700), vline(150, 680, 700), vline(200, 680, 700), vline(250, 680, 700)];
  const p2 = layoutPage([run('第 4 页', 140, 800), run('信息', 55, 686)], full2);
  const lines = layoutLines([p1, p2]);
  expect(lines).toContain('| 5.属于三类内部事务信息 | 0 | 0 |');
  expect(lines.some((l) => /3 -|第 4 页/.test(l))).toBe(false);
});

it('a bare figure ending a page above the bottom margin is kept', () => {
  const lines = layoutLines([layoutPage([run('行政许可', 50, 300), run('7', 50, 280)], []), layoutPage([run('行政处罚', 50, 800)], [])]);
  expect(lines).toEqual(['行政许可', '7', '', '行政处罚', '']);
});
