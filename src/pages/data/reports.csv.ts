/** data/reports.csv: one row per report, UTF-8 with BOM (the spec's export). */
import type { APIRoute } from 'astro';
import { loadReports } from '../../utils/collection.ts';
import { exportRecord, toCsv } from '../../lib/exports/reports.ts';
import { byRegion } from '../../lib/site/reports.ts';

export const GET: APIRoute = async () => {
  const { entries, summaries } = await loadReports();
  // summaries[i] is entries[i]'s: summarizing inside the comparator cost O(n log n) summaries
  const sorted = entries.map((e, i) => ({ e, s: summaries[i]! })).sort((a, b) => byRegion(a.s, b.s)).map((x) => x.e);
  return new Response(toCsv(sorted.map((e) => exportRecord(e.id, e.data))), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
