/**
 * Checks across reports, which no single report's page can make: what the
 * archive shows by holding every year of every town.
 * - continuity: a year's 上年结转 (carriedOver) equals the previous year's
 *   结转下年度继续办理 (carriedForward) of the same town, per applicant column
 *   (the 2019 and 2021 formats share these keys);
 * - text against table: a figure the narrative states ("全年共收到政府信息公开
 *   申请3件", "行政复议0件") against the statutory table;
 * - gaps: a year missing between two reported years of a town;
 * - format against year: a 2021-format table before 2021, a 2019-format table
 *   from 2021 on, a free-form report after 2020.
 * Pure: the build (数据核查 pages, data/findings.*) and `npm run check` call it.
 */
import type { ReportData } from '../schema.ts';
import { APPLICANT_COLUMNS, getPath } from '../stats/template.ts';
import type { Warning } from '../warnings.ts';

export type CrossCode = 'cross.continuity' | 'cross.text-table' | 'cross.gap' | 'cross.format-year';

export interface CrossFinding extends Warning<CrossCode> {
  /** the report the finding is shown on */
  id: string;
  /** the report on the other side (the previous year), when there is one */
  otherId?: string;
  /** the cells compared (dotted paths inside stats) */
  keys: string[];
  /** the value in this report, and on the other side (the other report, or the narrative) */
  here: number | string | null;
  there: number | string | null;
  zh: string;
}

export interface CrossInput {
  id: string;
  data: ReportData;
  /** the Markdown body, for figures the text states; may be omitted */
  body?: string;
}

export const CROSS_KINDS: Record<CrossCode, string> = {
  'cross.continuity': '结转数不衔接',
  'cross.text-table': '正文与表格不一致',
  'cross.gap': '年度缺失',
  'cross.format-year': '格式与年度不符',
};

const cell = (d: ReportData, path: string): number | null => {
  const v = d.stats ? getPath(d.stats, path) : undefined;
  return typeof v === 'number' ? v : null;
};

/** Figures the narrative states, as [stats path, pattern]: only wordings that name one table cell. */
const STATED: { path: string[]; what: string; re: RegExp }[] = [
  {
    path: ['applications.received.total'],
    what: '本年新收政府信息公开申请',
    // not a clause about last year's or carried-over applications
    re: /(?<![上去]年[^。；\n，,]{0,10}|结转[^。；\n，,]{0,6})(?:收到|受理|接收|新收)[^。；\n，,]{0,6}?(?:政府信息公开|依申请公开)申请[^。；\n\d]{0,3}?(\d{1,6})\s*[件个条份]/g,
  },
  {
    path: ['reviewLitigation.review.total'],
    what: '行政复议',
    re: /(?:政府信息公开)?(?:引起|发生|收到|涉及)?行政复议(?:案件|申请)?[^。；\n\d]{0,3}?(\d{1,6})\s*[件起个]/g,
  },
  {
    path: ['reviewLitigation.litigationDirect.total', 'reviewLitigation.litigationAfterReview.total'],
    what: '行政诉讼',
    re: /(?:政府信息公开)?(?:引起|发生|收到|涉及)?行政诉讼(?:案件)?[^。；\n\d]{0,3}?(\d{1,6})\s*[件起个]/g,
  },
];

/** The line of the body a match is on (1-based, in the body). */
const lineAt = (text: string, index: number) => text.slice(0, index).split('\n').length;

export function crossFindings(reports: CrossInput[]): CrossFinding[] {
  const out: CrossFinding[] = [];
  const byTown = new Map<string, CrossInput[]>();
  for (const r of reports) {
    const town = r.id.split('/')[0]!;
    byTown.set(town, [...(byTown.get(town) ?? []), r]);
  }
  for (const [, list] of byTown) {
    list.sort((a, b) => a.data.year - b.data.year);
    for (let i = 0; i < list.length; i++) {
      const r = list[i]!;
      const prev = list[i - 1];
      // continuity with the previous year
      if (prev && prev.data.year === r.data.year - 1 && prev.data.stats && r.data.stats) {
        for (const c of APPLICANT_COLUMNS) {
          const here = cell(r.data, `applications.carriedOver.${c.key}`);
          const there = cell(prev.data, `applications.carriedForward.${c.key}`);
          if (here === null || there === null || here === there) continue;
          out.push({
            code: 'cross.continuity',
            id: r.id,
            otherId: prev.id,
            keys: [`applications.carriedOver.${c.key}`, `applications.carriedForward.${c.key}`],
            here,
            there,
            field: `stats.applications.carriedOver.${c.key}`,
            message: `${r.id}: carriedOver.${c.key} is ${here}, but ${prev.id} carried forward ${there}`,
            zh: `“上年结转政府信息公开申请数量”（${c.label}）为${here}，而${prev.data.year}年报告“结转下年度继续办理”为${there}`,
          });
        }
      }
      // a year missing between two reported ones
      if (prev && r.data.year - prev.data.year > 1) {
        for (let y = prev.data.year + 1; y < r.data.year; y++) {
          out.push({
            code: 'cross.gap',
            id: r.id,
            otherId: prev.id,
            keys: [],
            here: y,
            there: null,
            message: `${r.data.town}: no report for ${y}, between ${prev.data.year} and ${r.data.year}`,
            zh: `${r.data.town}有${prev.data.year}年和${r.data.year}年的报告，缺少${y}年`,
          });
        }
      }
    }
  }
  for (const r of reports) {
    const { year, format } = r.data;
    const wrong =
      format === 'national-2021' && year < 2021
        ? `${year}年的报告使用了2021年版表格（适用于2021年及以后的年度报告）`
        : format === 'national-2019' && year >= 2021
          ? `${year}年的报告使用了2019年版表格（2021年及以后的年度报告应使用2021年版）`
          : format === 'free' && year > 2020
            ? `${year}年的报告没有全国统一格式的统计表`
            : undefined;
    if (wrong) {
      out.push({ code: 'cross.format-year', id: r.id, keys: [], here: format, there: year, field: 'format', message: `${r.id}: format ${format} does not fit the year ${year}`, zh: wrong });
    }
    // figures the text states against the table
    if (r.body && r.data.stats) {
      for (const s of STATED) {
        const table = s.path.map((p) => cell(r.data, p));
        if (table.some((v) => v === null)) continue;
        const sum = (table as number[]).reduce((a, b) => a + b, 0);
        for (const m of r.body.matchAll(s.re)) {
          const stated = Number(m[1]);
          if (stated === sum) continue;
          out.push({
            code: 'cross.text-table',
            id: r.id,
            keys: s.path,
            here: sum,
            there: stated,
            line: lineAt(r.body, m.index),
            message: `${r.id}: the text says "${m[0]}" but the table gives ${sum}`,
            zh: `正文写“${m[0]}”，统计表中${s.what}为${sum}件`,
          });
        }
      }
    }
  }
  return out;
}

/** Findings per kind, in CROSS_KINDS order. */
export function countByKind(findings: CrossFinding[]): { code: CrossCode; label: string; count: number }[] {
  return (Object.keys(CROSS_KINDS) as CrossCode[]).map((code) => ({ code, label: CROSS_KINDS[code], count: findings.filter((f) => f.code === code).length }));
}

