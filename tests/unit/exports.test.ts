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

it('the Chinese CSV has the official labels as headers and Chinese values, in the same column order', async () => {
  const { toCsvZh } = await import('../../src/lib/exports/reports.ts');
  const zh = toCsvZh([exportRecord('mouxian-mouzhen/2020', data)]);
  expect(zh.startsWith('\ufeff报告编号,报告网址,标题,乡镇（街道）,所属县（市、区）')).toBe(true);
  const [header, row] = zh.slice(1).trim().split('\r\n');
  const en = toCsv([exportRecord('mouxian-mouzhen/2020', data)]).slice(1).trim().split('\r\n');
  expect(header!.split(',')).toHaveLength(en[0]!.split(',').length);
  // no dotted English key left in the header; every header once
  expect(header).not.toMatch(/[a-z]+\.[a-z]+/);
  expect(new Set(header!.split(',')).size).toBe(header!.split(',').length);
  // written out by hand from the national 2019 template: section, row and column labels
  expect(header!.split(',')).toContain('三、收到和处理政府信息公开申请情况｜一、本年新收政府信息公开申请数量｜总计');
  expect(header!.split(',')).toContain('三、收到和处理政府信息公开申请情况｜三、本年度办理结果｜（三）不予公开｜1.属于国家秘密｜自然人');
  expect(header!.split(',')).toContain('四、政府信息公开行政复议、行政诉讼情况｜行政复议｜结果维持');
  expect(row).toContain('全国统一格式（2019年版）');
  expect(row).not.toContain('national-2019');
  const at = header!.split(',').indexOf('三、收到和处理政府信息公开申请情况｜一、本年新收政府信息公开申请数量｜总计');
  expect(row!.split(',')[at + 1]).toBe('7'); // +1: the file name cell "a,""b"".txt" holds one comma
});

it('datapackage.json describes every column of both CSVs with key, label, type and unit', async () => {
  const { dataPackage } = await import('../../src/lib/exports/datapackage.ts');
  const { toCsvZh } = await import('../../src/lib/exports/reports.ts');
  const pkg = JSON.parse(dataPackage('测试库'));
  const [en, zh] = pkg.resources as { path: string; schema: { fields: { name: string; title: string; type: string; key: string; unit?: string }[] } }[];
  const enHeader = toCsv([]).slice(1).trim().split(',');
  const zhHeader = toCsvZh([]).slice(1).trim().split(',');
  expect(en!.schema.fields.map((f) => f.name)).toEqual(enHeader);
  expect(zh!.schema.fields.map((f) => f.name)).toEqual(zhHeader);
  expect(zh!.schema.fields.map((f) => f.key)).toEqual(enHeader);
  const received = en!.schema.fields.find((f) => f.name === 'applications.received.total')!;
  expect(received).toMatchObject({ type: 'integer', unit: '件' });
  expect(en!.schema.fields.find((f) => f.name === 'proactive.fees.amount')).toMatchObject({ type: 'number', unit: '万元' });
  expect(en!.schema.fields.find((f) => f.name === 'date')).toMatchObject({ type: 'date', title: '成文日期' });
});
