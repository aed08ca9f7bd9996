/** /sitemap.xml: every page of the archive (absolute URLs need site.url; otherwise root-relative paths). */
import type { APIRoute } from 'astro';
import { regions, towns, years } from '../lib/site/reports.ts';
import { href, provincePath, reportPath, townPath, yearPath, UNKNOWN_PROVINCE } from '../lib/site/urls.ts';
import { site } from '../site.config.ts';
import { loadReports } from '../utils/collection.ts';

export const GET: APIRoute = async () => {
  const { summaries } = await loadReports();
  const base = import.meta.env.BASE_URL;
  const abs = (p: string) => (site.url ? new URL(href(base, p), site.url).href : href(base, p));
  const prov = (name: string) => (name === UNKNOWN_PROVINCE ? undefined : name);
  const paths = [
    '',
    'regions/',
    'years/',
    'search/',
    'compare/',
    ...summaries.map((r) => reportPath(r.id)),
    ...towns(summaries).map((t) => townPath(t.slug)),
    ...years(summaries).map((y) => yearPath(y.year)),
    ...regions(summaries).flatMap((p) => [provincePath(prov(p.name)), ...p.counties.map((c) => `regions/${p.slug}/${c.slug}/`)]),
  ];
  const xml = `<?xml version="1.0" encoding="utf-8"?>
${site.url ? '' : '<!-- url is empty in src/site.config.ts: these are paths, not the absolute URLs a sitemap needs (网站地址未设置) -->\n'}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${paths.map((p) => `  <url><loc>${abs(p)}</loc></url>`).join('\n')}
</urlset>
`;
  return new Response(xml, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
