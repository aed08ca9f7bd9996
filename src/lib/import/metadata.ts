/**
 * Report metadata from the text: title (even split over two or three lines),
 * town, year, agency and dates; county, city, province and division code from
 * the offline division data when the match is unique. What cannot be found
 * or is damaged becomes a warning, never a guess. Used by the importer.
 */
import { dateLine, findDates } from './dates.ts';
import { findCountyNames, findCountyNamesAnywhere, findTownNames, type Township, type TownHit } from './division.ts';
import { headingLevel } from './narrative.ts';
import { toHalfWidth } from './normalize.ts';
import { countyBase } from '../slug.ts';
import { warning, type ImportWarning } from './warnings.ts';

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
  warnings: ImportWarning[];
}

export interface MetadataOverrides {
  town?: string;
  county?: string;
  year?: number;
}

const TOWN = /([\u4e00-\u9fa5]{2,8}?(?:街道办事处|街道|镇|乡))/;
const COUNTY_BEFORE_TOWN = /^([\u4e00-\u9fa5]{2,10}?(?:自治县|自治旗|县|市|区|旗))(?=[\u4e00-\u9fa5]{2,8}?(?:街道|镇|乡))/;

/** Division entries of one township name. */
function candidatesOf(town: string): Township[] {
  return findTownNames(town).filter((h) => h.index === 0 && h.name.length === town.length).flatMap((h) => h.candidates);
}

/**
 * The township: the first of title, signature block, 发布机构 line and body
 * that holds a real name. Within one source, a name whose county the text
 * (or --county) names wins, then the name said most often, then the first.
 */
function findTown(lines: string[], title: string | undefined, text: string, county?: string, agency?: string): (TownHit & { fromBody: boolean }) | undefined {
  const nonEmpty = lines.map((l) => compact(l)).filter(Boolean);
  // a name cut at a printed line's end (现将茅坪 / 回族镇2022年度…, PDF text) is whole only with the lines joined
  const joined = nonEmpty.join('');
  const sources = [
    title ?? '',
    nonEmpty.slice(-6).join('\n'),
    [...nonEmpty.filter((l) => /发布机构|发文机关|来源[:：]/.test(l)), agency ?? ''].join('\n'),
    text,
    joined,
  ];
  const countyBaseGiven = county ? countyBase(county) : undefined;
  for (const src of sources) {
    const hits = findTownNames(src);
    if (hits.length === 0) continue;
    const score = (h: TownHit) => {
      const named = h.candidates.some((t) => (countyBaseGiven ? countyBase(t.county) === countyBaseGiven : findCountyNames(text, new Set([t.countyCode])).length > 0));
      const times = src.split(h.name).length - 1;
      return (named ? 1000 : 0) + times;
    };
    let best = hits[0]!;
    for (const h of hits) if (score(h) > score(best)) best = h;
    return { ...best, fromBody: src === text || src === joined };
  }
  return undefined;
}

function compact(s: string): string {
  return s.replace(/\s+/g, '');
}

/**
 * Lines of a portal's chrome that a web copy puts above or beside the title: breadcrumbs
 * (首页 > … > 年报), metadata panels (发布机构: …, 标 题: …, • 索引号 …), rows of table
 * borders (|||), accessibility switches (无障碍, 长者专版, 关怀版, 语音朗读). Never part of a title.
 */
const CHROME_LINE = /[>＞›»|]|^[•·●▪]|^[^，。]{1,12}?[:：]|位置|无障碍|长者|关怀版|语音|朗读|元数据|门户|^(索引号|成文日期|发布机构|发布日期|组配分类|主题分类|公开方式|公开日期|发文字号|文号)|\d{4}-\d{1,2}-\d{1,2}/;

/** A title ends in 报告 or 年报 and names its kind of report (年度/工作, or a year before 信息公开报告: 兴华乡2010年政府信息公开报告). */
const TITLE_END = /(报告|年报)$/;
const titleLike = (t: string) => (TITLE_END.test(t) && /(年度|工作)/.test(t)) || /(?:19|20)\d{2}.*信息公开(工作)?(年报|报告)$/.test(t);
/**
 * …and names its town on its own: lines above such a title (a site name, a column label) are not
 * part of it, while 达川区安仁乡人民政府 above 2022年…报告 is.
 */
