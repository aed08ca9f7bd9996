/**
 * Text normalisation shared by the importer's matchers: full-width ASCII to
 * half-width, unified quotes and brackets, no spaces. Only for comparing
 * labels; the archive keeps the report's own characters.
 */

/** Full-width ASCII (！ to ～) and the ideographic space → half-width. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** A comparison key for table labels: 记/计, quotes, brackets, spaces and punctuation folded. */
export function labelKey(text: string): string {
  return toHalfWidth(text)
    .replace(/[\s\u00a0]+/g, '')
    .replace(/[“”"'‘’「」『』]/g, '')
    .replace(/记/g, '计')
    .replace(/[。．.，,:：;；、()（）【】\[\]]/g, '')
    .toLowerCase();
}

/** Removes a leading enumerator: 一、 （一） (一) 1. 1、 1． */
export function stripEnumerator(text: string): string {
  return text
    .trim()
    .replace(/^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]*[)）]、?|\d+[、.．]\s*)/, '')
    .trim();
}

/** Chinese numerals used in dates and enumerations → digits (二0一八 → 2018, 二十四 → 24). */
const DIGITS: Record<string, number> = { 〇: 0, 零: 0, O: 0, o: 0, '0': 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

export function chineseNumber(text: string): number | null {
  const t = toHalfWidth(text).trim();
  if (/^\d+$/.test(t)) return Number(t);
  if (t.includes('十')) {
    const [tens, ones] = t.split('十');
    const a = tens === '' ? 1 : DIGITS[tens!];
    const b = ones === '' ? 0 : DIGITS[ones!];
    return a === undefined || b === undefined ? null : a * 10 + b;
  }
  let n = 0;
  for (const ch of t) {
    const d = DIGITS[ch];
    if (d === undefined) return null;
    n = n * 10 + d;
  }
  return t.length > 0 ? n : null;
}
