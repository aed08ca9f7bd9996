/** /robots.txt: everything may be indexed; the sitemap is named when the site's address is known. */
import type { APIRoute } from 'astro';
import { href } from '../lib/site/urls.ts';
import { site } from '../site.config.ts';

export const GET: APIRoute = () => {
  const base = import.meta.env.BASE_URL;
  const sitemap = site.url ? `\nSitemap: ${new URL(href(base, 'sitemap.xml'), site.url).href}` : '';
  return new Response(`User-agent: *\nAllow: /${sitemap}\n`, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
