/** The pre-built orders of a year page (no JavaScript needed to sort). */
import type { KeyFigures } from '../stats/figures.ts';
import { byRegion, type ReportSummary } from './reports.ts';

export interface YearSort {
  key: string;
  /** Sub-path under /years/<year>/ ('' for the default page). */
  path: string;
  label: string;
  figure?: keyof KeyFigures;
}

export const YEAR_SORTS: YearSort[] = [
  { key: 'region', path: '', label: '按地区' },
  { key: 'received', path: 'by-received', label: '按新收申请数', figure: 'received' },
  { key: 'granted', path: 'by-granted', label: '按予以公开数', figure: 'granted' },
  { key: 'review', path: 'by-review', label: '按行政复议数', figure: 'review' },
];

/** Largest first; reports without the figure last, in region order. */
export function sortReports(reports: ReportSummary[], key: string): ReportSummary[] {
  const sort = YEAR_SORTS.find((s) => s.key === key);
  const figure = sort?.figure;
  if (!figure) return [...reports].sort(byRegion);
  return [...reports].sort((a, b) => {
    const x = a.figures[figure];
    const y = b.figures[figure];
    if (x === null && y === null) return byRegion(a, b);
    if (x === null) return 1;
    if (y === null) return -1;
    return y - x || byRegion(a, b);
  });
}
