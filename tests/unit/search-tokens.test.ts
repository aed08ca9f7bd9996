import { describe, expect, it } from 'vitest';
import { containsAll, excerpt, haystack, isExactTerm, parseQuery, runs, termGrams } from '../../src/lib/search/tokens.ts';
import { PartBuilder } from '../../src/lib/search/index-build.ts';
import { bucketOf, decodeBucket, decodeTable, encodeBucket, has, keyGram, members, PLACE_PREFIX, type DocSet } from '../../src/lib/search/index-format.ts';
import type { SearchRecord } from '../../src/lib/search/records.ts';

describe('search tokens', () => {
  it('cuts normalised text into runs of letters and digits; terms into grams of at most three', () => {
    expect(runs(haystack('２０１９年，我镇依申请公开信息12条，电话0434-6631321。'))).toEqual(['2019年', '我镇依申请公开信息12条', '电话0434', '6631321']);
    expect(termGrams('依申请公开')).toEqual(['依申请', '申请公', '请公开']);
    expect(termGrams('镇')).toEqual(['镇']);
    expect(termGrams('0434-6631321')).toEqual(['043', '434', '663', '631', '313', '132', '321']);
  });
  it('a term of one run up to three characters is exact; anything longer is checked against the text', () => {
    expect(isExactTerm('申请人')).toBe(true);
    expect(isExactTerm('依申请公开')).toBe(false);
    expect(isExactTerm('a-b')).toBe(false);
    expect(parseQuery('毛城子镇 2019')).toEqual({ terms: ['毛城子镇', '2019'], exact: false });
    expect(parseQuery('０４３ 镇').exact).toBe(true);
    expect(parseQuery('０４３４').terms).toEqual(['0434']);
    expect(parseQuery('， 镇').terms).toEqual(['镇']);
  });
  it('Ctrl+F semantics: every term a substring, never across a line', () => {
    expect(containsAll('我镇依申请公开', ['申请', '我镇'])).toBe(true);
    expect(containsAll('情况\n二、', ['情况二'])).toBe(false);
    expect(haystack('Ａ  Ｂ')).toBe('a b');
  });
  it('excerpts show the original characters, escaped, and mark every term', () => {
    expect(excerpt('<b>依申请公开</b>，行政复议', ['依申请公开', '行政复议'])).toBe('&lt;b&gt;<mark>依申请公开</mark>&lt;/b&gt;，<mark>行政复议</mark>');
    // normalised for matching only: the report's full-width letters and circled digits stay as written
    expect(excerpt('已通过ＰＤＦ格式公开①', ['pdf格式公开1'])).toBe('已通过<mark>ＰＤＦ格式公开①</mark>');
    // a match next to an entity never cuts it, and quotes are escaped once
    expect(excerpt('x<lt "引号" & lt', ['lt'])).toBe('x&lt;<mark>lt</mark> &quot;引号&quot; &amp; <mark>lt</mark>');
    expect(excerpt('收到申请&amp;lt;', ['amp'])).toBe('收到申请&amp;<mark>amp</mark>;lt;');
  });
});

describe('search index format', () => {
  it('round-trips posting lists, sparse (gaps) and dense (bitmap)', () => {
    const n = 1000;
    const sparse = [3, 17, 999];
    const dense = Array.from({ length: 600 }, (_, i) => i * 1 + (i > 300 ? 300 : 0));
    const bytes = encodeBucket([{ gram: '申请', title: false, docs: sparse }, { gram: '申请', title: true, docs: dense }, { gram: '𠀀', title: false, docs: [0] }], n);
    const map = decodeBucket(bytes, n);
    expect([...members(map.get('申请')!.set)]).toEqual(sparse);
    expect([...members(map.get('\u0001申请')!.set)]).toEqual(dense);
    expect([...members(map.get('𠀀')!.set)]).toEqual([0]);
    // the dense list costs a bitmap (125 bytes), not 600 gaps
    expect(bytes.length).toBeLessThan(160);
  });

  it('a built part answers "which reports hold this gram" exactly as a scan of the texts does', () => {
    const texts = ['依申请公开12条', '申请人王海南', '行政复议0434-6631321', '公开，申请', '镇'];
    const recs: SearchRecord[] = texts.map((text, i) => ({ id: `t${i}/2020`, url: '', title: `第${i}份报告`, town: `镇${i}`, county: i < 3 ? '某县' : '另县', province: '某省', year: '2020', format: '自由格式', text, headings: '' }));
    const b = new PartBuilder();
    for (const r of recs) b.addReport(r);
    const { table, names, buckets } = b.finish();
    expect(table.n).toBe(5);
    expect(table.townReports).toEqual([1, 1, 1, 1, 1]);
    const decoded = decodeTable(table);
    expect(decoded.year).toEqual(new Int32Array([2020, 2020, 2020, 2020, 2020]));
    // the names are apart (names.bin), in the order of the table's numbers
    expect(names).toEqual({ provinces: ['某省'], counties: ['某县', '另县'], towns: ['镇0', '镇1', '镇2', '镇3', '镇4'] });
    expect([...decoded.countyOf].map((c) => names.counties[c])).toEqual(['某县', '某县', '某县', '另县', '另县']);
    const lookup = (key: string): DocSet | undefined => decodeBucket(buckets[bucketOf(keyGram(key), table.buckets)]!, table.n).get(key)?.set;
    for (const gram of ['申请', '申', '请公开', '631', '公开', '开申', '镇', '第3']) {
      const want = recs.flatMap((r, i) => (runs(haystack(r.text)).some((run) => run.includes(gram)) ? [i] : []));
      const got = lookup(gram);
      expect(got ? [...members(got)] : [], gram).toEqual(want);
    }
    expect(has(lookup('\u0001第3')!, 3)).toBe(true);
    // place grams: the town and county names written together (镇3另县), not the text
    expect([...members(lookup(`${PLACE_PREFIX}3另县`)!)]).toEqual([3]);
    expect([...members(lookup(`${PLACE_PREFIX}某县`)!)]).toEqual([0, 1, 2]);
    expect(lookup(`${PLACE_PREFIX}申请`)).toBeUndefined();
    expect(() => b.addReport({ ...recs[0]!, id: 'a/2020' })).toThrow(/id order/);
  });
});
