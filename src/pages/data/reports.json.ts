/** data/reports.json: every report with its stats (the spec's export). */
import type { APIRoute } from 'astro';
import { loadReports } from '../../utils/collection.ts';
import { exportRecord } from '../../lib/exports/reports.ts';
import { byRegion } from '../../lib/site/reports.ts';

export const GET: APIRoute = async () => {
  const { entries, summaries } = await loadReports();
  // summaries[i] is entries[i]'s: summarizing inside the comparator cost O(n log n) summaries
  const sorted = entries.map((e, i) => ({ e, s: summaries[i]! })).sort((a, b) => byRegion(a.s, b.s)).map((x) => x.e);
  return new Response(JSON.stringify(sorted.map((e) => exportRecord(e.id, e.data)), null, 1), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
