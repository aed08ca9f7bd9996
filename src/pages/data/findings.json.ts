/** data/findings.json: every cross-report finding (report id, kind, keys, the values on both sides). */
import type { APIRoute } from 'astro';
import { findingRecords } from '../../lib/findings/export.ts';
import { archiveFindings } from '../../utils/findings.ts';

export const GET: APIRoute = async () => {
  const { all } = await archiveFindings();
  return new Response(`${JSON.stringify(findingRecords(all), null, 1)}\n`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
