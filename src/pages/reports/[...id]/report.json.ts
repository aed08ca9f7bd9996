/** /reports/<id>/report.json: the report's data (as in data/reports.json) with its citation and checks. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { exportRecord } from '../../../lib/exports/reports.ts';
import { checkStats } from '../../../lib/stats/checks.ts';
import type { NationalFormat } from '../../../lib/stats/template.ts';
import { reportsToRender, type ReportEntry } from '../../../utils/collection.ts';

export const getStaticPaths: GetStaticPaths = async () => (await reportsToRender()).map((entry) => ({ params: { id: entry.id }, props: { entry } }));

export const GET: APIRoute = ({ props }) => {
  const { entry } = props as { entry: ReportEntry };
  const d = entry.data;
  const checks = d.format !== 'free' && d.stats ? checkStats(d.format as NationalFormat, d.stats) : [];
  return new Response(JSON.stringify({ ...exportRecord(entry.id, d), notes: d.notes ?? [], checks }, null, 1), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
