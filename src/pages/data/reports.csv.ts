/** data/reports.csv: one row per report, UTF-8 with BOM (the spec's export). */
import type { APIRoute } from 'astro';
import { loadReports } from '../../utils/collection.ts';
import { exportRecord, toCsv } from '../../lib/exports/reports.ts';
import { byRegion, summarize } from '../../lib/site/reports.ts';

export const GET: APIRoute = async () => {
  const { entries } = await loadReports();
  const sorted = [...entries].sort((a, b) => byRegion(summarize(a), summarize(b)));
  return new Response(toCsv(sorted.map((e) => exportRecord(e.id, e.data))), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
