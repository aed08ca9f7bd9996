/**
 * Key figures of a report, the same few numbers on town pages, year pages,
 * charts and CSV exports. Pure.
 */
import { getPath, type Cell, type Stats } from './template.ts';
import type { Format } from './template.ts';

export interface KeyFigures {
  /** 本年新收申请 (applications received this year, all applicants) */
  received: Cell;
  /** 办理结果总计 */
  handled: Cell;
  /** 予以公开 */
  granted: Cell;
  /** 行政复议总计 */
  review: Cell;
  /** 行政诉讼总计 (direct + after review) */
  litigation: Cell;
  /** 主动公开: new rules and normative documents made/issued this year */
  proactive: Cell;
}

export const KEY_FIGURE_LABELS: Record<keyof KeyFigures, string> = {
  received: '新收申请',
  handled: '办结',
  granted: '予以公开',
  review: '行政复议',
  litigation: '行政诉讼',
  proactive: '新制发文件',
};

const cell = (v: unknown): Cell => (typeof v === 'number' ? v : null);
const add = (...cs: Cell[]): Cell => (cs.every((c) => c === null) ? null : cs.reduce<number>((a, c) => a + (c ?? 0), 0));

export function keyFigures(format: Format, stats: Stats | undefined): KeyFigures {
  if (format === 'free' || !stats) {
    return { received: null, handled: null, granted: null, review: null, litigation: null, proactive: null };
  }
  const a = (path: string) => cell(getPath(stats.applications, path));
  const r = (path: string) => cell(getPath(stats.reviewLitigation, path));
  const made = format === 'national-2019' ? 'published' : 'issued';
  return {
    received: a('received.total'),
    handled: a('outcomes.total.total'),
    granted: a('outcomes.granted.total'),
    review: r('review.total'),
    litigation: add(r('litigationDirect.total'), r('litigationAfterReview.total')),
    proactive: add(cell(getPath(stats.proactive, `rules.${made}`)), cell(getPath(stats.proactive, `normativeDocs.${made}`))),
  };
}
