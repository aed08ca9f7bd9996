/** data/reports-zh.csv: the same rows as data/reports.csv with the official Chinese labels as headers and Chinese values (for Excel). */
import type { APIRoute } from 'astro';
import { loadReports } from '../../utils/collection.ts';
import { exportRecord, toCsvZh } from '../../lib/exports/reports.ts';

export const GET: APIRoute = async () => {
  const { inRegionOrder: sorted } = await loadReports();
  return new Response(toCsvZh(sorted.map((e) => exportRecord(e.id, e.data))), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
