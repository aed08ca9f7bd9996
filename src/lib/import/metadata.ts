/**
 * Report metadata from the text: title (even split over two or three lines),
 * town, year, agency and dates; county, city, province and division code from
 * the offline division data when the match is unique. What cannot be found
 * or is damaged becomes a warning, never a guess. Used by the importer.
 */
import { dateLine, findDates } from './dates.ts';
import { matchTownship } from './division.ts';
import { headingLevel } from './narrative.ts';
import { toHalfWidth } from './normalize.ts';

export interface Metadata {
  title?: string;
  /** 0-based line indices the title was read from (consumed as metadata). */
  titleLines: number[];
  town?: string;
  county?: string;
  city?: string;
  province?: string;
  code?: string;
  year?: number;
  agency?: string;
  date?: string;
  warnings: string[];
}

export interface MetadataOverrides {
  town?: string;
  county?: string;
  year?: number;
}

const TOWN = /([\u4e00-\u9fa5]{2,8}?(?:街道办事处|街道|镇|乡))/;
const COUNTY_BEFORE_TOWN = /^([\u4e00-\u9fa5]{2,10}?(?:自治县|自治旗|县|市|区|旗))(?=[\u4e00-\u9fa5]{2,8}?(?:街道|镇|乡))/;

function compact(s: string): string {
  return s.replace(/\s+/g, '');
}

/** The title: the first short lines at the top that together end in 报告. */
export function findTitle(lines: string[]): { title?: string; lines: number[] } {
  const firstLines: number[] = [];
  for (let i = 0; i < lines.length && firstLines.length < 6; i++) if (lines[i]!.trim()) firstLines.push(i);
  for (let s = 0; s < firstLines.length; s++) {
    let joined = '';
    const used: number[] = [];
    for (let k = s; k < Math.min(s + 3, firstLines.length); k++) {
      const t = compact(lines[firstLines[k]!]!);
      if (t.length > 45 || (k > s && headingLevel(t) > 0)) break;
      joined += t;
      used.push(firstLines[k]!);
      if (/报告$/.test(joined) && /(年度|工作)/.test(joined)) return { title: joined, lines: used };
    }
  }
  return { lines: [] };
}

/** Lines elsewhere that repeat the title (a web page shows it twice). */
export function repeatedTitleLines(lines: string[], title: string, skip: number[]): number[] {
  const out: number[] = [];
  const target = compact(title);
  for (let i = 0; i < Math.min(lines.length, 40); i++) {
    if (skip.includes(i) || !lines[i]!.trim()) continue;
    let joined = '';
    const used: number[] = [];
    for (let k = i; k < Math.min(i + 3, lines.length); k++) {
      if (!lines[k]!.trim()) continue;
      joined += compact(lines[k]!);
      used.push(k);
      if (joined === target) return used;
      if (!target.startsWith(joined)) break;
    }
  }
  return out;
}

export function extractMetadata(lines: string[], overrides: MetadataOverrides = {}): Metadata {
  const warnings: string[] = [];
  const text = lines.join('\n');
  const { title, lines: titleLines } = findTitle(lines);
  if (!title) warnings.push('no title found in the first lines; a title was composed from town and year');

  // year: from the title, else the most frequent year in the body
  const titleYear = title ? /((?:19|20)\d{2})\s*年/.exec(toHalfWidth(title))?.[1] : undefined;
  const counts = new Map<number, number>();
  const bodyText = lines.filter((_, i) => !titleLines.includes(i)).join('\n');
  for (const m of toHalfWidth(bodyText).matchAll(/((?:19|20)\d{2})\s*年(?!\d)/g)) counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
  const bodyYear = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
  let year = overrides.year ?? (titleYear ? Number(titleYear) : bodyYear);
  if (titleYear && bodyYear && Number(titleYear) !== bodyYear && !counts.has(Number(titleYear))) {
    warnings.push(`the title says ${titleYear} but the body mostly speaks of ${bodyYear}; kept ${titleYear} from the title`);
  }
  if (!titleYear && bodyYear && !overrides.year) warnings.push(`no year in the title; took ${bodyYear}, the year the body mentions most`);
  if (year === undefined) warnings.push('no report year found: pass --year');

  // town: from the title, else the body's first township name
  const titleTown = title ? TOWN.exec(title.replace(/(?:19|20)\d{2}\s*年(度)?/g, ' ').replace(COUNTY_BEFORE_TOWN, ''))?.[1] : undefined;
  let town = overrides.town ?? titleTown ?? TOWN.exec(text)?.[1];
  if (town) town = town.replace(/办事处$/, '');
  if (!town) warnings.push('no town (镇/乡/街道) found: pass --town');

  const meta: Metadata = { titleLines, warnings };
  if (town) meta.town = town;
  if (year !== undefined) meta.year = year;

  // county, city, province, code: only from a unique match
  const writtenCounty = overrides.county ?? (title ? COUNTY_BEFORE_TOWN.exec(title)?.[1] : undefined);
  if (town) {
    const match = matchTownship(town, { ...(writtenCounty ? { county: writtenCounty } : {}), text });
    if (match.kind === 'unique') {
      const t = match.township;
      meta.county = overrides.county ?? t.county;
      meta.city = t.city;
      meta.province = t.province;
      meta.code = t.code;
    } else {
      if (writtenCounty) meta.county = writtenCounty;
      warnings.push(
        match.kind === 'none'
          ? `${town} is not in the offline division list; province, city and code left out`
          : `${town} exists in ${match.candidates.length} counties (${match.candidates.map((c) => c.county).join('、')}) and the text does not tell which; province, city and code left out`,
      );
    }
  }
  if (!meta.county) warnings.push('no parent county found: pass --county');

  if (title) meta.title = title;
  else if (town && year !== undefined) meta.title = `${town}${year}年政府信息公开工作年度报告`;

  // agency: the signature at the end if it names a government, else the town's government
  const tail = lines.map((l) => compact(l)).filter(Boolean).slice(-4);
  const signer = tail.find((l) => /(人民政府|办事处)$/.test(l) && l.length <= 20);
  const agencyFromTitle = title ? /^([\u4e00-\u9fa5]+?(?:人民政府|办事处))/.exec(title.replace(COUNTY_BEFORE_TOWN, ''))?.[1] : undefined;
  const agency = signer ?? agencyFromTitle ?? (town ? `${town}${town.endsWith('街道') ? '办事处' : '人民政府'}` : undefined);
  if (agency) meta.agency = agency;

  // written date: a date line in the signature block, or a damaged one reported
  for (const l of [...lines.slice(-6).reverse(), ...lines.slice(0, 12)]) {
    const d = dateLine(l);
    if (!d) continue;
    if (d.ok) {
      meta.date = d.iso;
      break;
    }
    warnings.push(`the written date "${d.raw}" is damaged (${d.reason}); left out — add date: by hand if it is known`);
    break;
  }
  if (!meta.date && !warnings.some((w) => w.includes('written date'))) {
    const any = findDates(lines.slice(-3).join(' ')).find((d) => d.ok);
    if (any && any.ok) meta.date = any.iso;
  }
  return meta;
}
