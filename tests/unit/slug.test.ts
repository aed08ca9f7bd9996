import { expect, it } from 'vitest';
import { countyBase, townBase, townSlug, SLUG_PATTERN } from '../../src/lib/slug.ts';

it('slugs are pinyin of county and town without suffixes', () => {
  expect(townSlug('公主岭市', '毛城子镇')).toBe('gongzhuling-maochengzi');
  expect(townSlug('城步苗族自治县', '长安营镇')).toBe('chengbu-changanying');
  expect(townSlug('永吉县', '一拉溪镇')).toBe('yongji-yilaxi');
  expect(townSlug('长阳土家族自治县', '龙舟坪镇')).toBe('changyang-longzhouping');
  expect(townSlug('某某区', '新华街道')).toMatch(SLUG_PATTERN);
});
it('removes administrative suffixes, ethnic autonomous ones included', () => {
  expect(countyBase('城步苗族自治县')).toBe('城步');
  expect(countyBase('鄂温克族自治旗')).toBe('鄂温克');
  expect(townBase('新华街道')).toBe('新华');
  expect(townBase('某某回族乡')).toBe('某某');
});
