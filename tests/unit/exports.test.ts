import { expect, it } from 'vitest';
import { exportRecord, statColumns, toCsv } from '../../src/lib/exports/reports.ts';
import { emptyStats } from '../../src/lib/stats/template.ts';
import type { ReportData } from '../../src/lib/schema.ts';

const data: ReportData = {
  title: '某镇2020年政府信息公开工作年度报告',
  town: '某镇',
  county: '某县',
  year: 2020,
  agency: '某镇人民政府',
  format: 'national-2019',
  source: { file: 'a,"b".txt', sha256: 'a'.repeat(64) },
  stats: emptyStats('national-2019'),
};
data.stats!.applications.received['total'] = 7;

it('CSV starts with a BOM, quotes fields and flattens stats', () => {
  const csv = toCsv([exportRecord('mouxian-mouzhen/2020', data)]);
  expect(csv.startsWith('\ufeffid,url,title')).toBe(true);
  const [header, row] = csv.slice(1).trim().split('\r\n');
  const cols = header!.split(',');
  expect(cols).toContain('applications.received.total');
  expect(cols.filter((c) => c === 'applications.outcomes.otherHandling.other.total')).toHaveLength(1);
  expect(row).toContain('"a,""b"".txt"');
  expect(row!.split(',')[1]).toBe('/reports/mouxian-mouzhen/2020/');
});
it('stat columns cover both formats once each', () => {
  const cols = statColumns();
  expect(new Set(cols).size).toBe(cols.length);
  expect(cols).toContain('proactive.rules.made');
  expect(cols).toContain('proactive.rules.issued');
  expect(cols).toContain('applications.outcomes.otherHandling.feeUnpaid.natural');
});
