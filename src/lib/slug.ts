/**
 * Town slugs: lower-case ASCII pinyin of the parent county and the town,
 * administrative suffixes removed, joined by "-" (公主岭市 毛城子镇 →
 * gongzhuling-maochengzi). pinyin-pro reads words in context, so polyphonic
 * characters come out right in place names (长安营 → changanying). Pure.
 */
import { pinyin } from 'pinyin-pro';

/** The 55 recognised minority nationalities, longest first, for 自治县/民族乡 suffixes. */
const ETHNIC = (
  '蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 柯尔克孜 土 ' +
  '达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺'
)
  .split(' ')
  .sort((a, b) => b.length - a.length);
const ETHNIC_RUN = `(?:(?:${ETHNIC.join('|')})族)+`;

const COUNTY_SUFFIX = new RegExp(`(?:${ETHNIC_RUN}自治[县旗]|自治[县旗]|特区|林区|新区|县|市|区|旗)$`);
const TOWN_SUFFIX = new RegExp(`(?:${ETHNIC_RUN}[乡镇]|街道办事处|街道|办事处|苏木|镇|乡)$`);

/** Removes the administrative suffix of a county-level name (城步苗族自治县 → 城步). */
export function countyBase(county: string): string {
  const base = county.trim().replace(COUNTY_SUFFIX, '');
  // 鄂温克族自治旗: the whole name is the nationality, so only 族自治旗 goes
  return base.length > 0 ? base : county.trim().replace(/族?自治[县旗]$/, '') || county.trim();
}

/** Removes the suffix of a township name (毛城子镇 → 毛城子, 某某街道 → 某某). */
export function townBase(town: string): string {
  const base = town.trim().replace(TOWN_SUFFIX, '');
  return base.length > 0 ? base : town.trim();
}

/** ASCII pinyin of Chinese text; Latin letters and digits kept, others dropped. */
export function toPinyin(text: string): string {
  return pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true })
    .join('')
    .toLowerCase()
    .replace(/ü/g, 'v')
    .replace(/[^a-z0-9]/g, '');
}

export function townSlug(county: string, town: string): string {
  return `${toPinyin(countyBase(county))}-${toPinyin(townBase(town))}`;
}

export const SLUG_PATTERN = /^[a-z0-9]+-[a-z0-9]+$/;

/** Slug for a region name in /regions/ URLs (吉林省 → jilin). */
export function regionSlug(name: string): string {
  // 陕西 and 山西 are both "shanxi" in plain pinyin; the official romanisation keeps them apart
  if (name.startsWith('陕西')) return 'shaanxi';
  return toPinyin(name.replace(/(?:省|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|市)$/, '')) || toPinyin(name);
}
