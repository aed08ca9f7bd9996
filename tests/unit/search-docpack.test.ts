/**
 * Report files of the search index (src/lib/search/doc-pack.ts): the part's dictionary holds
 * the lines its reports share, and a report file is its JSON in raw DEFLATE with that
 * dictionary — read back with fflate, as the search page does, byte for byte.
 */
import { inflateSync } from 'fflate';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DICT_BYTES, packDoc, textDictionary } from '../../src/lib/search/doc-pack.ts';
import type { DocFile } from '../../src/lib/search/index-format.ts';

const SHARED = ['申请人情况', '一、本年新收政府信息公开申请数量', '（三）不予公开', '3.危及“三安全一稳定”'];
const doc = (i: number): DocFile => ({
  id: `t${i}/2020`,
  title: `第${i}镇2020年政府信息公开工作年度报告`,
  town: `第${i}镇`,
  county: '某县',
  province: '某省',
  year: 2020,
  format: '2019版表格',
  text: [`第${i}镇2020年政府信息公开工作年度报告`, `本镇独有的一句话，编号${i * 7919}。`, ...SHARED, String(i)].join('\n'),
});

describe('report files', () => {
  const docs = Array.from({ length: 20 }, (_, i) => doc(i));
  const dict = textDictionary(docs);
  const text = new TextDecoder().decode(dict);

  it('the dictionary holds the lines several reports share, as the JSON writes them, not a line of one report', () => {
    for (const line of SHARED) expect(text).toContain(`${JSON.stringify(line).slice(1, -1)}\\n`);
    expect(text).not.toContain('本镇独有');
    expect(dict.length).toBeLessThanOrEqual(DICT_BYTES);
    // a line in one report of two is not shared by enough of 400 (1 %)
    const many = [...Array.from({ length: 398 }, (_, i) => ({ ...doc(i), text: `其他${i}` })), { ...doc(1), text: '只在两份中' }, { ...doc(2), text: '只在两份中' }];
    expect(new TextDecoder().decode(textDictionary(many))).not.toContain('只在两份中');
  });

  it('a report file inflates with the dictionary to its JSON exactly, and is smaller than gzip alone', () => {
    for (const d of docs) {
      const packed = packDoc(d, dict);
      expect(new TextDecoder().decode(inflateSync(packed, { dictionary: dict }))).toBe(JSON.stringify(d));
      expect(packed.length).toBeLessThan(gzipSync(JSON.stringify(d)).length);
    }
  });

  it('the dictionary is never longer than asked, however many lines are shared', () => {
    const big = Array.from({ length: 10 }, (_, i) => ({ ...doc(i), text: Array.from({ length: 3000 }, (_, k) => `共有的第${k}行文字`).join('\n') }));
    expect(textDictionary(big, 4096).length).toBeLessThanOrEqual(4096);
    expect(textDictionary(big).length).toBeLessThanOrEqual(DICT_BYTES);
  });
});
