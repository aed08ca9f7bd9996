import { describe, expect, it } from 'vitest';
import { containsAll, decode, encode, excerpt, haystack, pairs, parseQuery } from '../../src/lib/search/tokens.ts';

describe('search tokens', () => {
  it('pairs a Chinese run and adds its last character', () => {
    expect(pairs('依申请公开')).toEqual(['依申', '申请', '请公', '公开', '开']);
    expect(pairs('镇')).toEqual(['镇']);
  });
  it('the index text can be rebuilt, punctuation and full-width forms normalised', () => {
    const text = '２０１９年，我镇依申请公开信息12条，电话0434-6631321。';
    expect(decode(encode(text))).toBe('2019年,我镇依申请公开信息12条,电话0434-6631321。');
    expect(encode('镇镇').split(' ')).toEqual(['镇镇', '镇', '⁂', '镇']);
  });
  it('one Chinese run is a phrase of pairs; several terms are words that must all match', () => {
    expect(parseQuery('依申请公开').pagefind).toBe('"依申 申请 请公 公开"');
    expect(parseQuery('毛城子镇 2019')).toEqual({ terms: ['毛城子镇', '2019'], pagefind: '毛城 城子 子镇 2019' });
    expect(parseQuery('镇').pagefind).toBe('镇');
    expect(parseQuery('０４３４').terms).toEqual(['0434']);
  });
  it('Ctrl+F semantics: every term a substring, never across a line', () => {
    expect(containsAll('我镇依申请公开', ['申请', '我镇'])).toBe(true);
    expect(containsAll('情况\n二、', ['情况二'])).toBe(false);
    expect(haystack('Ａ  Ｂ')).toBe('a b');
  });
  it('excerpts are escaped and mark every term', () => {
    const html = excerpt('<b>依申请公开</b>,行政复议', ['依申请公开', '行政复议']);
    expect(html).toBe('&lt;b&gt;<mark>依申请公开</mark>&lt;/b&gt;，<mark>行政复议</mark>');
  });
});
