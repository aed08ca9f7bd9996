/** data/reports.json: every report with its stats (the spec's export). */
import type { APIRoute } from 'astro';
import { loadReports } from '../../utils/collection.ts';
import { exportRecord } from '../../lib/exports/reports.ts';

export const GET: APIRoute = async () => {
  const { inRegionOrder: sorted } = await loadReports();
  return new Response(JSON.stringify(sorted.map((e) => exportRecord(e.id, e.data)), null, 1), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
