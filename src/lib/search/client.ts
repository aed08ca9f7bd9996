/**
 * The search engine as the browser uses it (window.archiveSearch on the search
 * page). For each index part (src/lib/search/index-format.ts) it downloads the
 * part's table once, then per query only the buckets of the query's grams,
 * intersects their report sets, applies filters and ranks, all from the
 * buckets and the part table (no report text, and no name of a place, is
 * fetched to rank):
 *
 *   tier 0  the title has the query (every gram of every term is a title gram)
 *   tier 1  the report's town or county name has it (a town's name as the query
 *           puts that town's reports first even when its titles say otherwise):
 *           every gram is a place gram
 *   tier 2  a section heading (h2–h6) has it (every gram is a heading gram)
 *   tier 3  the rest: only the text has it
 *
 * and within a tier by frequency: how often the query occurs per length of the
 * report's text, as the bound the index holds (for each term, the smallest
 * densityLevel of its grams; summed over the terms), then newest year first.
 * opts.sort year-desc/year-asc sorts by year first, then tier and frequency.
 * Title, place and heading tiers of a term longer than a gram are, like its
 * candidates, judged by its grams. A term longer than a gram is checked
 * against each candidate's text when the candidate is shown, so no result
 * lacks the query. No DOM code here.
 */
import { gunzipSync, inflateSync } from 'fflate';
import { andInto, bucketOf, checkNames, checkTable, CorruptIndexError, decodeBucket, denseLevels, DICT_FILE, FORMAT_VERSION, decodeTable, emptySet, fullSet, has, HEADING_PREFIX, keyGram, members, PARTS_FILE, PLACE_PREFIX, TITLE_PREFIX, type DocFile, type DocSet, type Entry, type PartNames, type PartTable } from './index-format.ts';
import { foldFromPairs, type Fold } from './fold.ts';
import { containsAll, excerpt, firstMatch, haystack, matchForms, parseQuery, termGrams } from './tokens.ts';

/** Filters by these need the names of places (names.bin); year and format do not. */
const NAMED: readonly string[] = ['province', 'county', 'town'];

export interface SearchHit {
  /** Path relative to the site root, as in data/reports.json (an absolute URL for a report of another site) */
  url: string;
  title: string;
  town: string;
  county: string;
  year: number;
  /** HTML: the report's own text, escaped, with <mark> around matches */
  excerpt: string;
  /** The report's own characters of its first match ('' without a query): the page links to it (?q=, #:~:text=) */
  passage: string;
  /** The distinct original forms of every match in the report (at most 10): what the report page highlights */
  forms: string[];
}

