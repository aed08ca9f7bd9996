/**
 * The rows of a report page's metadata table (src/components/MetadataTable.astro), in one place
 * because the search record is built from them too (src/lib/search/report-record.ts): a row the
 * page marks unsearched must be left out of the record as well.
 */
import type { ReportData } from '../schema.ts';
import { FORMAT_LABELS } from './labels.ts';

export interface MetadataRow {
  label: string;
  value: string;
  /**
   * Is the row searched? Hashes, file names, codes and format labels are not what people look for
   * (2019 would match every report through 全国统一格式（2019年版）): the page marks them data-pagefind-ignore.
   */
  searched: boolean;
}

/** The rows that have a value, in the page's order (the SHA-256 row, never searched, is the component's own). */
export function metadataRows(data: ReportData): MetadataRow[] {
  const region = [data.province, data.city && data.city !== data.province ? data.city : undefined, data.county, data.town].filter(Boolean).join(' ');
  const rows: [string, string | undefined, boolean][] = [
    ['发布机构', data.agency, true],
    ['所属地区', region, true],
    ['报告年度', `${data.year}年`, true],
    ['成文日期', data.date, true],
    ['发布日期', data.published, true],
    ['索引号', data.indexNo, true],
    ['区划代码', data.code, false],
    ['报告格式', FORMAT_LABELS[data.format], false],
    ['来源文件', data.source.file, false],
  ];
  return rows.filter((r): r is [string, string, boolean] => !!r[1]).map(([label, value, searched]) => ({ label, value, searched }));
}
