/**
 * The search index on disk, shared by the indexer (Node) and the search page
 * (browser). One index "part" is a folder:
 *
 *   part.bin     the part's table: how many reports, how many buckets, the 简繁
 *                fold pairs its characters need, and per report its year and
 *                format and (as numbers) its town, county and province: what
 *                filtering by year, sorting and ranking need, without names
 *   names.bin    the names of the part's provinces, counties and towns, fetched
 *                only for the filter menus and their counts (at 10,000 reports
 *                16 KB of the 32 KB a table with names took before the first results)
 *   b/<k>.bin    bucket k: the posting lists of every gram whose hash falls in k
 * The folder's name ends in a hash of its contents (`0-<hash>/`), so a browser
 * that cached files of an earlier build never mixes them with a new one; only
 * parts.json (fetched fresh) says which folders are current.
 *
 *   d/<i>.bin    report i: id, title, places, year and its searchable text
 *                (checking a candidate and writing its excerpt), as JSON in raw
 *                DEFLATE with the preset dictionary of dict.bin (src/lib/search/doc-pack.ts)
 *   dict.bin     that dictionary: lines the part's reports share (table labels,
 *                headings, set phrases), so each report file holds only its own text
 *
 * Every other file is gzip (decompressed in the browser by fflate, so it works on any
 * server, with or without Content-Encoding). A posting list is stored as a
 * bitmap over the part's reports when that is smaller, else as varint gaps.
 * Title grams are kept apart (flag TITLE) in the same bucket as the gram, and so
 * are heading grams (flag HEADING: the report's h2–h6) and place grams (flag
 * PLACE: the report's town and county names written together), so ranking title,
 * place and heading matches first costs no extra download. A body posting also holds how
 * often the gram occurs per length of each report's text (a 4-bit level,
 * densityLevel below), so ranking by frequency needs no report text either:
 * for a list of up to 2 × LISTED reports every report's level, two to a byte
 * after the list; for a longer one only the LISTED (at most) reports of the
 * highest levels, and a floor that every other report's level is at most.
 */

/** Bumped whenever a file's layout changes; the search page refuses a part of another version. */
export const FORMAT_VERSION = 5;
/** The index's folder in the site (not search/: that is the search page). */
export const INDEX_DIR = 'search-index';
/** The site's list of parts, relative to this file: { version, parts: ["0/", …] }. */
export const PARTS_FILE = `${INDEX_DIR}/parts.json`;
/** A part's dictionary for its report files (d/<i>.bin). */
export const DICT_FILE = 'dict.bin';
export const TITLE = 4;
export const HEADING = 8;
export const PLACE = 16;
/** Key prefixes of a decoded bucket: title, heading and place grams are kept apart from the body's. */
export const TITLE_PREFIX = '\u0001';
export const HEADING_PREFIX = '\u0002';
export const PLACE_PREFIX = '\u0003';
/** A key of a decoded bucket without its prefix: the gram whose hash names the bucket. */
export const keyGram = (key: string) => key.replace(/^[\u0001-\u0003]/, '');

/**
 * How often a gram occurs in a report, per length of its text, as a level 0–15: occurrences
 * per 10,000 characters on a half-octave scale (level 3 is one per 10,000 characters, each
 * step ×√2, level 15 is 64 or more; a level of 0 is below one in 28,000). The level of a
 * term is at most the smallest level of its grams (the term occurs no more often than
 * any of its grams), so the search page ranks by that bound.
 */
/** A long posting lists at most this many reports' levels (the highest). */
export const LISTED = 128;

export function densityLevel(occurrences: number, length: number): number {
  if (occurrences <= 0 || length <= 0) return 0;
  return Math.max(0, Math.min(15, Math.floor(2 * Math.log2((occurrences * 10000) / length)) + 3));
}