export const FILTER_KEYS = ['province', 'county', 'town', 'year', 'format'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string | string[]>>;
export interface SearchOptions {
  filters?: Filters;
  sort?: 'year-desc' | 'year-asc' | undefined;
}

/** A report that has every gram of the query; `exact` when that alone proves it matches. */
export interface Candidate {
  part: Part;
  doc: number;
  /** 0 title, 1 town/county name, 2 heading, 3 text only (lower ranks first) */
  tier: number;
  /** how often the query occurs per length, as the index bounds it (higher ranks first within a tier) */
  score: number;
  year: number;
  /** the query's terms folded with this part's table (parts of other sites fold on their own) */
  terms: string[];
  exact: boolean;
}

async function fetchBytes(url: string, init?: RequestInit): Promise<Uint8Array> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`search index: ${url} answered HTTP ${res.status}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  // stored gzipped; a server that adds Content-Encoding itself hands the browser plain bytes
  return bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
}
const fetchJson = async <T>(url: string, init?: RequestInit): Promise<T> => JSON.parse(new TextDecoder().decode(await fetchBytes(url, init))) as T;

/** One index part: its table, and the buckets and reports fetched so far. */
/**
 * A parts.json: the one file of an index that changes in place, so it is always asked of the
 * server (no-cache) with a query string for caches that ignore that; the part folders it names
 * are content-hashed and may be cached.
 */
async function readPartList(listUrl: URL): Promise<string[]> {
  const fresh = new URL(listUrl);
  fresh.searchParams.set('t', String(Date.now()));
  const list = await fetchJson<{ version?: unknown; parts?: unknown }>(fresh.href, { cache: 'no-cache' });
  if (list.version !== FORMAT_VERSION) throw new Error(`search index: ${listUrl.href} has format version ${String(list.version)}, this page reads version ${FORMAT_VERSION}: rebuild the site`);
  if (!Array.isArray(list.parts) || !list.parts.every((p) => typeof p === 'string')) throw new Error(`search index: ${listUrl.href} has no list of parts`);
  return list.parts as string[];
}

export class Part {
  readonly url: string;
  readonly local: boolean;
  readonly table: PartTable;
  /** per report: its town's index, its year, its format's index; per town, its county's index */
  readonly townOf: Int32Array;
  readonly year: Int32Array;
  readonly format: Int32Array;
  readonly countyOf: Int32Array;
  /** 简繁 fold for this part's characters: queries are folded with it before grams are cut */
  readonly fold: Fold;
  private buckets = new Map<number, Promise<Map<string, Entry>>>();
  private docs = new Map<number, Promise<DocFile>>();
  #names: Promise<PartNames> | undefined;
  #dict: Promise<Uint8Array> | undefined;
  /** the names, once names() has been awaited: place() needs them */
  private named: PartNames | undefined;

  constructor(url: string, local: boolean, table: PartTable) {
    this.url = url;
    this.local = local;
    this.table = table;
    ({ townOf: this.townOf, year: this.year, format: this.format, countyOf: this.countyOf } = decodeTable(table));
    this.fold = foldFromPairs(table.fold);
  }

  static async load(url: string, local: boolean): Promise<Part> {
    return new Part(url, local, checkTable(await fetchJson<unknown>(`${url}part.bin`), `${url}part.bin`));
  }

  private bucket(k: number) {
    let b = this.buckets.get(k);
    if (!b) {
      b = fetchBytes(`${this.url}b/${k}.bin`).then((bytes) => decodeBucket(bytes, this.table.n));
      this.buckets.set(k, b);
    }
    return b;
  }

  /** The entries of some keys (a gram, or TITLE_PREFIX / HEADING_PREFIX / PLACE_PREFIX + gram); undefined where no report has it. */
  async entries(keys: string[]): Promise<(Entry | undefined)[]> {
    const maps = await Promise.all(keys.map((k) => this.bucket(bucketOf(keyGram(k), this.table.buckets))));
    return keys.map((k, i) => maps[i]!.get(k));
  }

  /** The reports holding every key. */
  async all(keys: string[]): Promise<DocSet> {
    const set = fullSet(this.table.n);
    for (const e of await this.entries(keys)) andInto(set, e?.set ?? emptySet(this.table.n));
    return set;
  }

  /** A report's file: raw DEFLATE with the part's dictionary (dict.bin, fetched with the first report). */
  doc(i: number): Promise<DocFile> {
    let d = this.docs.get(i);
    if (!d) {
      this.#dict ??= fetchBytes(`${this.url}${DICT_FILE}`);
      const url = `${this.url}d/${i}.bin`;
      d = Promise.all([fetch(url), this.#dict]).then(async ([res, dictionary]) => {
        if (!res.ok) throw new Error(`search index: ${url} answered HTTP ${res.status}`);
        const bytes = new Uint8Array(await res.arrayBuffer());
        let doc: Partial<DocFile>;
        try {
          doc = JSON.parse(new TextDecoder().decode(inflateSync(bytes, { dictionary }))) as Partial<DocFile>;
        } catch (e) {
          throw new CorruptIndexError(`search index: ${url} cannot be read (${(e as Error).message})`);
        }
        if (typeof doc.text !== 'string' || typeof doc.id !== 'string' || typeof doc.title !== 'string') throw new CorruptIndexError(`search index: ${url} is not a report file`);
        return doc as DocFile;
      });
      this.docs.set(i, d);
    }
    return d;
  }

  /** The names of the part's places (names.bin), fetched once, when first needed (filters, their counts). */
  names(): Promise<PartNames> {
    this.#names ??= fetchJson<unknown>(`${this.url}names.bin`).then((v) => (this.named = checkNames(v, this.table, `${this.url}names.bin`)));
    return this.#names;
  }

  /** A report's year and format; its town, county and province names once names() has been awaited (else ''). */
  place(doc: number) {
    const t = this.table;
    const n = this.named;
    const town = this.townOf[doc]!;
    const county = this.countyOf[town]!;
    return { town: n?.towns[town] ?? '', county: n?.counties[county] ?? '', province: n?.provinces[t.counties[county]!] ?? '', year: String(this.year[doc]), format: t.formats[this.format[doc]!]! };
  }

  /** The link to a report: site-relative for this site's parts, absolute for another site's. */
  href(id: string): string {
    return this.local ? `/reports/${id}/` : new URL(`../../reports/${id}/`, this.url).href;
  }
}

/** The chosen filter values per key (empty values dropped). */
function wantedFilters(filters: Filters = {}) {
  return Object.entries(filters)
    .map(([k, v]) => [k as FilterKey, new Set((Array.isArray(v) ? v : [v]).filter(Boolean) as string[])] as const)
    .filter(([, v]) => v.size > 0);
}

export class ArchiveSearch {
  #parts: Promise<Part[]> | undefined;
  private base: string;
  /** base: the site's base path. The parts to search are listed in its search-index/parts.json. */
  constructor(base: string) {
    this.base = base;
  }

  parts(): Promise<Part[]> {
    this.#parts ??= (async () => {
      const listUrl = new URL(`${this.base}${PARTS_FILE}`, location.href);
      const parts = await readPartList(listUrl);
      // parts of this site's own index, and of other sites' (an archive built as several sites):
      // another site is named by its parts.json, read fresh like ours, since its part folders are
      // content-hashed and change with every build there; its own extra entries are not followed
      // (no loops between sites that list each other)
      const own = new URL('./', listUrl).href;
      const urls: string[] = [];
      for (const p of parts) {
        if (!p.endsWith('.json')) {
          urls.push(new URL(p.endsWith('/') ? p : `${p}/`, listUrl).href);
          continue;
        }
        const other = new URL(p, listUrl);
        for (const q of await readPartList(other)) if (!q.endsWith('.json')) urls.push(new URL(q.endsWith('/') ? q : `${q}/`, other).href);
      }
      return Promise.all(urls.map((u) => Part.load(u, u.startsWith(own))));
    })();
    return this.#parts;
  }

  /** Every filter value with its number of reports, over all parts. */
  async filters(): Promise<Record<FilterKey, Record<string, number>>> {
    const out = Object.fromEntries(FILTER_KEYS.map((k) => [k, {} as Record<string, number>])) as Record<FilterKey, Record<string, number>>;
    for (const part of await this.parts()) {
      await part.names();
      for (let d = 0; d < part.table.n; d++) {
        const p = part.place(d);
        for (const k of FILTER_KEYS) out[k][p[k]] = (out[k][p[k]] ?? 0) + 1;
      }
    }
    return out;
  }

  /** The ranked candidates: every report that has all the query's grams and passes the filters. */
  async candidates(query: string, opts: SearchOptions = {}): Promise<{ terms: string[]; exact: boolean; list: Candidate[] }> {
    const { terms, exact } = parseQuery(query);
    const wanted = wantedFilters(opts.filters);
    const list: Candidate[] = [];
    const named = wanted.some(([k]) => NAMED.includes(k));
    for (const part of await this.parts()) {
      // filters by place need the names; a query alone does not
      if (named) await part.names();
      // each part folds the query with its own table (the same result for every character it holds)
      const q = parseQuery(query, part.fold);
      const grams = q.terms.map(termGrams);
      const keys = [...new Set(grams.flat())];
      const n = part.table.n;
      // one download per bucket: a gram's title, heading and place entries are in the gram's bucket
      const [found, title, heading, place] = await Promise.all([part.entries(keys), part.all(keys.map((k) => TITLE_PREFIX + k)), part.all(keys.map((k) => HEADING_PREFIX + k)), part.all(keys.map((k) => PLACE_PREFIX + k))]);
      const body = fullSet(n);
      for (const e of found) andInto(body, e?.set ?? emptySet(n));
      const level = new Map(keys.map((k, i) => [k, denseLevels(found[i], n)]));
      for (const doc of members(body)) {
        const p = part.place(doc);
        if (!wanted.every(([k, v]) => v.has(p[k]))) continue;
        const any = q.terms.length > 0;
        const tier = any && has(title, doc) ? 0 : any && has(place, doc) ? 1 : any && has(heading, doc) ? 2 : 3;
        let score = 0;
        for (const g of grams) score += g.reduce((m, k) => Math.min(m, level.get(k)![doc]!), 15);
        list.push({ part, doc, tier, score, year: Number(p.year), terms: q.terms, exact: q.exact });
      }
    }
    const dir = opts.sort === 'year-asc' ? 1 : -1;
    // stable sort: within equal keys, parts and reports keep their (id) order
    list.sort(opts.sort ? (a, b) => dir * (a.year - b.year) || a.tier - b.tier || b.score - a.score : (a, b) => a.tier - b.tier || b.score - a.score || b.year - a.year);
    return { terms, exact, list };
  }

  /** Does each candidate really contain its terms? Exact candidates need no download; the rest are fetched and checked. */
  static async verify(cands: Candidate[]): Promise<boolean[]> {
    return Promise.all(cands.map(async (c) => c.exact || containsAll((await c.part.doc(c.doc)).text, c.terms, c.part.fold)));
  }

  /** The hits among some candidates, in their order: each one's text fetched, checked when needed, excerpted. */
  static async hits(cands: Candidate[]): Promise<SearchHit[]> {
    const docs = await Promise.all(cands.map((c) => c.part.doc(c.doc)));
    const out: SearchHit[] = [];
    docs.forEach((d, i) => {
      const c = cands[i]!;
      const text = haystack(d.text, c.part.fold);
      if (!c.exact && !containsAll(text, c.terms)) return;
      out.push({ url: c.part.href(d.id), title: d.title, town: d.town, county: d.county, year: d.year, excerpt: excerpt(d.text, c.terms, c.terms.length ? 40 : 60, c.part.fold), passage: firstMatch(d.text, c.terms, c.part.fold), forms: matchForms(d.text, c.terms, c.part.fold) });
    });
    return out;
  }

  /**
   * Counts per filter value over matching reports: a key's counts follow the query and every
   * other filter, not its own (so choosing 2020 still shows how many 2019 has).
   */
  static async facets(matches: Candidate[], filters: Filters = {}): Promise<Record<FilterKey, Record<string, number>>> {
    const wanted = wantedFilters(filters);
    await Promise.all([...new Set(matches.map((c) => c.part))].map((p) => p.names()));
    const out = Object.fromEntries(FILTER_KEYS.map((k) => [k, {} as Record<string, number>])) as Record<FilterKey, Record<string, number>>;
    for (const c of matches) {
      const p = c.part.place(c.doc);
      for (const k of FILTER_KEYS) {
        if (!wanted.every(([w, v]) => w === k || v.has(p[w]))) continue;
        out[k][p[k]] = (out[k][p[k]] ?? 0) + 1;
      }
    }
    return out;
  }

  /** All matching reports, ranked. */
  async search(query: string, opts: SearchOptions = {}): Promise<SearchHit[]> {
    // a query of only symbols has nothing to search for: no report "matches" it
    if (query.trim() && parseQuery(query).terms.length === 0) return [];
    const { list } = await this.candidates(query, opts);
    const hits: SearchHit[] = [];
    for (let i = 0; i < list.length; i += 50) hits.push(...(await ArchiveSearch.hits(list.slice(i, i + 50))));
    return hits;
  }
}
