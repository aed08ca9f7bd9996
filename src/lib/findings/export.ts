/** data/findings.json and data/findings.csv: the cross-report findings for outside tools. */
import { neutraliseCell } from '../exports/csv-safe.ts';
import { reportPath } from '../site/urls.ts';
import { CROSS_KINDS, type CrossFinding } from './cross.ts';

export interface FindingRecord {
  id: string;
  url: string;
  kind: string;
  kindLabel: string;
  keys: string[];
  here: number | string | null;
  there: number | string | null;
  otherId: string | null;
  message: string;
}

export function findingRecords(findings: CrossFinding[]): FindingRecord[] {
  return findings.map((f) => ({
    id: f.id,
    url: `/${reportPath(f.id)}`,
    kind: f.code,
    kindLabel: CROSS_KINDS[f.code],
    keys: f.keys,
    here: f.here,
    there: f.there,
    otherId: f.otherId ?? null,
    message: f.zh,
  }));
}

export const FINDING_COLUMNS: { key: keyof FindingRecord; label: string }[] = [
  { key: 'id', label: '报告编号' },
  { key: 'url', label: '报告网址' },
  { key: 'kind', label: '类型代码' },
  { key: 'kindLabel', label: '类型' },
  { key: 'keys', label: '涉及单元格' },
  { key: 'here', label: '本报告数值' },
  { key: 'there', label: '对照数值' },
  { key: 'otherId', label: '对照报告' },
  { key: 'message', label: '说明' },
];

const field = (v: unknown) => {
  if (v === null || v === undefined) return '';
  const s = String(neutraliseCell(Array.isArray(v) ? v.join(' ') : (v as string | number)));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function findingsCsv(records: FindingRecord[]): string {
  const lines = [FINDING_COLUMNS.map((c) => c.label).join(','), ...records.map((r) => FINDING_COLUMNS.map((c) => field(r[c.key])).join(','))];
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
