/**
 * The report's own arithmetic (勾稽关系), as the spec lists it. A failed check
 * is shown on the report page and reported by `npm run check`; the figures are
 * never "fixed". Pure.
 */
import {
  APPLICANT_COLUMNS,
  APPLICANT_PARTS,
  APPLICATION_ROWS,
  REVIEW_GROUPS,
  REVIEW_PARTS,
  getPath,
  outcomeParts,
  type Cell,
  type CellRow,
  type NationalFormat,
  type Stats,
} from './template.ts';

export interface CheckResult {
  /** Stable id, e.g. applications.received.total or column.natural.balance */
  id: string;
  /** What is checked, in Chinese, as a reader would say it. */
  label: string;
  /** true: holds; false: broken; null: cannot tell (a cell is empty). */
  ok: boolean | null;
  /** The two sides of the identity. */
  left: number | null;
  right: number | null;
}

const sum = (cells: Cell[]): number | null =>
  cells.some((c) => c === null || c === undefined) ? null : cells.reduce<number>((a, c) => a + (c as number), 0);

/** Money cells may carry rounding; counts compare exactly. */
const same = (a: number, b: number) => Math.abs(a - b) < 1e-9;

function check(id: string, label: string, left: number | null, right: number | null): CheckResult {
  return { id, label, left, right, ok: left === null || right === null ? null : same(left, right) };
}

const row = (stats: Stats, path: string) => (getPath(stats.applications, path) ?? {}) as CellRow;

export function checkStats(format: NationalFormat, stats: Stats): CheckResult[] {
  const results: CheckResult[] = [];
  const rows = APPLICATION_ROWS[format];
  // each applications row: total = the sum of the six applicant columns
  for (const r of rows) {
    const cells = row(stats, r.path);
    results.push(
      check(
        `applications.${r.path}.total`,
        `“${r.label}”行：总计 = 各类申请人之和`,
        cells['total'] ?? null,
        sum(APPLICANT_PARTS.map((c) => cells[c.key] ?? null)),
      ),
    );
  }
  const parts = outcomeParts(format);
  for (const col of APPLICANT_COLUMNS) {
    const v = (path: string) => row(stats, path)[col.key] ?? null;
    // each column: received + carriedOver = outcomes.total + carriedForward
    results.push(
      check(
        `column.${col.key}.balance`,
        `“${col.label}”列：新收 + 上年结转 = 办理结果总计 + 结转下年度`,
        sum([v('received'), v('carriedOver')]),
        sum([v('outcomes.total'), v('carriedForward')]),
      ),
    );
    // each column: outcomes.total = the sum of all outcome rows
    results.push(
      check(
        `column.${col.key}.outcomes`,
        `“${col.label}”列：办理结果总计 = 各项办理结果之和`,
        v('outcomes.total'),
        sum(parts.map((p) => v(p.path))),
      ),
    );
  }
  // each review/litigation group: total = upheld + corrected + other + pending
  for (const g of REVIEW_GROUPS) {
    const cells = stats.reviewLitigation[g.key] ?? {};
    results.push(
      check(
        `reviewLitigation.${g.key}.total`,
        `${g.label}：总计 = 维持 + 纠正 + 其他结果 + 尚未审结`,
        cells['total'] ?? null,
        sum(REVIEW_PARTS.map((c) => cells[c.key] ?? null)),
      ),
    );
  }
  return results;
}
