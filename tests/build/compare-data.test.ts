/**
 * data/compare/ in dist/ (npm test builds it from content/ first): every report is in its county's
 * file once, with each figure of its format at the position data/compare/index.json gives the key,
 * equal to the content file's stats; free-form reports have no values; the index lists every town.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { DIST } from '../helpers/build.ts';
import { readContent } from '../helpers/content.ts';

const read = (rel: string) => JSON.parse(readFileSync(path.join(DIST, rel), 'utf8'));
const dig = (o: unknown, key: string) => key.split('.').reduce<unknown>((c, k) => (c && typeof c === 'object' ? (c as Record<string, unknown>)[k] : undefined), o);

it('every report’s figures in data/compare/ are its frontmatter’s', () => {
  const index = read('data/compare/index.json');
  const reports = readContent();
  let seen = 0;
  for (const p of index.provinces) {
    for (const c of p.counties) {
      const rel = `data/compare/${p.slug}/${c.slug}.json`;
      expect(existsSync(path.join(DIST, rel)), rel).toBe(true);
      // the county page of the same slugs exists
      expect(existsSync(path.join(DIST, 'regions', p.slug, c.slug, 'index.html'))).toBe(true);
      const file = read(rel);
      expect(file.towns.map((t: { slug: string }) => t.slug)).toEqual(c.towns);
      for (const t of file.towns) {
        for (const r of t.reports) {
          const truth = reports.find((x) => x.id === `${t.slug}/${r.year}`)!;
          expect(truth, `${t.slug}/${r.year}`).toBeDefined();
          expect(r.format).toBe(truth.data.format);
          expect(file.county).toBe(truth.data.county);
          if (truth.data.format === 'free') expect(r.values).toBeUndefined();
          else {
            const keys: string[] = index.formats[truth.data.format];
            expect(r.values).toHaveLength(keys.length);
            keys.forEach((k, i) => expect(r.values[i], `${t.slug}/${r.year} ${k}`).toBe(dig(truth.data.stats, k) ?? null));
          }
          seen++;
        }
      }
    }
  }
  expect(seen).toBe(reports.length);
  expect(index.years).toEqual([...new Set(reports.map((r) => r.data.year as number))].sort((a, b) => b - a));
});
