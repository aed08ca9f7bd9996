/** Display names shared by pages, filters and exports. */
import type { Format } from '../stats/template.ts';

export const FORMAT_LABELS: Record<Format, string> = {
  free: '自由格式（无法定统计表）',
  'national-2019': '全国统一格式（2019年版）',
  'national-2021': '全国统一格式（2021年版）',
};
export const FORMAT_SHORT: Record<Format, string> = {
  free: '自由格式',
  'national-2019': '2019版表格',
  'national-2021': '2021版表格',
};
