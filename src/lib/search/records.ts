/**
 * Search records from built report pages: the text of the region marked
 * data-pagefind-body (what a reader sees: title, metadata, text, tables) and
 * the report's metadata for filters. Pure apart from HTML parsing (cheerio).
 * Used by the search-index integration and the search benchmark.
 */
import * as cheerio from 'cheerio';
import { LINE, encode } from './tokens.ts';

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
}

const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, tr, th, td, caption, dt, dd, div, section, table';

export function recordFromHtml(html: string): SearchRecord | undefined {
  const $ = cheerio.load(html);
  const body = $('[data-pagefind-body]').first();
  if (body.length === 0) return undefined;
  body.find('[data-pagefind-ignore], script, style, noscript').remove();
  // blocks and cells end with a line break, so figures in neighbouring cells never run together
  body.find(BLOCKS).each((_, el) => {
    $(el).append('\n');
  });
  const text = body.text().replace(/[ \t\u00a0]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim();
  const a = (k: string) => body.attr(`data-${k}`) ?? '';
  const id = a('report-id');
  return {
    id,
    url: `/reports/${id}/`,
    title: body.find('h1').first().text().trim(),
    town: a('town'),
    county: a('county'),
    province: a('province'),
    year: a('year'),
    format: a('format'),
    text,
  };
}

/** The Pagefind custom record for a report. */
export function pagefindRecord(r: SearchRecord) {
  return {
    url: r.url,
    content: encode(r.text.replace(/\n/g, ` ${LINE} `)),
    // "und": any zh code would make Pagefind segment the pairs again, at index and at query time
    language: 'und',
    meta: { title: r.title, id: r.id, town: r.town, county: r.county, year: r.year },
    filters: { province: [r.province], county: [r.county], town: [r.town], year: [r.year], format: [r.format] },
    sort: { year: r.year },
  };
}
