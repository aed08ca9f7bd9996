/**
 * Dates as reports write them: 2020年2月18日, 2019-12-31, 2019.12.31 and
 * Chinese numerals (二0一八年十二月二十四日, 二〇一九年…). A damaged date
 * (2015112日: a digit or 年/月 lost in extraction) is reported, never guessed.
 */
import { chineseNumber, toHalfWidth } from './normalize.ts';

export type DateParse = { ok: true; iso: string; raw: string } | { ok: false; raw: string; reason: string; zh: string };

const NUM = '[0-9〇零O一二三四五六七八九十]';

function iso(y: number, m: number, d: number): string | null {
  const s = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const dt = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(dt.getTime()) && dt.toISOString().slice(0, 10) === s ? s : null;
}

/** Finds every well-formed date in a line. */
export function findDates(line: string): DateParse[] {
  const text = toHalfWidth(line);
  const out: DateParse[] = [];
  const re = new RegExp(`(${NUM}{4})\\s*年\\s*(${NUM}{1,3})\\s*月\\s*(${NUM}{1,3})\\s*日`, 'g');
  for (const m of text.matchAll(re)) {
    const y = chineseNumber(m[1]!);
    const mo = chineseNumber(m[2]!);
    const d = chineseNumber(m[3]!);
    const s = y !== null && mo !== null && d !== null ? iso(y, mo, d) : null;
    out.push(s ? { ok: true, iso: s, raw: m[0] } : { ok: false, raw: m[0], reason: 'not a calendar date', zh: '不是有效的日期' });
  }
  for (const m of text.matchAll(/(?<!\d)(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?!\d)/g)) {
    const s = iso(Number(m[1]), Number(m[2]), Number(m[3]));
    out.push(s ? { ok: true, iso: s, raw: m[0] } : { ok: false, raw: m[0], reason: 'not a calendar date', zh: '不是有效的日期' });
  }
  return out;
}

/**
 * A line that is only a date (the 成文日期 under a signature), possibly damaged:
 * returns the parse, or a failure for shapes like "2015112日)" that look like a
 * date with parts missing.
 */
export function dateLine(line: string): DateParse | null {
  const t = toHalfWidth(line).replace(/\s+/g, '').replace(/^[(（]|[)）]$/g, '');
  if (t.length === 0 || t.length > 16) return null;
  const found = findDates(t);
  if (found.length === 1 && found[0]!.raw.replace(/\s+/g, '') === t) return found[0]!;
  if (new RegExp(`^${NUM}{4,8}(年|月|日)?(${NUM}{1,2}(月|日)?)*(${NUM}{0,2})日$`).test(t) || /^\d{5,8}日$/.test(t)) {
    return { ok: false, raw: line.trim(), reason: 'a date with a part missing (年/月/日 or a digit lost in extraction)', zh: '年、月、日或数字有缺失' };
  }
  return null;
}
