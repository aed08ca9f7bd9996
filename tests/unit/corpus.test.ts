import { describe, expect, it } from 'vitest';
import matter from 'gray-matter';
import { generateCorpus } from '../../src/lib/corpus/generate.ts';
import { parseReport } from '../../src/lib/schema.ts';
import { townSlug } from '../../src/lib/slug.ts';
import { regions, summarize } from '../../src/lib/site/reports.ts';

const corpus = (n: number, seed: number) => [...generateCorpus(n, seed)];

describe('corpus generator', () => {
  const a = corpus(300, 7);
  it('is deterministic: same seed, same bytes; another seed, other reports', () => {
    expect(corpus(300, 7)).toEqual(a);
    expect(corpus(300, 8).map((r) => r.path)).not.toEqual(a.map((r) => r.path));
  });
  it('every report is valid, in its slug folder, named by its year, unique', () => {
    const seen = new Set<string>();
    for (const r of a) {
      const { data } = matter(r.content);
      const parsed = parseReport(data);
      expect(parsed.ok, r.path).toBe(true);
      if (!parsed.ok) continue;
      expect(r.path).toBe(`${townSlug(parsed.data.county, parsed.data.town)}/${parsed.data.year}.md`);
      expect(seen.has(r.path)).toBe(false);
      seen.add(r.path);
    }
  });
  it('mixes formats as the real archive does, with several years per town and many provinces', () => {
    const data = a.map((r) => matter(r.content).data as { format: string; year: number; province: string });
    const formats = new Set(data.map((d) => d.format));
    expect(formats).toEqual(new Set(['free', 'national-2019', 'national-2021']));
    expect(data.filter((d) => d.year < 2019).every((d) => d.format === 'free')).toBe(true);
    expect(new Set(data.map((d) => d.province)).size).toBeGreaterThan(10);
    expect(new Set(a.map((r) => r.path.split('/')[0])).size).toBeLessThan(a.length);
    expect(a.every((r) => r.content.length > 1500)).toBe(true);
  });
  it('region pages never share a path (山西/陕西, several 市中区 in one province)', () => {
    const big = corpus(3000, 3).map((r) => {
      const parsed = parseReport(matter(r.content).data);
      if (!parsed.ok) throw new Error(r.path);
      return summarize({ id: r.path.replace(/\.md$/, ''), data: parsed.data });
    });
    const paths = regions(big).flatMap((p) => [p.slug, ...p.counties.map((c) => `${p.slug}/${c.slug}`)]);
    expect(new Set(paths).size).toBe(paths.length);
  });
});
