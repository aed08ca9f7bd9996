/**
 * The search index on disk, shared by the indexer (Node) and the search page
 * (browser). One index "part" is a folder:
 *
 *   part.bin     the part's table: how many reports, how many buckets, and per
 *                report its town, county, province, year and format (filters,
 *                sorting, town ranking without fetching each report)
 *   b/<k>.bin    bucket k: the posting lists of every gram whose hash falls in k
 *   d/<i>.bin    report i: id, title, places, year and its searchable text
 *                (checking a candidate and writing its excerpt)
 *
 * Every file is gzip (decompressed in the browser by fflate, so it works on any
 * server, with or without Content-Encoding). A posting list is stored as a
 * bitmap over the part's reports when that is smaller, else as varint gaps.
 * Title grams are kept apart (flag TITLE) in the same bucket as the gram, so
 * ranking title matches first costs no extra download.
 */

export const FORMAT_VERSION = 1;
/** The index's folder in the site (not search/: that is the search page). */
export const INDEX_DIR = 'search-index';
/** The site's list of parts, relative to this file: { version, parts: ["0/", …] }. */
export const PARTS_FILE = `${INDEX_DIR}/parts.json`;
export const TITLE = 4;

export interface PartTable {
  version: number;
  /** reports in the part */
  n: number;
  buckets: number;
  provinces: string[];
  /** [name, province index] */
  counties: [string, number][];
  /** [name, county index, number of reports]: reports are sorted by id, so a town's are consecutive */
  towns: [string, number, number][];
  formats: string[];
  /** per report, one character: its year is yearBase + (char code − 48) */
  years: string;
  yearBase: number;
  /** per report, one digit: index into formats */
  formatOf: string;
}

/** The per-report columns of a part table, decoded. */
export function decodeTable(t: PartTable): { townOf: Int32Array; year: Int32Array; format: Int32Array } {
  const townOf = new Int32Array(t.n);
  let at = 0;
  t.towns.forEach(([, , count], i) => {
    townOf.fill(i, at, at + count);
    at += count;
  });
  const year = new Int32Array(t.n);
  const format = new Int32Array(t.n);
  for (let i = 0; i < t.n; i++) {
    year[i] = t.yearBase + t.years.charCodeAt(i) - 48;
    format[i] = t.formatOf.charCodeAt(i) - 48;
  }
  return { townOf, year, format };
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

/** Encoded size of one posting list (kind byte + payload), the smaller of the two forms. */
export function postingSize(docs: ArrayLike<number>, n: number): number {
  return 1 + Math.min(gapsSize(docs), Math.ceil(n / 8));
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
  title: boolean;
  /** sorted report numbers */
  docs: ArrayLike<number>;
}

/** One bucket's bytes (before gzip). */
export function encodeBucket(postings: Posting[], n: number): Uint8Array {
  const w = new Writer();
  w.varint(postings.length);
  const bitmapBytes = Math.ceil(n / 8);
  for (const p of postings) {
    w.byte(p.gram.length | (p.title ? TITLE : 0));
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

/** Decodes a bucket into a map from key (gram, with "\u0001" in front for a title gram) to its set. */
export function decodeBucket(bytes: Uint8Array, n: number): Map<string, DocSet> {
  const out = new Map<string, DocSet>();
  let at = 0;
  const varint = () => {
    let v = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[at++]!;
      v += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return v;
      shift += 7;
    }
  };
  const count = varint();
  const bitmapBytes = Math.ceil(n / 8);
  for (let k = 0; k < count; k++) {
    const head = bytes[at++]!;
    let gram = '';
    for (let i = 0; i < (head & 3); i++, at += 2) gram += String.fromCharCode((bytes[at]! << 8) | bytes[at + 1]!);
    const set = emptySet(n);
    if (bytes[at++] === 0) {
      const m = varint();
      for (let i = 0, doc = 0; i < m; i++) {
        doc += varint();
        set[doc >>> 5]! |= 1 << (doc & 31);
      }
    } else {
      for (let i = 0; i < bitmapBytes; i++) set[i >>> 2]! |= bytes[at + i]! << ((i & 3) * 8);
      at += bitmapBytes;
    }
    out.set(head & TITLE ? `\u0001${gram}` : gram, set);
  }
  return out;
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
