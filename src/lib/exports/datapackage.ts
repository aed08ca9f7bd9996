/**
 * data/datapackage.json: a Frictionless Data Package describing the exports,
 * so scripts can rely on stable keys while people read Chinese headers. Each
 * CSV field carries its key, its Chinese title, its type and unit; the
 * Chinese CSV's fields are named by their labels and map back to the keys.
 */
import { exportColumns, type ExportColumn } from './columns.ts';
import { FINDING_COLUMNS } from '../findings/export.ts';

const TYPES: Record<ExportColumn['type'], string> = { string: 'string', integer: 'integer', number: 'number', date: 'date' };

function field(c: ExportColumn, name: string) {
  return {
    name,
    title: c.label,
    type: TYPES[c.type],
    ...(c.type === 'date' ? { format: '%Y-%m-%d' } : {}),
    ...(c.unit ? { unit: c.unit } : {}),
    ...(c.description ? { description: c.description } : {}),
    ...(c.values ? { values: c.values } : {}),
    key: c.key,
  };
}

export function dataPackage(siteName: string): string {
  const cols = exportColumns();
  const csvDialect = { delimiter: ',', lineTerminator: '\r\n', header: true };
  const pkg = {
    profile: 'data-package',
    name: 'nianbao-reports',
    title: `${siteName}：政府信息公开工作年度报告数据`,
    description: '每份报告一行：基本信息与法定统计表（全国统一格式2019年版、2021年版）的每一格；空格表示原文未填写或无法识别。',
    resources: [
      {
        name: 'reports-csv',
        path: 'reports.csv',
        title: '报告数据（CSV，字段名为稳定的英文键，供程序使用）',
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8-sig',
        dialect: csvDialect,
        schema: { fields: cols.map((c) => field(c, c.key)), primaryKey: ['id'] },
      },
      {
        name: 'reports-zh-csv',
        path: 'reports-zh.csv',
        title: '报告数据（CSV，中文表头与中文取值，Excel 可直接打开）',
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8-sig',
        dialect: csvDialect,
        schema: { fields: cols.map((c) => field(c, c.label)), primaryKey: ['报告编号'] },
      },
      {
        name: 'findings-csv',
        path: 'findings.csv',
        title: '数据核查结果（CSV，中文表头）：跨年度、跨报告核对发现的问题',
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8-sig',
        dialect: csvDialect,
        schema: { fields: FINDING_COLUMNS.map((c) => ({ name: c.label, title: c.label, type: 'string', key: c.key })) },
      },
      {
        name: 'findings-json',
        path: 'findings.json',
        title: '数据核查结果（JSON）：report id、kind、keys、here（本报告数值）、there（对照数值）、otherId、message',
        format: 'json',
        mediatype: 'application/json',
        encoding: 'utf-8',
      },
      {
        name: 'reports-json',
        path: 'reports.json',
        title: '报告数据（JSON，每份报告一个对象，stats 为法定统计表）',
        format: 'json',
        mediatype: 'application/json',
        encoding: 'utf-8',
      },
    ],
  };
  return `${JSON.stringify(pkg, null, 1)}\n`;
}
