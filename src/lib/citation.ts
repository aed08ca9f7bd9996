/**
 * A GB/T 7714-2015 reference for a report published online:
 * 发布机构. 题名[R/OL]. (成文或发布日期)[引用日期]. URL.
 * Used on report pages (with a copy button) and in the report's JSON.
 */
import type { ReportData } from './schema.ts';

export function gbt7714(d: ReportData, url: string, cited: string): string {
  const issuer = d.agency.startsWith(d.county) ? d.agency : `${d.county}${d.agency}`;
  const when = d.date ?? d.published;
  return `${issuer}. ${d.title}[R/OL]. ${when ? `(${when})` : ''}[${cited}]. ${url}.`;
}
