/**
 * Search records from built report pages: the text of the region marked
 * data-pagefind-body (what a reader sees: title, metadata, text, tables) and
 * the report's metadata for filters. Used by the search-index integration,
 * the search benchmark and the tests (the ground truth), so all agree on
 * what "the report's text" is.
 *
 * htmlparser2's streaming parser, not a DOM: a report page is read once,
 * start to end, which is about ten times faster than cheerio at 10,000 pages.
 */
import { Parser } from 'htmlparser2';

export interface SearchRecord {
  id: string;
  url: string;
  title: string;
  town: string;
  county: string;
  province: string;
  year: string;
  format: string;
  /** The visible text of the searchable region, blocks separated by newlines. */
  text: string;
  /** The section headings of the region (h2–h6, not the h1 title), one a line: ranked after the title. */
  headings: string;
}

/**
 * The rules of "what the page shows", shared with src/lib/search/report-record.ts, which builds the same
 * record from the report's data: blocks and cells end with a line break, so figures in neighbouring
 * cells never run together.
 */
export const BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'tr', 'th', 'td', 'caption', 'dt', 'dd', 'div', 'section', 'table']);
export const SKIPPED = new Set(['script', 'style', 'noscript']);
export const HEADINGS = new Set(['h2', 'h3', 'h4', 'h5', 'h6']);
export const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/** Runs of spaces become one space, space around a line break goes, and no blank lines are left. */
export const tidy = (s: string) => s.replace(/[ \t\u00a0]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim();

export function recordFromHtml(html: string): SearchRecord | undefined {
  let depth = 0; // open elements inside the body region (0: outside)
  let skip = 0; // depth at which an ignored subtree started (0: none)
  let inH1 = false;
  let inHeading = 0; // depth of the open h2–h6 (0: none)
  let done = false;
  let text = '';
  let title = '';
  let headings = '';
  let attrs: Record<string, string> = {};
  const parser = new Parser(
    {
      onopentag(name, a) {
        if (done) return;
        if (depth === 0) {
          if ('data-pagefind-body' in a) {
            depth = 1;
            attrs = a;
          }
          return;
        }
        if (VOID.has(name)) return;
        depth++;
        if (!skip && ('data-pagefind-ignore' in a || SKIPPED.has(name))) skip = depth;
        if (!skip && name === 'h1' && !title) inH1 = true;
        if (!skip && !inHeading && HEADINGS.has(name)) inHeading = depth;
      },
      ontext(t) {
        if (depth === 0 || skip || done) return;
        text += t;
        if (inH1) title += t;
        if (inHeading) headings += t;
      },
      onclosetag(name) {
        if (depth === 0 || done || VOID.has(name)) return;
        if (skip === depth) skip = 0;
        else if (!skip) {
          if (name === 'h1') inH1 = false;
          if (inHeading === depth) {
            inHeading = 0;
            headings += '\n';
          }
          if (BLOCKS.has(name)) text += '\n';
        }
        depth--;
        if (depth === 0) done = true;
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  if (!done && depth === 0) return undefined;
  const id = attrs['data-report-id'] ?? '';
  return {
    id,
    url: `/reports/${id}/`,
    title: title.trim(),
    town: attrs['data-town'] ?? '',
    county: attrs['data-county'] ?? '',
    province: attrs['data-province'] ?? '',
    year: attrs['data-year'] ?? '',
    format: attrs['data-format'] ?? '',
    text: tidy(text),
    headings: tidy(headings),
  };
}
