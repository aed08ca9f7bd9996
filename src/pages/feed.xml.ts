/**
 * /feed.xml: Atom feed of reports, newest added first (first commit of the file, else its dates), and of
 * corrections: a revision that changed a report's figures after it was imported is an entry of its own
 * (category "correction"), saying which figures changed from what to what.
 */
import path from 'node:path';
import type { APIRoute } from 'astro';
import { revisionsOf } from '../lib/git-history.ts';
import { contentDir } from '../lib/paths.ts';
import { href, reportPath } from '../lib/site/urls.ts';
import { site } from '../site.config.ts';
import { loadReports } from '../utils/collection.ts';
import { history } from '../utils/history.ts';
import { describeChange } from '../lib/revision-changes.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const GET: APIRoute = async () => {
  const { entries } = await loadReports();
  const base = import.meta.env.BASE_URL;
  const abs = (p: string) => (site.url ? new URL(p, site.url).href : p);
  const h = history();
  const items = entries
    .map((e) => {
      const revs = revisionsOf(h, path.join(contentDir(), `${e.id}.md`));
      const added = revs.at(-1)?.date ?? `${e.data.published ?? e.data.date ?? `${e.data.year + 1}-01-01`}T00:00:00Z`;
      const updated = revs[0]?.date ?? added;
      return { e, added, updated };
    })
    .sort((a, b) => b.added.localeCompare(a.added) || a.e.id.localeCompare(b.e.id))
    .slice(0, 100);
  const corrections = entries
    .flatMap((e) =>
      revisionsOf(h, path.join(contentDir(), `${e.id}.md`))
        .slice(0, -1)
        .filter((r) => r.change && r.change.figures.length > 0)
        .map((r) => ({ e, r })),
    )
    .sort((a, b) => b.r.date.localeCompare(a.r.date) || a.e.id.localeCompare(b.e.id))
    .slice(0, 100);
  const updated = [...items.map((i) => i.updated), ...corrections.map((c) => c.r.date)].reduce((m, d) => (d > m ? d : m), '1970-01-01T00:00:00Z');
  const xml = `<?xml version="1.0" encoding="utf-8"?>
${site.url ? '' : '<!-- url is empty in src/site.config.ts: ids and links are paths, not addresses (网站地址未设置) -->\n'}<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
  <title>${esc(site.name)}</title>
  <id>${esc(abs(href(base)))}</id>
  <link rel="alternate" href="${esc(abs(href(base)))}"/>
  <link rel="self" href="${esc(abs(href(base, 'feed.xml')))}"/>
  <updated>${updated}</updated>
${items
  .map(
    ({ e, added, updated: u }) => `  <entry>
    <title>${esc(e.data.title)}</title>
    <id>${esc(abs(href(base, reportPath(e.id))))}</id>
    <link rel="alternate" href="${esc(abs(href(base, reportPath(e.id))))}"/>
    <published>${added}</published>
    <updated>${u}</updated>
    <author><name>${esc(e.data.agency)}</name></author>
    <summary>${esc(`${e.data.province ?? ''}${e.data.county}${e.data.town} ${e.data.year}年度报告`)}</summary>
  </entry>`,
  )
  .join('\n')}
${corrections
  .map(
    ({ e, r }) => `  <entry>
    <title>${esc(`数据更正：${e.data.title}`)}</title>
    <id>${esc(abs(href(base, `${reportPath(e.id)}#rev-${r.short}`)))}</id>
    <link rel="alternate" href="${esc(abs(href(base, `${reportPath(e.id)}#history`)))}"/>
    <category term="correction" label="数据更正"/>
    <published>${r.date}</published>
    <updated>${r.date}</updated>
    <author><name>${esc(e.data.agency)}</name></author>
    <summary>${esc(`${r.subject}。${describeChange(r.change!)}`)}</summary>
  </entry>`,
  )
  .join('\n')}
</feed>
`;
  return new Response(xml, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
};
