/** data/findings.csv: the same findings as data/findings.json, Chinese headers, for Excel. */
import type { APIRoute } from 'astro';
import { findingRecords, findingsCsv } from '../../lib/findings/export.ts';
import { archiveFindings } from '../../utils/findings.ts';

export const GET: APIRoute = async () => {
  const { all } = await archiveFindings();
  return new Response(findingsCsv(findingRecords(all)), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