export interface PartTable {
  version: number;
  /** reports in the part */
  n: number;
  buckets: number;
  /** 简繁 fold pairs (from, to, from, to …) for the characters of this part (src/lib/search/fold.ts); grams are folded */
  fold: string;
  /** how many provinces (their names, like the counties' and towns', are in names.bin) */
  provinces: number;
  /** per county, its province's index */
  counties: number[];
  /** per town, its county's index less the previous town's (the first town's: less 0): small numbers, as towns go by county */
  townCounty: number[];
  /** per town, its number of reports: reports are sorted by id, so a town's are consecutive */
  townReports: number[];
  formats: string[];
  /** per report, one character: its year is yearBase + (char code − 48) */
  years: string;
  yearBase: number;
  /** per report, one digit: index into formats */
  formatOf: string;
}

/** The names of a part's provinces, counties and towns (names.bin), in the order of its table's indexes. */
export interface PartNames {
  provinces: string[];
  counties: string[];
  towns: string[];
}

/** The per-report columns of a part table, decoded, and each town's county. */
export function decodeTable(t: PartTable): { townOf: Int32Array; year: Int32Array; format: Int32Array; countyOf: Int32Array } {
  const townOf = new Int32Array(t.n);
  const countyOf = new Int32Array(t.townReports.length);
  let at = 0;
  let county = 0;
  t.townReports.forEach((count, i) => {
    townOf.fill(i, at, at + count);
    at += count;
    county += t.townCounty[i]!;
    countyOf[i] = county;
  });
  const year = new Int32Array(t.n);
  const format = new Int32Array(t.n);
  for (let i = 0; i < t.n; i++) {
    year[i] = t.yearBase + t.years.charCodeAt(i) - 48;
    format[i] = t.formatOf.charCodeAt(i) - 48;
  }
  return { townOf, year, format, countyOf };
}

export interface DocFile {
  id: string;
  title: string;
  town: string;
  county: string;
  province: string;
  year: number;
  format: string;
  /** searchable text, blocks separated by newlines */
  text: string;
}

/** FNV-1a over UTF-16 units: which bucket holds a gram (title or not). */
export function bucketOf(gram: string, buckets: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < gram.length; i++) {
    h ^= gram.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % buckets;
}

const varintSize = (v: number) => (v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5);

/** Bytes of a sorted doc list as varint gaps. */
export function gapsSize(docs: ArrayLike<number>): number {
  let size = varintSize(docs.length);
  for (let i = 0, prev = 0; i < docs.length; i++) {
    size += varintSize(docs[i]! - prev);
    prev = docs[i]!;
  }
  return size;
}

/** Encoded size of one posting list (kind byte + payload, the smaller of the two forms, + its levels, at most). */
export function postingSize(docs: ArrayLike<number>, n: number, levels: boolean): number {
  const m = docs.length;
  // a long posting's listed reports: their gaps as if evenly spread, and their levels
  return 1 + Math.min(gapsSize(docs), Math.ceil(n / 8)) + (!levels ? 0 : m <= 2 * LISTED ? Math.ceil(m / 2) : 2 + LISTED * varintSize(Math.ceil(n / LISTED)) + LISTED / 2);
}

