/**
 * The search index's bucket format (src/lib/search/index-format.ts): round trips of
 * grams of any length, and bounded decoding — random, truncated and bit-flipped bytes
 * either decode to sets within range or throw CorruptIndexError, never loop or hang.
 */
import { describe, expect, it } from 'vitest';
import { checkNames, checkTable, CorruptIndexError, decodeBucket, denseLevels, densityLevel, encodeBucket, FORMAT_VERSION, HEADING_PREFIX, LISTED, members, PLACE_PREFIX, TITLE_PREFIX, type Posting } from '../../src/lib/search/index-format.ts';

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
    const kind = rand();
    const title = kind < 0.2;
    const heading = !title && kind < 0.4;
    const place = !title && !heading && kind < 0.55;
    if (seen.has(`${title}${heading}${place}${gram}`)) continue;
    seen.add(`${title}${heading}${place}${gram}`);
    const dense = rand() < 0.3;
    const docs = [...new Set(Array.from({ length: dense ? 200 : 1 + Math.floor(rand() * 10) }, () => Math.floor(rand() * N)))].sort((a, b) => a - b);
    // text grams carry a level per report; title, heading and place grams none
    out.push(title || heading || place ? { gram, title, heading, place, docs } : { gram, title, docs, levels: docs.map(() => Math.floor(rand() * 16)) });
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
      for (const p of ps) {
        const e = map.get(p.title ? `${TITLE_PREFIX}${p.gram}` : p.heading ? `${HEADING_PREFIX}${p.gram}` : p.place ? `${PLACE_PREFIX}${p.gram}` : p.gram)!;
        expect([...members(e.set)]).toEqual(p.docs);
        if (p.levels) {
          const dense = denseLevels(e, N);
          expect(Array.from(p.docs, (d) => dense[d])).toEqual(Array.from(p.levels));
        } else expect(e.levels).toBeUndefined();
      }
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
        for (const { set } of map.values()) for (const d of members(set)) max = Math.max(max, d);
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

  it('levels: occurrences per 10,000 characters on a half-octave scale, 0–15', () => {
    expect(densityLevel(0, 1000)).toBe(0);
    expect(densityLevel(1, 10000)).toBe(3);
    expect(densityLevel(2, 10000)).toBe(5);
    expect(densityLevel(1, 5000)).toBe(5);
    expect(densityLevel(3, 1000)).toBe(densityLevel(30, 10000));
    expect(densityLevel(1, 100000)).toBe(0);
    expect(densityLevel(1000, 1000)).toBe(15);
  });

  it('a long posting keeps the levels of at most LISTED reports, the highest, and a floor bounding the rest', () => {
    const n = 5000;
    const rand = rng(4);
    for (const m of [2 * LISTED, 2 * LISTED + 1, 600, 4000]) {
      const docs = [...new Set(Array.from({ length: m * 2 }, () => Math.floor(rand() * n)))].sort((a, b) => a - b).slice(0, m);
      const levels = docs.map(() => (rand() < 0.9 ? 5 + Math.floor(rand() * 3) : Math.floor(rand() * 16)));
      const bytes = encodeBucket([{ gram: '公开', title: false, docs, levels }], n);
      const e = decodeBucket(bytes, n).get('公开')!;
      const dense = denseLevels(e, n);
      if (docs.length <= 2 * LISTED) {
        expect(e.top).toBeUndefined();
        expect(docs.map((d) => dense[d])).toEqual(levels);
        continue;
      }
      const floor = e.floor!;
      expect(e.top!.length).toBeLessThanOrEqual(LISTED);
      // every report above the floor is listed with its own level; the rest get the floor, an upper bound
      docs.forEach((d, i) => expect(dense[d], `report ${d}`).toBe(levels[i]! > floor ? levels[i] : floor));
      // and the floor is as low as LISTED allows: listing the floor's reports too would exceed it
      expect(levels.filter((l) => l >= floor).length > LISTED || floor === 0).toBe(true);
      for (let cut = bytes.length - 20; cut < bytes.length; cut++) expect(() => decodeBucket(bytes.subarray(0, cut), n)).toThrow(CorruptIndexError);
    }
  });

  it('a bucket with two kinds of flag on a posting, or levels cut short, throws', () => {
    expect(() => encodeBucket([{ gram: '镇', title: true, heading: true, docs: [1] }], N)).toThrow(/not two of them/);
    expect(() => encodeBucket([{ gram: '镇', title: false, heading: true, place: true, docs: [1] }], N)).toThrow(/not two of them/);
    const bytes = encodeBucket([{ gram: '镇', title: false, docs: [1, 2, 3], levels: [1, 2, 3] }], N);
    expect(decodeBucket(bytes, N).get('镇')!.levels).toEqual(Uint8Array.of(0x21, 0x03));
    const both = bytes.slice();
    for (const flags of [12, 20, 24, 28, 1, 2, 32]) {
      both[1] = flags;
      expect(() => decodeBucket(both, N), `flags ${flags}`).toThrow(/unknown flags/);
    }
    expect(() => decodeBucket(bytes.subarray(0, bytes.length - 1), N)).toThrow(/levels cut short/);
  });

  it('a huge posting count in a few bytes throws instead of allocating', () => {
    expect(() => decodeBucket(Uint8Array.of(0xff, 0xff, 0xff, 0x7f), N)).toThrow(/cannot fit/);
  });
});

