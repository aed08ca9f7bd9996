/**
 * The statutory tables as grids of header/data cells with their row and
 * column spans, laid out as the national format prints them. Pure, so the
 * merged cells are unit-tested; src/components/GridTable.astro only prints it.
 */
import {
  APPLICANT_COLUMNS,
  APPLICATION_ROWS,
  PROACTIVE,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  SECTION_TITLES,
  getPath,
  type Cell,
  type NationalFormat,
  type Stats,
} from './template.ts';
import type { TableKind } from '../import/tables.ts';

export interface GridCell {
  text: string;
  /** th (header) or td (data) */
  header: boolean;
  colspan?: number;
  rowspan?: number;
  scope?: 'row' | 'col' | 'rowgroup' | 'colgroup';
  /** A figure from the report (right-aligned, tabular digits). */
  value?: Cell;
  /**
   * A data cell's column header(s) as one short label (自然人, 本年新制作数量, 行政复议 结果维持): shown
   * above the figure when a narrow screen lays each row out as a card (src/styles/global.css).
   */
  label?: string;
}

export interface Grid {
  caption: string;
  head: GridCell[][];
  body: GridCell[][];
}

const th = (text: string, extra: Partial<GridCell> = {}): GridCell => ({ text, header: true, ...extra });
const td = (value: Cell): GridCell => ({ text: value === null ? '' : String(value), header: false, value });
const cellAt = (v: unknown): Cell => (typeof v === 'number' ? v : null);
const labelled = (cell: GridCell, label: string): GridCell => ({ ...cell, label });

/** A row of column headers only (the proactive table repeats one per block): a card layout hides it, its labels are on the cells. */
export const isColumnHeadRow = (row: GridCell[]): boolean => row.length > 0 && row.every((c) => c.header && c.scope === 'col');

export function proactiveGrid(format: NationalFormat, stats: Stats): Grid {
  const groups = PROACTIVE[format];
  const width = Math.max(...groups.map((g) => g.columns.length));
  const body: GridCell[][] = [];
  for (const g of groups) {
    body.push([th(g.item, { colspan: width + 1, scope: 'colgroup' })]);
    // the last column widens so every block spans the full table (e.g. 本年增/减 in the fees block)
    const span = (k: number) => (k === g.columns.length - 1 && g.columns.length < width ? { colspan: width - g.columns.length + 1 } : {});
    body.push([th('信息内容', { scope: 'col' }), ...g.columns.map((c, k) => th(c.label, { scope: 'col', ...span(k) }))]);
    for (const r of g.rows) {
      body.push([
        th(r.label, { scope: 'row' }),
        ...g.columns.map((c, k) => ({ ...labelled(td(cellAt(stats.proactive[r.key]?.[c.key])), c.label), ...span(k) })),
      ]);
    }
  }
  return { caption: SECTION_TITLES.proactive, head: [], body };
}

export function applicationsGrid(format: NationalFormat, stats: Stats): Grid {
  const parts = APPLICANT_COLUMNS.slice(1, -1);
  const head: GridCell[][] = [
    [
      { text: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', header: false, colspan: 3, rowspan: 3 },
      th('申请人情况', { colspan: APPLICANT_COLUMNS.length, scope: 'colgroup' }),
    ],
    [
      th(APPLICANT_COLUMNS[0]!.label, { rowspan: 2, scope: 'col' }),
      th('法人或其他组织', { colspan: parts.length, scope: 'colgroup' }),
      th(APPLICANT_COLUMNS[APPLICANT_COLUMNS.length - 1]!.label, { rowspan: 2, scope: 'col' }),
    ],
    parts.map((c) => th(c.label, { scope: 'col' })),
  ];
  const rows = APPLICATION_ROWS[format];
  const body: GridCell[][] = [];
  rows.forEach((r, i) => {
    const row: GridCell[] = [];
    if (r.section && rows[i - 1]?.section !== r.section) {
      row.push(th(r.section, { rowspan: rows.filter((x) => x.section === r.section).length, scope: 'rowgroup' }));
    }
    if (r.group && rows[i - 1]?.group !== r.group) {
      row.push(th(r.group, { rowspan: rows.filter((x) => x.group === r.group).length, scope: 'rowgroup' }));
    }
    const labelSpan = r.group ? 1 : r.section ? 2 : 3;
    row.push(th(r.label, { scope: 'row', ...(labelSpan > 1 ? { colspan: labelSpan } : {}) }));
    const cells = (getPath(stats.applications, r.path) ?? {}) as Record<string, unknown>;
    for (const c of APPLICANT_COLUMNS) row.push(labelled(td(cellAt(cells[c.key])), c.label));
    body.push(row);
  });
  return { caption: SECTION_TITLES.applications, head, body };
}

export function reviewGrid(stats: Stats): Grid {
  const [review, ...litigation] = REVIEW_GROUPS;
  const head: GridCell[][] = [
    [
      th(review!.label, { colspan: REVIEW_COLUMNS.length, scope: 'colgroup' }),
      th('行政诉讼', { colspan: REVIEW_COLUMNS.length * litigation.length, scope: 'colgroup' }),
    ],
    [
      ...REVIEW_COLUMNS.map((c) => th(c.label, { rowspan: 2, scope: 'col' })),
      ...litigation.map((g) => th(g.label, { colspan: REVIEW_COLUMNS.length, scope: 'colgroup' })),
    ],
    litigation.flatMap(() => REVIEW_COLUMNS.map((c) => th(c.label, { scope: 'col' }))),
  ];
  const body = [REVIEW_GROUPS.flatMap((g) => REVIEW_COLUMNS.map((c) => labelled(td(cellAt(stats.reviewLitigation[g.key]?.[c.key])), `${g.label} ${c.label}`)))];
  return { caption: SECTION_TITLES.reviewLitigation, head, body };
}

/** The grid of one statutory table, as StatTable.astro prints it (and the search record reads it). */
export function statGrid(kind: TableKind, format: NationalFormat, stats: Stats): Grid {
  return kind === 'proactive' ? proactiveGrid(format, stats) : kind === 'applications' ? applicationsGrid(format, stats) : reviewGrid(stats);
}

/** What an empty cell says to a screen reader (hidden from sight; searched as part of the page's text). */
export const EMPTY_CELL_TEXT = '空';

/** Number of grid columns a row covers (for tests: every row must fill the table). */
export function rowWidth(grid: Grid, section: 'head' | 'body', index: number): number {
  const rows = grid[section];
  const occupied = new Map<number, number>(); // row index → columns taken by rowspans from above
  for (let i = 0; i < rows.length; i++) {
    for (const c of rows[i]!) {
      for (let k = 1; k < (c.rowspan ?? 1); k++) occupied.set(i + k, (occupied.get(i + k) ?? 0) + (c.colspan ?? 1));
    }
  }
  return rows[index]!.reduce((n, c) => n + (c.colspan ?? 1), 0) + (occupied.get(index) ?? 0);
}
