/**
 * Builds one search index part (src/lib/search/index-format.ts) from search
 * records, one report at a time: each report's distinct characters, pairs and
 * triples (and its title's, headings' and place's, flagged) go into posting lists held as plain
 * arrays of report numbers (after 简繁 folding, src/lib/search/fold.ts); a text gram's
 * entry also carries how often it occurs per length of the text (densityLevel), packed
 * as report × 16 + level. finish() packs them into buckets of about
 * BUCKET_BYTES. Pure: the caller writes (and compresses) the files.
 *
 * Grams are counted as numbers (code units × 65536ⁿ), not strings, and looked
 * up in an open-addressing table of their own, because this loop runs three
 * times per character of the archive (35 million characters at 10,000
 * reports) and a Map with keys above 2³¹ hashes boxed numbers: 12 s of 22 s.
 */
import { bucketOf, densityLevel, encodeBucket, postingSize, FORMAT_VERSION, type DocFile, type PartNames, type PartTable, type Posting } from './index-format.ts';
import type { SearchRecord } from './records.ts';
import { foldFromMap, pairsFor, type Fold } from './fold.ts';
import { openccFoldMap } from './opencc-fold.ts';
import { MAX_GRAM, normalize, runs } from './tokens.ts';

// grams() below counts grams as numbers of up to three code units; the file format itself stores any length
if (MAX_GRAM !== 3) throw new Error(`search index: the indexer counts grams of 1–3 code units, but MAX_GRAM is ${MAX_GRAM}: extend PartBuilder.grams`);

/** Target size of a bucket before compression: a query downloads one bucket per gram. */
export const BUCKET_BYTES = 4 * 1024;

const P16 = 65536;
const P32 = 2 ** 32;
const TITLE_KEY = 2 ** 48;
const HEADING_KEY = 2 ** 49;
const PLACE_KEY = 2 ** 50;

function gramOf(key: number): { gram: string; title: boolean; heading: boolean; place: boolean } {
  const place = key >= PLACE_KEY;
  const heading = !place && key >= HEADING_KEY;
  const title = !place && !heading && key >= TITLE_KEY;
  let k = place ? key - PLACE_KEY : heading ? key - HEADING_KEY : title ? key - TITLE_KEY : key;
  const units: number[] = [];
  while (k > 0) {
    units.unshift(k % P16);
    k = Math.floor(k / P16);
  }
  return { gram: String.fromCharCode(...units), title, heading, place };
}

/** number → gram id, open addressing with linear probing; keys are integers below 2⁵³. */
class GramTable {
  keys = new Float64Array(1 << 16);
  ids = new Int32Array(1 << 16).fill(-1);
  size = 0;
  private slot(key: number): number {
    const mask = this.keys.length - 1;
    let h = Math.imul((key >>> 0) ^ Math.floor(key / P32), 0x9e3779b1);
    h = (h ^ (h >>> 15)) & mask;
    while (this.ids[h] !== -1 && this.keys[h] !== key) h = (h + 1) & mask;
    return h;
  }
  /** The gram's id, or a new one (next in order) when it is new. */
  id(key: number): number {
    let h = this.slot(key);
    const found = this.ids[h]!;
    if (found !== -1) return found;
    if (this.size * 2 >= this.keys.length) {
      this.grow();
      h = this.slot(key);
    }
    this.keys[h] = key;
    this.ids[h] = this.size;
    return this.size++;
  }
  private grow() {
    const { keys, ids } = this;
    this.keys = new Float64Array(keys.length * 2);
    this.ids = new Int32Array(ids.length * 2).fill(-1);
    for (let i = 0; i < keys.length; i++) if (ids[i]! !== -1) {
      const h = this.slot(keys[i]!);
      this.keys[h] = keys[i]!;
      this.ids[h] = ids[i]!;
    }
  }
  *entries(): Generator<[number, number]> {
    for (let i = 0; i < this.keys.length; i++) if (this.ids[i]! !== -1) yield [this.keys[i]!, this.ids[i]!];
  }
}

/** A report's file in the index (d/<i>.bin): what the search page shows and checks. */
export function docFile(r: SearchRecord): DocFile {
  return { id: r.id, title: r.title, town: r.town, county: r.county, province: r.province, year: Number(r.year), format: r.format, text: r.text };
}

export class PartBuilder {
  /** 简繁 fold applied to every text before its grams are cut (OpenCC's table unless told otherwise) */
  private foldMap: Map<number, number>;
  private fold: Fold;
  /** units that occur in the folded text: the fold pairs shipped with the part are those whose target is here */
  private seen = new Uint8Array(65536);
  constructor(foldMap: Map<number, number> = openccFoldMap()) {
    this.foldMap = foldMap;
    this.fold = foldFromMap(foldMap);
  }
  private ids = new GramTable();
  /** per gram id: its reports (a text gram's as report × 16 + level) */
  private lists: number[][] = [];
  private last: number[] = [];
  /** occurrences of each text gram in the report being added, and the grams it has */
  private count = new Int32Array(1 << 16);
  private touched: number[] = [];
  private n = 0;
  private table = { provinces: [] as string[], counties: [] as [string, number][], towns: [] as [string, number, number][], formats: [] as string[], years: [] as number[], formatOf: [] as number[] };
  private provinceIx = new Map<string, number>();
  private countyIx = new Map<string, number>();
  private formatIx = new Map<string, number>();
  private lastId = '';
  private lastTown = '';

