/**
 * A report's search record built from its data and its rendered text, not from
 * its built page: the same SearchRecord that recordFromHtml (./records.ts)
 * reads from the page's data-pagefind-body region, so the search index no
 * longer re-reads every page after the build. recordFromHtml stays the ground
 * truth of what the page shows; the tests hold the two equal for every report
 * of the built sites.
 *
 * The region (src/pages/reports/[...id]/index.astro) is the title (h1), the
 * searched rows of the metadata table (src/lib/site/metadata-rows.ts), then the
 * text with each statutory table under its own heading (src/lib/site/sections.ts,
 * the grids of src/lib/stats/layout.ts); the correction notice, the table
 * caption and the table of contents are data-pagefind-ignore. Text is gathered
 * by records.ts's rules (a line break after each block and cell, none for an
 * opening tag) and tidied by its tidy().
 *
 * The text comes in as HTML, rendered by the page's own renderer
 * (src/lib/site/render-body.ts: Sätteri, sanitized, autolinks trimmed): a
 * second Markdown pipeline would drift from the page on exactly the odd cases
 * (smart quotes, raw HTML shown as text, autolinks in Chinese text).
 */
import { Parser } from 'htmlparser2';
import type { ReportData } from '../schema.ts';
import { FORMAT_SHORT } from '../site/labels.ts';
import { metadataRows } from '../site/metadata-rows.ts';
import { STATS_SECTION_TITLE, splitForTables } from '../site/sections.ts';
import { UNKNOWN_PROVINCE } from '../site/urls.ts';
import { EMPTY_CELL_TEXT, statGrid, type Grid } from '../stats/layout.ts';
import type { NationalFormat } from '../stats/template.ts';
import { BLOCKS, HEADINGS, SKIPPED, VOID, tidy, type SearchRecord } from './records.ts';

/** A statutory table's text as GridTable.astro prints it: caption (when no heading names it), then each cell and row ending a line. */
function gridText(grid: Grid, captioned: boolean): string {
  let out = captioned ? `${grid.caption}\n` : '';
  for (const row of [...grid.head, ...grid.body]) {
    for (const c of row) out += `${!c.header && c.value === null ? EMPTY_CELL_TEXT : c.text}\n`;
    out += '\n';
  }
  // </table>, then the scrolling </div> around it
  return `${out}\n\n`;
}

/**
 * Builds the record of report `id` from its validated data and its text as rendered for its page
 * (renderBody(file).html). Pure: the same inputs give the same record.
 */
export function recordFromReport(id: string, data: ReportData, bodyHtml: string): SearchRecord {
  const national = data.format !== 'free' && data.stats ? (data.format as NationalFormat) : undefined;
  const stats = data.stats;
  let text = `${data.title}\n`;
  let headings = '';
  for (const row of metadataRows(data)) if (row.searched) text += `${row.label}\n${row.value}\n\n`;
  text += '\n';

  // the rendered text, read by the page reader's rules; the tables go in where the page puts them
  let skip = 0;
  let depth = 0;
  let inHeading = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (VOID.has(name)) return;
        depth++;
        // the sanitizer lets no script or style through; kept so the rules are the page reader's
        if (!skip && SKIPPED.has(name)) skip = depth;
        if (!skip && !inHeading && HEADINGS.has(name)) inHeading = depth;
      },
      ontext(t) {
        if (skip) return;
        text += t;
        if (inHeading) headings += t;
      },
      onclosetag(name) {
        if (VOID.has(name)) return;
        if (skip === depth) skip = 0;
        else if (!skip) {
          if (inHeading === depth) {
            inHeading = 0;
            headings += '\n';
          }
          if (BLOCKS.has(name)) text += '\n';
        }
        depth--;
      },
    },
    { decodeEntities: true },
  );
  const { chunks, rest } = splitForTables(bodyHtml);
  for (const c of chunks) {
    // the parser hands over a chunk's text when the chunk is written, so the table follows it
    parser.write(c.html);
    if (national && stats && c.table) text += gridText(statGrid(c.table, national, stats), !c.headingId);
  }
  parser.end();
  if (national && stats && rest.length > 0) {
    text += `${STATS_SECTION_TITLE}\n`;
    headings += `${STATS_SECTION_TITLE}\n`;
    for (const kind of rest) text += gridText(statGrid(kind, national, stats), true);
    text += '\n';
  }
  // the text ends inside the region's layout blocks (</div></div></article>)
  text += '\n';

  return {
    id,
    url: `/reports/${id}/`,
    title: data.title.trim(),
    town: data.town,
    county: data.county,
    province: data.province ?? UNKNOWN_PROVINCE,
    year: String(data.year),
    format: FORMAT_SHORT[data.format],
    text: tidy(text),
    headings: tidy(headings),
  };
}
