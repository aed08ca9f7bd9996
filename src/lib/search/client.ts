/**
 * The search engine as the browser uses it: Pagefind finds candidates with
 * the pair-encoded query, then every candidate's text (rebuilt from its
 * record) is checked for each term, so no result lacks the query (precision)
 * and ranking puts title and town matches first. Exposed on the search page
 * as window.archiveSearch. No DOM code here except loading Pagefind.
 */
import { containsAll, decode, excerpt, parseQuery } from './tokens.ts';

export interface SearchHit {
  /** Path relative to the site root, as in data/reports.json */
  url: string;
  title: string;
  town: string;
  county: string;
  year: number;
  /** HTML: escaped text with <mark> around matches */
  excerpt: string;
}

export type Filters = Partial<Record<'province' | 'county' | 'town' | 'year' | 'format', string | string[]>>;
export interface SearchOptions {
  filters?: Filters;
  sort?: 'year-desc' | 'year-asc' | undefined;
}

interface PagefindResult {
  id: string;
  score: number;
  data(): Promise<{ url: string; content: string; meta: Record<string, string> }>;
}
interface PagefindInstance {
  init(): Promise<void>;
  search(term: string | null, opts?: object): Promise<{ results: PagefindResult[] } | null>;
  filters(): Promise<Record<string, Record<string, number>>>;
  mergeIndex(path: string, opts?: object): Promise<void>;
}

export class ArchiveSearch {
  #pagefind: Promise<PagefindInstance> | undefined;
  private base: string;
  private shards: string[];
  constructor(base: string, shards: string[] = []) {
    this.base = base;
    this.shards = shards;
  }

  pagefind(): Promise<PagefindInstance> {
    this.#pagefind ??= (async () => {
      const url = `${this.base}pagefind/pagefind.js`;
      const mod = (await import(/* @vite-ignore */ url)) as { createInstance(o: object): PagefindInstance };
      // Pagefind takes its query language from <html lang>; with zh-CN it would cut the
      // character pairs apart again. The index is "und", so present "und" while it starts.
      const html = document.documentElement;
      const lang = html.lang;
      html.lang = 'und';
      let instance: PagefindInstance;
      try {
        instance = mod.createInstance({ basePath: `${this.base}pagefind/` });
      } finally {
        html.lang = lang;
      }
      await instance.init();
      // a large archive is indexed in shards (see src/integrations/search-index.ts): merge them all
      const listed = await fetch(`${this.base}pagefind-shards.json`)
        .then((r) => (r.ok ? (r.json() as Promise<{ shards: string[] }>) : { shards: [] }))
        .catch(() => ({ shards: [] as string[] }));
      for (const shard of [...this.shards, ...listed.shards.map((s) => `${this.base}${s}`)]) {
        await instance.mergeIndex(shard, { language: 'und' });
      }
      return instance;
    })();
    return this.#pagefind;
  }

  async filters() {
    return (await this.pagefind()).filters();
  }

  /** Candidates in Pagefind's order; each must still be checked. */
  async candidates(query: string, opts: SearchOptions = {}): Promise<{ terms: string[]; results: PagefindResult[] }> {
    const pf = await this.pagefind();
    const q = parseQuery(query);
    const filters = Object.fromEntries(Object.entries(opts.filters ?? {}).filter(([, v]) => v && v.length));
    const sort = opts.sort ? { year: opts.sort === 'year-asc' ? 'asc' : 'desc' } : undefined;
    const res = await pf.search(q.terms.length ? q.pagefind : null, { filters, ...(sort ? { sort } : {}) });
    return { terms: q.terms, results: res?.results ?? [] };
  }

  /** Checks candidates (in order) and turns them into hits; null for a candidate that lacks a term. */
  static async verify(results: PagefindResult[], terms: string[], offset = 0): Promise<(SearchHit & { rank: number })[]> {
    const data = await Promise.all(results.map((r) => r.data()));
    const hits: (SearchHit & { rank: number })[] = [];
    data.forEach((d, i) => {
      const text = decode(d.content);
      if (terms.length && !containsAll(text, terms)) return;
      const m = d.meta;
      const inTitle = terms.length > 0 && containsAll(m['title'] ?? '', terms);
      const inTown = terms.length > 0 && containsAll(`${m['town']}${m['county']}`, terms);
      hits.push({
        url: `/reports/${m['id']}/`,
        title: m['title'] ?? '',
        town: m['town'] ?? '',
        county: m['county'] ?? '',
        year: Number(m['year']),
        excerpt: terms.length ? excerpt(text, terms) : excerpt(text, [], 60),
        rank: (inTitle ? 0 : inTown ? 1 : 2) * 1e6 + offset + i,
      });
    });
    return hits;
  }

  /** All matching reports, ranked: title matches, then town matches, then the rest by Pagefind's score. */
  async search(query: string, opts: SearchOptions = {}): Promise<SearchHit[]> {
    const { terms, results } = await this.candidates(query, opts);
    const hits: (SearchHit & { rank: number })[] = [];
    for (let i = 0; i < results.length; i += 50) hits.push(...(await ArchiveSearch.verify(results.slice(i, i + 50), terms, i)));
    if (!opts.sort) hits.sort((a, b) => a.rank - b.rank);
    return hits.map(({ rank, ...h }) => h);
  }
}
