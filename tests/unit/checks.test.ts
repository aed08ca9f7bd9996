import { describe, expect, it } from 'vitest';
import { checkStats } from '../../src/lib/stats/checks.ts';
import { keyFigures } from '../../src/lib/stats/figures.ts';
import { APPLICANT_COLUMNS, emptyStats, getPath, type CellRow } from '../../src/lib/stats/template.ts';

function filled(format: 'national-2019' | 'national-2021', n: number) {
  const stats = emptyStats(format);
  const zero = (row: CellRow) => Object.keys(row).forEach((k) => (row[k] = 0));
  for (const r of Object.values(stats.proactive)) zero(r);
  for (const r of Object.values(stats.reviewLitigation)) zero(r);
  const walk = (o: Record<string, unknown>) => {
    for (const v of Object.values(o)) {
      const row = v as Record<string, unknown>;
      if ('total' in row && 'natural' in row) zero(row as CellRow);
      else walk(row);
    }
  };
  walk(stats.applications);
  // n natural-person applications received, all granted
  for (const path of ['received', 'outcomes.granted', 'outcomes.total']) {
    const row = getPath(stats.applications, path) as CellRow;
    row['natural'] = n;
    row['total'] = n;
  }
  return stats;
}

describe('勾稽关系', () => {
  it('a consistent report passes every check', () => {
    for (const f of ['national-2019', 'national-2021'] as const) {
      const results = checkStats(f, filled(f, 5));
      expect(results.filter((r) => r.ok !== true)).toEqual([]);
    }
  });
  it('finds a row total that is not the sum of its columns', () => {
    const stats = filled('national-2019', 5);
    (stats.applications.received as CellRow)['total'] = 6;
    const broken = checkStats('national-2019', stats).filter((r) => r.ok === false).map((r) => r.id);
    expect(broken).toContain('applications.received.total');
    expect(broken).toContain('column.total.balance');
  });
  it('finds outcome rows that do not add up to 总计', () => {
    const stats = filled('national-2021', 5);
    (getPath(stats.applications, 'outcomes.otherHandling.feeUnpaid') as CellRow)['natural'] = 1;
    const broken = checkStats('national-2021', stats).filter((r) => r.ok === false).map((r) => r.id);
    expect(broken).toContain('column.natural.outcomes');
  });
  it('cannot tell when a cell is empty', () => {
    const stats = filled('national-2019', 5);
    stats.reviewLitigation['review']!['pending'] = null;
    expect(checkStats('national-2019', stats).find((r) => r.id === 'reviewLitigation.review.total')!.ok).toBeNull();
  });
  it('key figures read the totals', () => {
    const stats = filled('national-2019', 5);
    stats.reviewLitigation['litigationDirect']!['total'] = 2;
    expect(keyFigures('national-2019', stats)).toMatchObject({ received: 5, granted: 5, handled: 5, review: 0, litigation: 2 });
    expect(keyFigures('free', undefined).received).toBeNull();
    expect(APPLICANT_COLUMNS.at(-1)!.key).toBe('total');
  });
});
