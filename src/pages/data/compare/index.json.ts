/** data/compare/index.json: the comparison builder's index (regions → counties → town slugs, years, each format's figure keys). */
import type { APIRoute } from 'astro';
import { loadReports } from '../../../utils/collection.ts';
import { compareIndex } from '../../../lib/exports/compare.ts';

export const GET: APIRoute = async () => {
  const { regions } = await loadReports();
  return new Response(JSON.stringify(compareIndex(regions)), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