const standsAlone = (t: string) => /镇|乡|街道|办事处/.test(t);

/**
 * The title: the first short lines at the top that together end in 报告 (or 年报), split over up
 * to three lines; chrome lines are skipped, and of lines that join to a title the latest that
 * still stand alone are taken (a site name or column label above the title is not part of it).
 */
export function findTitle(lines: string[]): { title?: string; lines: number[] } {
  const firstLines: number[] = [];
  for (let i = 0; i < lines.length && firstLines.length < 10; i++) if (lines[i]!.trim()) firstLines.push(i);
  let first: { title: string; lines: number[] } | undefined;
  for (let s = 0; s < firstLines.length; s++) {
    const found = titleFrom(lines, firstLines, s);
    if (!found) continue;
    // a title naming no town (the page's heading, 2012年…报告) gives way to the same title with its town further down
    if (!first) {
      first = found;
      if (standsAlone(found.title)) return found;
    } else if (standsAlone(found.title) && found.title.endsWith(first.title)) return found;
  }
  return first ?? { lines: [] };
}

/** The title that starts at firstLines[s], if one does. */
function titleFrom(lines: string[], firstLines: number[], s: number): { title: string; lines: number[] } | undefined {
  const used: number[] = [];
  const parts: string[] = [];
  for (let k = s; k < Math.min(s + 3, firstLines.length); k++) {
    // a title cell of a flattened table keeps its borders: 汤浦镇2009年…年报 |
    const t = compact(lines[firstLines[k]!]!).replace(/^\|+|\|+$/g, '');
    if (t.length > 45 || CHROME_LINE.test(toHalfWidth(t)) || (k > s && headingLevel(t) > 0)) break;
    parts.push(t);
    used.push(firstLines[k]!);
    if (!titleLike(parts.join(''))) continue;
    for (let from = used.length - 1; from > 0; from--) {
      const tail = parts.slice(from).join('');
      if (titleLike(tail) && standsAlone(tail)) return { title: tail, lines: used.slice(from) };
    }
    return { title: parts.join(''), lines: used };
  }
  return undefined;
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

/** A report's name in 《》 within its first lines: a year and 政府信息公开工作年度报告 (or 年报) inside. */
function quotedTitle(lines: string[]): string | undefined {
  const head = lines.filter((l) => l.trim()).slice(0, 3).join('');
  const m = /《([^《》]{0,40}(?:19|20)\d{2}\s*年度?[^《》]{0,20}?政府信息公开(?:工作)?(?:年度报告|年报))》/.exec(head);
  return m ? compact(m[1]!) : undefined;
}

/**
 * `page.agency`: the 发布机构 a saved page's metadata panel names outside the report's text,
 * read for the town where the text's own 发布机构 line would be.
 */
export function extractMetadata(lines: string[], overrides: MetadataOverrides = {}, page: { agency?: string } = {}): Metadata {
  const warnings: ImportWarning[] = [];
  const text = lines.join('\n');
  const titleFound = findTitle(lines);
  const titleLines = titleFound.lines;
  // no title line, but the opening sentence names the report (现发布《临洮县新添镇2022年政府信息公开工作年度报告》)
  const quoted = titleFound.title ? undefined : quotedTitle(lines);
  const title = titleFound.title ?? quoted;
  if (quoted) warnings.push(warning('meta.title-from-text', `no title line; took the title the opening sentence names: ${quoted}`, { field: 'title' }));
  else if (!title) warnings.push(warning('meta.no-title', 'no title found in the first lines; a title was composed from town and year'));

  // year: from the title, else the most frequent year in the body
  const titleYear = title ? /((?:19|20)\d{2})\s*年/.exec(toHalfWidth(title))?.[1] : undefined;
  const counts = new Map<number, number>();
  const bodyText = lines.filter((_, i) => !titleLines.includes(i)).join('\n');
  // not the template's notes on the previous year (上一年项目数量（指2019年事项数）)
  for (const m of toHalfWidth(bodyText).matchAll(/(?<!指)((?:19|20)\d{2})\s*年(?!\d)/g)) counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
  const bodyYear = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
  let year = overrides.year ?? (titleYear ? Number(titleYear) : bodyYear);
  if (titleYear && bodyYear && Number(titleYear) !== bodyYear && !counts.has(Number(titleYear))) {
    warnings.push(warning('meta.year-conflict', `the title says ${titleYear} but the body mostly speaks of ${bodyYear}; kept ${titleYear} from the title`, { field: 'year' }));
  }
  if (!titleYear && bodyYear && !overrides.year) warnings.push(warning('meta.year-from-body', `no year in the title; took ${bodyYear}, the year the body mentions most`, { field: 'year' }));
  if (year === undefined) warnings.push(warning('meta.no-year', 'no report year found: pass --year', { field: 'year' }));

  // town: the gazetteer's longest real name, from the title, the signature, the 发布机构 line, then the body
  const found = overrides.town ? undefined : findTown(lines, title, text, overrides.county, page.agency);
  const titleTown = title ? TOWN.exec(title.replace(/(?:19|20)\d{2}\s*年(度)?/g, ' ').replace(COUNTY_BEFORE_TOWN, ''))?.[1] : undefined;
  // a name the division list does not know: the title's 镇/乡/街道 as written; never a guess from a body
  // sentence ("依法治镇", a garbled name), which would file the report under a town that does not exist
  // the page's 发布机构 names a town the division list does not know (renamed, merged): as written, before a body sentence
  const agencyTown = page.agency ? TOWN.exec(page.agency)?.[1] : undefined;
  // the title writes a longer name that ends in the division list's (泃阳西大街街道 ⊃ 西大街街道) under a county
  // none of that name's towns belongs to: the name as written, not a town of another county
  const titleCounty = title ? COUNTY_BEFORE_TOWN.exec(title)?.[1] : undefined;
  const bare = (n: string) => n.replace(/办事处$/, '');
  const longerInTitle =
    found && titleTown && titleCounty && bare(titleTown).length > bare(found.name).length && bare(titleTown).endsWith(bare(found.name)) &&
    // …and what it adds is part of the name, not a county before it (达川区安仁乡)
    !/[县市区旗]|政府/.test(bare(titleTown).slice(0, bare(titleTown).length - bare(found.name).length)) &&
    !found.candidates.some((t) => title!.includes(t.county) || title!.includes(countyBase(t.county)));
  let town = overrides.town ?? (longerInTitle ? titleTown : undefined) ?? (found && !(found.fromBody && agencyTown) ? found.name : undefined) ?? titleTown ?? agencyTown ?? found?.name;
  if (town) town = town.replace(/办事处$/, '');
  if (!town) warnings.push(warning('meta.no-town', 'no town (镇/乡/街道) found: pass --town', { field: 'town' }));

  const meta: Metadata = { titleLines, warnings };
  if (town) meta.town = town;
  if (year !== undefined) meta.year = year;

  // county, city, province, code: only from a unique match
  if (town) {
    const all = found && found.name.replace(/办事处$/, '') === town ? found.candidates : candidatesOf(town);
    const given = overrides.county;
    let candidates = all;
    let writtenCounty = given;
    if (given) {
      const base = countyBase(given);
      const byCounty = all.filter((t) => t.county === given || countyBase(t.county) === base);
      if (byCounty.length > 0) candidates = byCounty;
    } else if (all.length > 0) {
      // a county written in the text that is a parent of one of the candidates wins (the title's first)
      const mentions = findCountyNames(text, new Set(all.map((t) => t.countyCode)));
      const titleMentions = title ? mentions.filter((m) => title.includes(m.name)) : [];
      const pool = titleMentions.length ? titleMentions : mentions;
      const codes = new Set(pool.map((m) => m.code));
      if (codes.size > 0) candidates = all.filter((t) => codes.has(t.countyCode));
      if (codes.size === 0 && titleCounty) writtenCounty = titleCounty;
    } else if (titleCounty) writtenCounty = titleCounty;
    else {
      // a town the division list does not know (renamed, merged): the one county the text names, as written
      const named = new Set(findCountyNamesAnywhere(text).filter((n) => /[县市区旗]$/.test(n)));
      if (named.size === 1) {
        writtenCounty = [...named][0]!;
        warnings.push(warning('meta.county-from-text', `${town} is not in the offline division list; the text names one county, ${writtenCounty}, which was kept as written — check it`, { field: 'county' }));
      }
    }

    if (candidates.length === 1) {
      const t = candidates[0]!;
      if (writtenCounty && writtenCounty !== t.county && countyBase(writtenCounty) !== countyBase(t.county)) {
        // the spec keeps the county as written; the division list may file the town elsewhere
        meta.county = writtenCounty;
        warnings.push(warning('meta.county-as-written', `the text names the county ${writtenCounty}, but the division list files ${town} under ${t.county}; kept ${writtenCounty} as written — check it`, { field: 'county' }));
      } else {
        meta.county = given ?? t.county;
        meta.city = t.city;
        meta.province = t.province;
        meta.code = t.code;
      }
    } else {
      if (writtenCounty) meta.county = writtenCounty;
      warnings.push(
        candidates.length === 0
          ? warning('meta.town-not-in-gazetteer', `${town} is not in the offline division list; province, city and code left out`, { field: 'town' })
          : warning('meta.town-ambiguous', `${town} exists in ${candidates.length} counties (${candidates.map((c) => c.county).join('、')}) and the text does not tell which; province, city and code left out`, { field: 'county' }),
      );
    }
  }
  if (!meta.county) warnings.push(warning('meta.no-county', 'no parent county found: pass --county', { field: 'county' }));

  if (title) meta.title = title;
  else if (town && year !== undefined) meta.title = `${town}${year}年政府信息公开工作年度报告`;

  // agency: the signature at the end if it names a government, else the town's government
  const tail = lines.map((l) => compact(l)).filter(Boolean).slice(-4);
  // (a signature may name the town alone: 下各镇 above its date)
  const signer = tail.find((l) => /(人民政府|办事处)$/.test(l) && l.length <= 20) ?? (town ? tail.find((l) => l.length <= 20 && /^[\u4e00-\u9fa5]+$/.test(l) && l.endsWith(town)) : undefined);
  // the town's own body as the title names it, with its county (抚松县东岗镇人民政府2020年…, 广州市越秀区人民政府北京街道办事处…)
  const namedInTitle = title && town && /^[\u4e00-\u9fa5]+$/.test(town) ? new RegExp(`^([\u4e00-\u9fa5]*?${town}(?:人民政府|办事处))`).exec(title)?.[1] : undefined;
  const agencyFromTitle = namedInTitle ?? (title ? /^([\u4e00-\u9fa5]+?(?:人民政府|办事处))/.exec(title.replace(COUNTY_BEFORE_TOWN, ''))?.[1] : undefined);
  const agency = signer ?? agencyFromTitle ?? (town ? `${town}${town.endsWith('街道') ? '办事处' : '人民政府'}` : undefined);
  if (agency) meta.agency = agency;

  // written date: a date line in the signature block, or a damaged one reported
  for (const l of [...lines.slice(-6).reverse(), ...lines.slice(0, 12)]) {
    // …or the dated byline under the title, glued to the text that follows it in a copy that lost its line
    // breaks: (2017年12月15日) 某某乡…办公室 根据…
    const byline = lines.slice(0, 12).includes(l) ? /^\s*([(（]\s*[^()（）]{6,16}\s*[)）])\s+\S/.exec(l)?.[1] : undefined;
    const d = dateLine(byline ?? l);
    if (!d) continue;
    if (d.ok) {
      meta.date = d.iso;
      break;
    }
    warnings.push(
      warning('meta.date-damaged', `the written date "${d.raw}" is damaged (${d.reason}); left out — add date: by hand if it is known`, {
        field: 'date',
        zh: `原文落款日期“${d.raw}”无法识别（${d.zh}），未录入`,
        public: true,
      }),
    );
    break;
  }
  if (!meta.date && !warnings.some((w) => w.code === 'meta.date-damaged')) {
    // a signature line that holds the date beside the agency (某某镇人民政府 2021年1月20日); never a sentence's date
    // (统计期限为2023年1月1日至…), which is not when the report was written
    const short = lines.slice(-3).filter((l) => l.replace(/\s+/g, '').length <= 40 && !/[。；，]|统计|期限|至/.test(l));
    const any = findDates(short.join(' ')).find((d) => d.ok);
    if (any && any.ok) meta.date = any.iso;
  }
  return meta;
}
