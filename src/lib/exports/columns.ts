/**
 * Every column of the CSV exports, described once: the stable key scripts use
 * (data/reports.csv's header), the Chinese label people read (data/reports-zh.csv's
 * header: the official row and column labels of the national tables, from the
 * stats template), the type and the unit. data/datapackage.json (Frictionless
 * Data Package) is written from this list, so the two headers and the
 * description never drift apart.
 */
import { FORMAT_LABELS } from '../site/labels.ts';
import { APPLICANT_COLUMNS, APPLICATION_ROWS, NATIONAL_FORMATS, PROACTIVE, REVIEW_COLUMNS, REVIEW_GROUPS, SECTION_TITLES, type NationalFormat } from '../stats/template.ts';

export interface ExportColumn {
  /** stable machine key: the header of data/reports.csv, a dotted path into data/reports.json */
  key: string;
  /** Chinese label: the header of data/reports-zh.csv */
  label: string;
  type: 'string' | 'integer' | 'number' | 'date';
  unit?: string;
  description?: string;
  /** for values coded in data/reports.csv: what each code means (shown in reports-zh.csv) */
  values?: Record<string, string>;
}

const SCALARS: ExportColumn[] = [
  { key: 'id', label: '报告编号', type: 'string', description: '<乡镇拼音>/<年度>，即报告页面地址中的部分' },
  { key: 'url', label: '报告网址', type: 'string', description: '报告页面相对于网站根目录的路径' },
  { key: 'title', label: '标题', type: 'string' },
  { key: 'town', label: '乡镇（街道）', type: 'string' },
  { key: 'county', label: '所属县（市、区）', type: 'string', description: '按原文所写' },
  { key: 'city', label: '所属地级市', type: 'string' },
  { key: 'province', label: '省份', type: 'string' },
  { key: 'year', label: '报告年度', type: 'integer', description: '报告所述年度（不是发布年份）' },
  { key: 'agency', label: '发布机构', type: 'string' },
  { key: 'code', label: '统计用区划代码', type: 'string' },
  { key: 'indexNo', label: '索引号', type: 'string' },
  { key: 'date', label: '成文日期', type: 'date' },
  { key: 'published', label: '发布日期', type: 'date' },
  { key: 'format', label: '报告格式', type: 'string', values: FORMAT_LABELS },
  { key: 'source.file', label: '原始文件名', type: 'string' },
  { key: 'source.sha256', label: '原始文件SHA-256', type: 'string' },
  { key: 'source.url', label: '原始网址', type: 'string' },
  { key: 'source.retrieved', label: '获取日期', type: 'date' },
];

/** 件, 条, 万元 … as the column's label says. */
function unitOf(label: string, decimal?: boolean): string {
  if (/万元/.test(label)) return '万元';
  if (decimal) return '万元';
  if (/件数/.test(label)) return '件';
  return '件';
}

/** The statistics cells of one national format, in table order (its proactive, applications and review tables). */
function formatCells(f: NationalFormat): ExportColumn[] {
  const out: ExportColumn[] = [];
  for (const g of PROACTIVE[f]) {
    for (const r of g.rows) {
      for (const c of g.columns) {
        out.push({ key: `proactive.${r.key}.${c.key}`, label: `${SECTION_TITLES.proactive}｜${g.item}｜${r.label}｜${c.label}`, type: c.decimal ? 'number' : 'integer', unit: unitOf(c.label, c.decimal) });
      }
    }
  }
  for (const r of APPLICATION_ROWS[f]) {
    for (const c of APPLICANT_COLUMNS) {
      const row = [r.section, r.group, r.label].filter(Boolean).join('｜');
      out.push({ key: `applications.${r.path}.${c.key}`, label: `${SECTION_TITLES.applications}｜${row}｜${c.label}`, type: 'integer', unit: '件' });
    }
  }
  for (const g of REVIEW_GROUPS) {
    for (const c of REVIEW_COLUMNS) {
      out.push({ key: `reviewLitigation.${g.key}.${c.key}`, label: `${SECTION_TITLES.reviewLitigation}｜${g.label}｜${c.label}`, type: 'integer', unit: '件' });
    }
  }
  return out;
}

/** The stats keys a report of this format has, in table order: a key not listed is not in the format (不适用). */
export function formatStatKeys(f: NationalFormat): string[] {
  return formatCells(f).map((c) => c.key);
}

/** The statistics columns of both national formats, in table order, each key once. */
function statColumns(): ExportColumn[] {
  const out = new Map<string, ExportColumn>();
  const add = (c: ExportColumn, format: string) => {
    const had = out.get(c.key);
    if (!had) out.set(c.key, { ...c, description: `${c.description ?? ''}${c.description ? '；' : ''}见于${format}` });
    else if (!had.description?.includes(format)) {
      had.description += had.label === c.label ? `、${format}` : `；${format}中为“${c.label}”`;
    }
  };
  for (const f of NATIONAL_FORMATS) {
    const fl = FORMAT_LABELS[f].replace('全国统一格式', '');
    for (const c of formatCells(f)) {
      if (c.key.startsWith('reviewLitigation.')) continue;
      add(c, fl);
    }
  }
  for (const c of formatCells('national-2019').filter((x) => x.key.startsWith('reviewLitigation.'))) {
    out.set(c.key, { ...c, description: '见于两种全国统一格式' });
  }
  // one label for one column: a label two keys would share gets its key appended
  const seen = new Map<string, number>();
  for (const c of out.values()) seen.set(c.label, (seen.get(c.label) ?? 0) + 1);
  for (const c of out.values()) if (seen.get(c.label)! > 1) c.label = `${c.label}（${c.key}）`;
  return [...out.values()];
}

let cached: ExportColumn[] | undefined;
export function exportColumns(): ExportColumn[] {
  return (cached ??= [...SCALARS, ...statColumns()]);
}
