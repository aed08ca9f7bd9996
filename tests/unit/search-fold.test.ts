/**
 * 简繁 folding: OpenCC's table at index time, the shipped subset per part, queries in
 * traditional characters finding simplified text (and the reverse), excerpts and
 * highlight forms in the report's own characters.
 */
import { describe, expect, it } from 'vitest';
import { foldFromPairs, pairsFor } from '../../src/lib/search/fold.ts';
import { openccFoldMap } from '../../src/lib/search/opencc-fold.ts';
import { PartBuilder } from '../../src/lib/search/index-build.ts';
import { bucketOf, decodeBucket, members } from '../../src/lib/search/index-format.ts';
import { excerpt, firstMatch, matchForms, parseQuery, termGrams } from '../../src/lib/search/tokens.ts';
import type { SearchRecord } from '../../src/lib/search/records.ts';

const rec = (i: number, text: string, title = `第${i}份报告`): SearchRecord => ({ id: `t${i}/2020`, url: '', title, town: `镇${i}`, county: '某县', province: '某省', year: '2020', format: '自由格式', text, headings: '' });

describe('OpenCC fold table', () => {
  const map = openccFoldMap();
  const fold = (s: string) => [...s].map((c) => String.fromCharCode(map.get(c.charCodeAt(0)) ?? c.charCodeAt(0))).join('');
  it('folds traditional characters and Taiwan/Hong Kong variants to simplified', () => {
    expect(fold('政務公開')).toBe('政务公开');
    expect(fold('資訊')).toBe('资讯');
    expect(fold('鄉鎮人民政府辦事處')).toBe('乡镇人民政府办事处');
    expect(fold('為爲')).toBe('为为');
    expect(fold('裡裏')).toBe('里里');
    // simplified text is left alone
    expect(fold('依申请公开政府信息')).toBe('依申请公开政府信息');
  });
  it('is a fixed point, one BMP unit to one', () => {
    expect(map.size).toBeGreaterThan(2500);
    for (const [from, to] of map) {
      expect(map.has(to), String.fromCharCode(from, to)).toBe(false);
      expect(from < 0xd800 || from > 0xdfff).toBe(true);
      expect(to < 0xd800 || to > 0xdfff).toBe(true);
    }
  });
  it('a part ships only the pairs whose simplified side it holds', () => {
    const seen = new Uint8Array(65536);
    for (const c of '政务公开') seen[c.charCodeAt(0)] = 1;
    const pairs = pairsFor(map, seen);
    expect(pairs).toContain('務务');
    expect(pairs).toContain('開开');
    expect(pairs).not.toContain('龍');
    expect(foldFromPairs(pairs)('政務公開，龍')).toBe('政务公开，龍');
    expect(() => foldFromPairs('務')).toThrow(/odd/);
  });
});

describe('folded index', () => {
  const recs = [rec(0, '本镇推进政务公开工作'), rec(1, '本鎮推進政務公開，資訊公開'), rec(2, '行政复议2件')];
  const b = new PartBuilder();
  for (const r of recs) b.addReport(r);
  const { table, buckets } = b.finish();
  const fold = foldFromPairs(table.fold);
  const lookup = (gram: string) => {
    const set = decodeBucket(buckets[bucketOf(gram, table.buckets)]!, table.n).get(gram)?.set;
    return set ? [...members(set)] : [];
  };
  const find = (q: string) => {
    const grams = parseQuery(q, fold).terms.flatMap(termGrams);
    return [0, 1, 2].filter((d) => grams.every((g) => lookup(g).includes(d)));
  };
  it('a traditional query finds simplified and traditional text, and the reverse', () => {
    expect(parseQuery('政務公開', fold).terms).toEqual(['政务公开']);
    expect(find('政務公開')).toEqual([0, 1]);
    expect(find('政务公开')).toEqual([0, 1]);
    expect(find('资讯公开')).toEqual([1]);
    expect(find('資訊')).toEqual([1]);
    expect(find('行政復議')).toEqual([2]);
    expect(find('行政覆议')).toEqual([]);
  });
  it('excerpts and highlight forms keep the report’s own characters', () => {
    const terms = parseQuery('政務公開', fold).terms;
    expect(excerpt(recs[0]!.text, terms, 40, fold)).toBe('本镇推进<mark>政务公开</mark>工作');
    expect(excerpt(recs[1]!.text, terms, 40, fold)).toBe('本鎮推進<mark>政務公開</mark>，資訊公開');
    expect(firstMatch(recs[1]!.text, parseQuery('公开', fold).terms, fold)).toBe('公開');
    expect(matchForms('政務公開與政务公开，再次政務公開', terms, fold)).toEqual(['政務公開', '政务公开']);
  });
});
