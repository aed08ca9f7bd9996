/**
 * Builds one search index part (src/lib/search/index-format.ts) from search
 * records, one report at a time: each report's distinct characters, pairs and
 * triples (and its title's, flagged) go into posting lists held as plain
 * arrays of report numbers; finish() packs them into buckets of about
 * BUCKET_BYTES. Pure: the caller writes (and compresses) the files.
 *
 * Grams are counted as numbers (code units × 65536ⁿ), not strings, because
 * this loop runs once per character of the archive: at 10,000 reports that is
 * about 35 million characters.
 */
import { bucketOf, encodeBucket, postingSize, FORMAT_VERSION, type DocFile, type PartTable, type Posting } from './index-format.ts';
import type { SearchRecord } from './records.ts';
import { normalize, runs } from './tokens.ts';

/** Target size of a bucket before compression: a query downloads one bucket per gram. */
export const BUCKET_BYTES = 12 * 1024;

const P16 = 65536;
const P32 = 2 ** 32;
const TITLE_KEY = 2 ** 48;

function gramOf(key: number): { gram: string; title: boolean } {
  const title = key >= TITLE_KEY;
  let k = title ? key - TITLE_KEY : key;
  const units: number[] = [];
  while (k > 0) {
    units.unshift(k % P16);
    k = Math.floor(k / P16);
  }
  return { gram: String.fromCharCode(...units), title };
}

export class PartBuilder {
  private ids = new Map<number, number>();
  private lists: number[][] = [];
  private last: number[] = [];
  private n = 0;
  private table: Omit<PartTable, 'n' | 'buckets' | 'version'> = { provinces: [], counties: [], towns: [], formats: [], years: [], formatOf: [] };
  private provinceIx = new Map<string, number>();
  private countyIx = new Map<string, number>();
  private formatIx = new Map<string, number>();
  private lastId = '';
  private lastTown = '';

  private add(key: number, doc: number) {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.lists.length;
      this.ids.set(key, id);
      this.lists.push([]);
      this.last.push(-1);
    }
    if (this.last[id] !== doc) {
      this.lists[id]!.push(doc);
      this.last[id] = doc;
    }
  }

  private grams(text: string, doc: number, offset: number) {
    for (const run of runs(normalize(text))) {
      for (let i = 0; i < run.length; i++) {
        const a = run.charCodeAt(i);
        this.add(offset + a, doc);
        if (i + 1 < run.length) {
          const b = run.charCodeAt(i + 1);
          this.add(offset + a * P16 + b, doc);
          if (i + 2 < run.length) this.add(offset + a * P32 + b * P16 + run.charCodeAt(i + 2), doc);
        }
      }
    }
  }

  /** Adds a report (in id order, so each town is one range) and returns its document file. */
  addReport(r: SearchRecord): DocFile {
    if (r.id <= this.lastId) throw new Error(`search index: reports must be added in id order (${r.id} after ${this.lastId})`);
    this.lastId = r.id;
    const doc = this.n++;
    this.grams(r.text, doc, 0);
    this.grams(r.title, doc, TITLE_KEY);
    const t = this.table;
    const index = (m: Map<string, number>, key: string, make: () => number) => m.get(key) ?? (m.set(key, make()), m.get(key)!);
    const province = index(this.provinceIx, r.province, () => t.provinces.push(r.province) - 1);
    const county = index(this.countyIx, `${province}/${r.county}`, () => t.counties.push([r.county, province]) - 1);
    const town = t.towns.at(-1);
    const slug = r.id.split('/')[0]!;
    if (town && this.lastTown === slug) town[3] = doc + 1;
    else t.towns.push([r.town, county, doc, doc + 1]);
    this.lastTown = slug;
    t.years.push(Number(r.year));
    t.formatOf.push(index(this.formatIx, r.format, () => t.formats.push(r.format) - 1));
    return { id: r.id, title: r.title, town: r.town, county: r.county, province: r.province, year: Number(r.year), format: r.format, text: r.text };
  }
  /** The part's table and its buckets (uncompressed). */
  finish(): { table: PartTable; buckets: Uint8Array[]; grams: number } {
    const n = this.n;
    let total = 0;
    for (const l of this.lists) total += postingSize(l, n) + 8;
    const count = Math.max(1, Math.ceil(total / BUCKET_BYTES));
    const byBucket: Posting[][] = Array.from({ length: count }, () => []);
    for (const [key, id] of this.ids) {
      const { gram, title } = gramOf(key);
      byBucket[bucketOf(gram, count)]!.push({ gram, title, docs: this.lists[id]! });
    }
    const order = (a: Posting, b: Posting) => (a.gram < b.gram ? -1 : a.gram > b.gram ? 1 : Number(a.title) - Number(b.title));
    const buckets = byBucket.map((ps) => encodeBucket(ps.sort(order), n));
    return { table: { version: FORMAT_VERSION, n, buckets: count, ...this.table }, buckets, grams: this.ids.size };
  }
}
