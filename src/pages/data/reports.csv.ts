/** data/reports.csv: one row per report, UTF-8 with BOM (the spec's export). */
import type { APIRoute } from 'astro';
import { loadReports } from '../../utils/collection.ts';
import { exportRecord, toCsv } from '../../lib/exports/reports.ts';

export const GET: APIRoute = async () => {
  const { inRegionOrder: sorted } = await loadReports();
  return new Response(toCsv(sorted.map((e) => exportRecord(e.id, e.data))), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