  private add(key: number, doc: number, counted: boolean) {
    const id = this.ids.id(key);
    if (id === this.lists.length) {
      this.lists.push([]);
      this.last.push(-1);
      if (id === this.count.length) {
        const next = new Int32Array(this.count.length * 2);
        next.set(this.count);
        this.count = next;
      }
    }
    if (this.last[id] !== doc) {
      this.lists[id]!.push(doc);
      this.last[id] = doc;
      if (counted) {
        this.count[id] = 1;
        this.touched.push(id);
      }
    } else if (counted) this.count[id]!++;
  }

  private grams(text: string, doc: number, offset: number) {
    const counted = offset === 0;
    for (const run of runs(normalize(text, this.fold))) {
      for (let i = 0; i < run.length; i++) {
        const a = run.charCodeAt(i);
        this.seen[a] = 1;
        this.add(offset + a, doc, counted);
        if (i + 1 < run.length) {
          const b = run.charCodeAt(i + 1);
          this.add(offset + a * P16 + b, doc, counted);
          if (i + 2 < run.length) this.add(offset + a * P32 + b * P16 + run.charCodeAt(i + 2), doc, counted);
        }
      }
    }
  }

  /** Adds a report, in id order (so each town's reports are consecutive). */
  addReport(r: SearchRecord): void {
    if (r.id <= this.lastId) throw new Error(`search index: reports must be added in id order (${r.id} after ${this.lastId})`);
    this.lastId = r.id;
    const doc = this.n++;
    this.grams(r.text, doc, 0);
    // each text gram's last entry is this report: give it the report's level
    for (const id of this.touched) {
      const l = this.lists[id]!;
      l[l.length - 1] = doc * 16 + densityLevel(this.count[id]!, r.text.length);
    }
    this.touched.length = 0;
    this.grams(r.title, doc, TITLE_KEY);
    this.grams(r.headings, doc, HEADING_KEY);
    // the town and county written together, as the search page's place tier reads them
    this.grams(`${r.town}${r.county}`, doc, PLACE_KEY);
    const t = this.table;
    const index = (m: Map<string, number>, key: string, make: () => number) => m.get(key) ?? (m.set(key, make()), m.get(key)!);
    const province = index(this.provinceIx, r.province, () => t.provinces.push(r.province) - 1);
    const county = index(this.countyIx, `${province}/${r.county}`, () => t.counties.push([r.county, province]) - 1);
    const town = t.towns.at(-1);
    const slug = r.id.split('/')[0]!;
    if (town && this.lastTown === slug) town[2]++;
    else t.towns.push([r.town, county, 1]);
    this.lastTown = slug;
    t.years.push(Number(r.year));
    t.formatOf.push(index(this.formatIx, r.format, () => t.formats.push(r.format) - 1));
  }
  /** The part's table and its buckets (uncompressed). */
  finish(): { table: PartTable; names: PartNames; buckets: Uint8Array[]; grams: number } {
    const n = this.n;
    let total = 0;
    const all = [...this.ids.entries()].map(([key, id]) => {
      const { gram, title, heading, place } = gramOf(key);
      const l = this.lists[id]!;
      const p: Posting = { gram, title, heading, place, docs: l };
      if (!title && !heading && !place) {
        // unpacked into typed arrays (5 bytes an entry instead of 8), the packed list let go
        const docs = new Int32Array(l.length);
        const levels = new Uint8Array(l.length);
        for (let i = 0; i < l.length; i++) {
          docs[i] = l[i]! >>> 4;
          levels[i] = l[i]! & 15;
        }
        p.docs = docs;
        p.levels = levels;
        this.lists[id] = [];
      }
      return p;
    });
    for (const p of all) total += postingSize(p.docs, n, !p.title && !p.heading && !p.place) + 8;
    const count = Math.max(1, Math.ceil(total / BUCKET_BYTES));
    const byBucket: Posting[][] = Array.from({ length: count }, () => []);
    for (const p of all) byBucket[bucketOf(p.gram, count)]!.push(p);
    const kind = (p: Posting) => (p.title ? 1 : p.heading ? 2 : p.place ? 3 : 0);
    const order = (a: Posting, b: Posting) => (a.gram < b.gram ? -1 : a.gram > b.gram ? 1 : kind(a) - kind(b));
    const buckets = byBucket.map((ps) => encodeBucket(ps.sort(order), n));
    const { years, formatOf, provinces, counties, towns, formats } = this.table;
    const yearBase = years.reduce((a, b) => Math.min(a, b), years[0] ?? 0);
    // one character per report keeps the table small (50,000 reports: 155 KB gzip as number arrays)
    if (years.some((y) => y - yearBase > 40) || this.table.formats.length > 10) throw new Error('search index: report years span more than 40 years, or more than 10 formats');
    // names apart (names.bin): a query needs only the numbers before its first results
    const table: PartTable = {
      version: FORMAT_VERSION,
      n,
      buckets: count,
      fold: pairsFor(this.foldMap, this.seen),
      provinces: provinces.length,
      counties: counties.map(([, p]) => p),
      townCounty: towns.map(([, c], i) => c - (i > 0 ? towns[i - 1]![1] : 0)),
      townReports: towns.map(([, , k]) => k),
      formats,
      yearBase,
      years: years.map((y) => String.fromCharCode(48 + y - yearBase)).join(''),
      formatOf: formatOf.join(''),
    };
    const names: PartNames = { provinces, counties: counties.map(([c]) => c), towns: towns.map(([t]) => t) };
    return { table, names, buckets, grams: this.ids.size };
  }
}
