/** data/compare/<province>/<county>.json: one county's towns and their figures, for the comparison builder. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { loadReports } from '../../../../utils/collection.ts';
import { compareCounty } from '../../../../lib/exports/compare.ts';
import type { ReportData } from '../../../../lib/schema.ts';

export const getStaticPaths: GetStaticPaths = async () => {
  const { regions } = await loadReports();
  return regions.flatMap((p) => p.counties.map((c) => ({ params: { province: p.slug, county: c.slug } })));
};

let byId: Map<string, ReportData> | undefined;

export const GET: APIRoute = async ({ params }) => {
  const { regions, entries } = await loadReports();
  const data = (byId ??= new Map(entries.map((e) => [e.id, e.data])));
  const province = regions.find((p) => p.slug === params.province)!;
  const county = compareCounty(province, params.county!, (id) => data.get(id)!);
  return new Response(JSON.stringify(county), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
