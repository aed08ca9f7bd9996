/** /years/<year>/reports-zh.csv: that year's reports with Chinese headers and values, as data/reports-zh.csv. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { loadReports } from '../../../utils/collection.ts';
import { exportRecord, toCsvZh } from '../../../lib/exports/reports.ts';

export const getStaticPaths: GetStaticPaths = async () => {
  const { entries } = await loadReports();
  return [...new Set(entries.map((e) => e.data.year))].map((year) => ({ params: { year: String(year) } }));
};

export const GET: APIRoute = async ({ params }) => {
  const { entries } = await loadReports();
  const rows = entries.filter((e) => String(e.data.year) === params.year).map((e) => exportRecord(e.id, e.data));
  return new Response(toCsvZh(rows), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