class Writer {
  buf = new Uint8Array(1 << 16);
  len = 0;
  ensure(k: number) {
    if (this.len + k <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + k));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
  byte(b: number) {
    this.ensure(1);
    this.buf[this.len++] = b;
  }
  varint(v: number) {
    this.ensure(5);
    while (v >= 0x80) {
      this.buf[this.len++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[this.len++] = v;
  }
}

export interface Posting {
  gram: string;
  /** a gram of the title, of a heading or of the place (no levels), or of the text (levels) */
  title: boolean;
  heading?: boolean;
  place?: boolean;
  /** sorted report numbers */
  docs: ArrayLike<number>;
  /** per report of docs, its densityLevel (0–15; absent: 0); only body postings store them */
  levels?: ArrayLike<number>;
}

/** One bucket's bytes (before gzip). */
export function encodeBucket(postings: Posting[], n: number): Uint8Array {
  const w = new Writer();
  w.varint(postings.length);
  const bitmapBytes = Math.ceil(n / 8);
  for (const p of postings) {
    // flags, then the gram's length in code units as a varint: any gram length round-trips
    if (Number(!!p.title) + Number(!!p.heading) + Number(!!p.place) > 1) throw new Error('search index: a posting is of the title, of the headings or of the place, not two of them');
    w.byte(p.title ? TITLE : p.heading ? HEADING : p.place ? PLACE : 0);
    w.varint(p.gram.length);
    for (let i = 0; i < p.gram.length; i++) {
      const c = p.gram.charCodeAt(i);
      w.byte(c >>> 8);
      w.byte(c & 0xff);
    }
    if (gapsSize(p.docs) <= bitmapBytes) {
      w.byte(0);
      w.varint(p.docs.length);
      for (let i = 0, prev = 0; i < p.docs.length; i++) {
        w.varint(p.docs[i]! - prev);
        prev = p.docs[i]!;
      }
    } else {
      w.byte(1);
      w.ensure(bitmapBytes);
      const start = w.len;
      w.buf.fill(0, start, start + bitmapBytes);
      for (let i = 0; i < p.docs.length; i++) w.buf[start + (p.docs[i]! >>> 3)]! |= 1 << (p.docs[i]! & 7);
      w.len += bitmapBytes;
    }
    if (!p.title && !p.heading && !p.place) writeLevels(w, p);
  }
  return w.buf.slice(0, w.len);
}

/** A set of report numbers as 32-bit words: the form the browser intersects. */
export type DocSet = Uint32Array;

export const emptySet = (n: number): DocSet => new Uint32Array((n + 31) >>> 5);
export function fullSet(n: number): DocSet {
  const s = emptySet(n);
  s.fill(0xffffffff);
  if (n & 31) s[s.length - 1] = (1 << (n & 31)) - 1;
  return s;
}

/** A body posting's levels: all of them (2 × LISTED reports or fewer), or a floor and the reports above it. */
function writeLevels(w: Writer, p: Posting) {
  const m = p.docs.length;
  const lv = p.levels;
  const level = (i: number) => {
    const v = lv ? lv[i]! : 0;
    return v >= 15 ? 15 : v > 0 ? v | 0 : 0;
  };
  if (m <= 2 * LISTED) {
    // two to a byte, the first in the low half
    w.ensure((m + 1) >>> 1);
    for (let i = 0; i < m; i += 2) w.buf[w.len++] = level(i) | (i + 1 < m ? level(i + 1) << 4 : 0);
    return;
  }
  // the lowest floor with at most LISTED reports above it
  const count = new Int32Array(16);
  for (let i = 0; i < m; i++) count[level(i)]!++;
  let floor = 15;
  for (let above = 0; floor > 0 && above + count[floor]! <= LISTED; floor--) above += count[floor]!;
  const listed: number[] = [];
  for (let i = 0; i < m; i++) if (level(i) > floor) listed.push(i);
  w.byte(floor);
  w.varint(listed.length);
  for (let k = 0, prev = 0; k < listed.length; k++) {
    w.varint(p.docs[listed[k]!]! - prev);
    prev = p.docs[listed[k]!]!;
  }
  w.ensure((listed.length + 1) >>> 1);
  for (let k = 0; k < listed.length; k += 2) w.buf[w.len++] = level(listed[k]!) | (k + 1 < listed.length ? level(listed[k + 1]!) << 4 : 0);
}

/**
 * A decoded posting: its reports, and for a body gram their levels (packed two to a byte): of every
 * report in order (top undefined), or of the reports in top only, every other report's level being
 * at most floor.
 */
export interface Entry {
  set: DocSet;
  levels: Uint8Array | undefined;
  floor?: number;
  top?: Uint32Array;
}

const popcount = (v: number) => {
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
};

/** Per report of the part, the entry's level (0 where the gram is absent or the entry has none). */
export function denseLevels(e: Entry | undefined, n: number): Uint8Array {
  const out = new Uint8Array(n);
  if (!e?.levels) return out;
  const nibble = (k: number) => ((e.levels![k >>> 1] ?? 0) >>> ((k & 1) * 4)) & 15;
  if (e.top) {
    // the bound for reports not listed: the floor
    for (const doc of members(e.set)) out[doc] = e.floor ?? 0;
    e.top.forEach((doc, k) => (out[doc] = nibble(k)));
    return out;
  }
  let k = 0;
  for (const doc of members(e.set)) out[doc] = nibble(k++);
  return out;
}

/** A bucket that cannot be decoded: truncated, corrupt or of another layout. */
export class CorruptIndexError extends Error {}

/**
 * Decodes a bucket into a map from key (gram, with TITLE_PREFIX, HEADING_PREFIX or PLACE_PREFIX in
 * front for a title, heading or place gram) to its entry.
 * Bounded: every read is checked against the buffer, so truncated or corrupt bytes throw
 * CorruptIndexError instead of looping or reading past the end.
 */
export function decodeBucket(bytes: Uint8Array, n: number): Map<string, Entry> {
  const out = new Map<string, Entry>();
  let at = 0;
  const fail = (why: string): never => {
    throw new CorruptIndexError(`search index: bucket is truncated or corrupt (${why} at byte ${at} of ${bytes.length})`);
  };
  const byte = () => (at < bytes.length ? bytes[at++]! : fail('unexpected end'));
  const varint = () => {
    let v = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const b = byte();
      v += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return v;
    }
    return fail('varint too long');
  };
  const count = varint();
  // every posting takes at least 3 bytes (flags, length, kind)
  if (count * 3 > bytes.length - at) fail(`${count} postings cannot fit`);
  const bitmapBytes = Math.ceil(n / 8);
  for (let k = 0; k < count; k++) {
    const head = byte();
    if (head !== 0 && head !== TITLE && head !== HEADING && head !== PLACE) fail('unknown flags');
    const len = varint();
    if (len === 0 || len * 2 > bytes.length - at) fail('bad gram length');
    let gram = '';
    for (let i = 0; i < len; i++, at += 2) gram += String.fromCharCode((bytes[at]! << 8) | bytes[at + 1]!);
    const set = emptySet(n);
    const kind = byte();
    let m = 0;
    if (kind === 0) {
      m = varint();
      if (m > n || m > bytes.length - at) fail('too many reports');
      for (let i = 0, doc = 0; i < m; i++) {
        doc += varint();
        if (doc >= n) fail('report number out of range');
        set[doc >>> 5]! |= 1 << (doc & 31);
      }
    } else if (kind === 1) {
      if (bitmapBytes > bytes.length - at) fail('bitmap cut short');
      for (let i = 0; i < bitmapBytes; i++) set[i >>> 2]! |= bytes[at + i]! << ((i & 3) * 8);
      at += bitmapBytes;
      if (n & 31) set[set.length - 1]! &= (1 << (n & 31)) - 1;
      for (let i = 0; i < set.length; i++) m += popcount(set[i]!);
    } else fail('unknown list kind');
    const entry: Entry = { set, levels: undefined };
    if (!head) {
      let t = m;
      if (m > 2 * LISTED) {
        entry.floor = byte();
        if (entry.floor > 15) fail('bad level floor');
        t = varint();
        if (t > LISTED || t > bytes.length - at) fail('too many levels listed');
        entry.top = new Uint32Array(t);
        for (let i = 0, doc = 0; i < t; i++) {
          doc += varint();
          if (doc >= n || !has(set, doc)) fail('listed report not in the list');
          entry.top[i] = doc;
        }
      }
      const size = (t + 1) >>> 1;
      if (size > bytes.length - at) fail('levels cut short');
      entry.levels = bytes.slice(at, at + size);
      at += size;
    }
    out.set(head === TITLE ? `${TITLE_PREFIX}${gram}` : head === HEADING ? `${HEADING_PREFIX}${gram}` : head === PLACE ? `${PLACE_PREFIX}${gram}` : gram, entry);
  }
  if (at !== bytes.length) fail('trailing bytes');
  return out;
}

/**
 * Checks a part table fetched from a site (this one or another): its version and shape.
 * Throws an Error naming the part and what is wrong, so the search page can say so.
 */
export function checkTable(t: unknown, url: string): PartTable {
  const bad = (why: string): never => {
    throw new Error(`search index: ${url} ${why}`);
  };
  if (!t || typeof t !== 'object') bad('is not an index part table');
  const o = t as Record<string, unknown>;
  if (o['version'] !== FORMAT_VERSION) bad(`has format version ${String(o['version'])}, this page reads version ${FORMAT_VERSION}: rebuild that site with the same nianbao version`);
  const int = (k: string) => (Number.isInteger(o[k]) && (o[k] as number) >= 0 ? (o[k] as number) : bad(`field ${k} is not a count`));
  const n = int('n');
  if (int('buckets') < 1) bad('has no buckets');
  int('yearBase');
  if (typeof o['fold'] !== 'string' || (o['fold'] as string).length % 2) bad('has no 简繁 fold table');
  const ints = (k: string, ok: (v: number) => boolean) => {
    const v = o[k];
    if (!Array.isArray(v) || !v.every((x) => Number.isInteger(x) && ok(x as number))) bad(`field ${k} is not a list of numbers in range`);
    return v as number[];
  };
  if (!Array.isArray(o['formats']) || !(o['formats'] as unknown[]).every((f) => typeof f === 'string')) bad('field formats is not a list');
  if (typeof o['years'] !== 'string' || (o['years'] as string).length !== n) bad('field years does not have one entry per report');
  if (typeof o['formatOf'] !== 'string' || (o['formatOf'] as string).length !== n) bad('field formatOf does not have one entry per report');
  const provinces = int('provinces');
  const counties = ints('counties', (p) => p >= 0 && p < provinces);
  const reports = ints('townReports', (c) => c > 0);
  const moves = ints('townCounty', () => true);
  if (moves.length !== reports.length) bad('does not give every town a county');
  let county = 0;
  for (const m of moves) if ((county += m) < 0 || county >= counties.length) bad('has a town of an unknown county');
  const sum = reports.reduce((x, y) => x + y, 0);
  if (sum !== n) bad(`lists ${sum} reports in its towns but ${n} in all`);
  const formats = (o['formats'] as unknown[]).length;
  for (const c of o['formatOf'] as string) if (c.charCodeAt(0) - 48 < 0 || c.charCodeAt(0) - 48 >= formats) bad('has a report with an unknown format');
  return t as PartTable;
}

/** Checks a part's names.bin against its table: one name per province, county and town. */
export function checkNames(v: unknown, t: PartTable, url: string): PartNames {
  const o = (v && typeof v === 'object' ? v : {}) as Record<string, unknown>;
  const want = { provinces: t.provinces, counties: t.counties.length, towns: t.townReports.length };
  for (const [k, len] of Object.entries(want)) {
    const list = o[k];
    if (!Array.isArray(list) || list.length !== len || !list.every((x) => typeof x === 'string')) throw new Error(`search index: ${url} does not name the ${len} ${k} of its part`);
  }
  return v as PartNames;
}

export function andInto(a: DocSet, b: DocSet): DocSet {
  for (let i = 0; i < a.length; i++) a[i]! &= b[i]!;
  return a;
}

export function* members(s: DocSet): Generator<number> {
  for (let i = 0; i < s.length; i++) {
    let w = s[i]!;
    while (w) {
      const bit = 31 - Math.clz32(w & -w);
      yield i * 32 + bit;
      w &= w - 1;
    }
  }
}

export const has = (s: DocSet, doc: number) => (s[doc >>> 5]! & (1 << (doc & 31))) !== 0;
