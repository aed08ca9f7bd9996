/**
 * The search index's bucket format (src/lib/search/index-format.ts): round trips of
 * grams of any length, and bounded decoding — random, truncated and bit-flipped bytes
 * either decode to sets within range or throw CorruptIndexError, never loop or hang.
 */
import { describe, expect, it } from 'vitest';
import { checkTable, CorruptIndexError, decodeBucket, encodeBucket, FORMAT_VERSION, members, type Posting } from '../../src/lib/search/index-format.ts';

// a small deterministic generator, so a failure can be reproduced
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const N = 300;
function postings(rand: () => number): Posting[] {
  const out: Posting[] = [];
  const seen = new Set<string>();
  for (let k = 0; k < 40; k++) {
    const len = 1 + Math.floor(rand() * 7); // longer than the indexer's 3: the format must not care
    const gram = Array.from({ length: len }, () => String.fromCharCode(0x4e00 + Math.floor(rand() * 500))).join('');
    const title = rand() < 0.3;
    if (seen.has(`${title}${gram}`)) continue;
    seen.add(`${title}${gram}`);
    const dense = rand() < 0.3;
    const docs = [...new Set(Array.from({ length: dense ? 200 : 1 + Math.floor(rand() * 10) }, () => Math.floor(rand() * N)))].sort((a, b) => a - b);
    out.push({ gram, title, docs });
  }
  return out;
}

describe('decodeBucket', () => {
  it('round-trips postings with grams of 1 to 7 code units, sparse and dense', () => {
    const rand = rng(1);
    for (let round = 0; round < 20; round++) {
      const ps = postings(rand);
      const map = decodeBucket(encodeBucket(ps, N), N);
      expect(map.size).toBe(ps.length);
      for (const p of ps) expect([...members(map.get(p.title ? `\u0001${p.gram}` : p.gram)!)]).toEqual(p.docs);
    }
  });

  it('throws CorruptIndexError on every truncation of a valid bucket', () => {
    const bytes = encodeBucket(postings(rng(2)), N);
    for (let cut = 0; cut < bytes.length; cut++) expect(() => decodeBucket(bytes.subarray(0, cut), N), `cut at ${cut}`).toThrow(CorruptIndexError);
  });

  it('random and bit-flipped bytes decode within range or throw CorruptIndexError, quickly', () => {
    const rand = rng(3);
    const valid = encodeBucket(postings(rand), N);
    const started = Date.now();
    let threw = 0;
    for (let round = 0; round < 1000; round++) {
      let bytes: Uint8Array;
      if (round % 2) {
        bytes = Uint8Array.from({ length: Math.floor(rand() * 200) }, () => Math.floor(rand() * 256));
      } else {
        bytes = valid.slice();
        for (let f = 0; f < 3; f++) bytes[Math.floor(rand() * bytes.length)]! ^= 1 << Math.floor(rand() * 8);
      }
      try {
        const map = decodeBucket(bytes, N);
        let max = -1;
        for (const set of map.values()) for (const d of members(set)) max = Math.max(max, d);
        if (max >= N) throw new Error(`report ${max} out of range`);
      } catch (e) {
        expect(e).toBeInstanceOf(CorruptIndexError);
        threw++;
      }
    }
    expect(threw).toBeGreaterThan(300);
    // a loop would never get here; this only guards against quadratic blow-ups
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('a huge posting count in a few bytes throws instead of allocating', () => {
    expect(() => decodeBucket(Uint8Array.of(0xff, 0xff, 0xff, 0x7f), N)).toThrow(/cannot fit/);
  });
});

describe('checkTable', () => {
  const good = { version: FORMAT_VERSION, n: 2, buckets: 1, fold: '務务', provinces: ['吉林省'], counties: [['某县', 0]], towns: [['某镇', 0, 2]], formats: ['a'], years: '00', yearBase: 2020, formatOf: '00' };
  it('accepts a well-formed table', () => expect(checkTable(good, 'x/part.bin')).toBe(good));
  it('names the version of a part from another nianbao version', () => {
    expect(() => checkTable({ ...good, version: 1 }, 'https://other/part.bin')).toThrow(`https://other/part.bin has format version 1, this page reads version ${FORMAT_VERSION}`);
  });
  it('rejects a wrong shape', () => {
    expect(() => checkTable({ ...good, years: '0' }, 'p')).toThrow(/years/);
    expect(() => checkTable({ ...good, towns: [['某镇', 5, 2]] }, 'p')).toThrow(/town row/);
    expect(() => checkTable({ ...good, towns: [['某镇', 0, 3]] }, 'p')).toThrow(/3 reports/);
    expect(() => checkTable('<html>', 'p')).toThrow(/not an index part table/);
    expect(() => checkTable({ ...good, fold: '務' }, 'p')).toThrow(/简繁/);
    const { fold: _, ...noFold } = good;
    expect(() => checkTable(noFold, 'p')).toThrow(/简繁/);
  });
});