describe('checkTable', () => {
  const good = { version: FORMAT_VERSION, n: 3, buckets: 1, fold: '務务', provinces: 1, counties: [0, 0], townCounty: [0, 1], townReports: [2, 1], formats: ['a'], years: '000', yearBase: 2020, formatOf: '000' };
  it('accepts a well-formed table', () => expect(checkTable(good, 'x/part.bin')).toBe(good));
  it('names the version of a part from another nianbao version', () => {
    expect(() => checkTable({ ...good, version: 1 }, 'https://other/part.bin')).toThrow(`https://other/part.bin has format version 1, this page reads version ${FORMAT_VERSION}`);
  });
  it('rejects a wrong shape', () => {
    expect(() => checkTable({ ...good, years: '0' }, 'p')).toThrow(/years/);
    expect(() => checkTable({ ...good, townCounty: [0, 2] }, 'p')).toThrow(/unknown county/);
    expect(() => checkTable({ ...good, townCounty: [0] }, 'p')).toThrow(/every town a county/);
    expect(() => checkTable({ ...good, counties: [0, 1] }, 'p')).toThrow(/counties/);
    expect(() => checkTable({ ...good, townReports: [2, 2] }, 'p')).toThrow(/4 reports/);
    expect(() => checkTable({ ...good, townReports: [3, 0] }, 'p')).toThrow(/townReports/);
    expect(() => checkTable('<html>', 'p')).toThrow(/not an index part table/);
    expect(() => checkTable({ ...good, fold: '務' }, 'p')).toThrow(/简繁/);
    const { fold: _, ...noFold } = good;
    expect(() => checkTable(noFold, 'p')).toThrow(/简繁/);
  });
  it('checks names.bin against the table: a name for every province, county and town', () => {
    const names = { provinces: ['吉林省'], counties: ['某县', '另县'], towns: ['某镇', '另镇'] };
    expect(checkNames(names, good, 'x/names.bin')).toBe(names);
    expect(() => checkNames({ ...names, towns: ['某镇'] }, good, 'x/names.bin')).toThrow('x/names.bin does not name the 2 towns of its part');
    expect(() => checkNames({ ...names, counties: ['某县', 2] }, good, 'x/names.bin')).toThrow(/counties/);
    expect(() => checkNames('<html>', good, 'x/names.bin')).toThrow(/provinces/);
  });
});
