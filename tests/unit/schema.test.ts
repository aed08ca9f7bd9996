import { describe, expect, it } from 'vitest';
import { parseReport } from '../../src/lib/schema.ts';
import { emptyStats } from '../../src/lib/stats/template.ts';

const base = {
  title: '某某镇人民政府2020年政府信息公开工作年度报告',
  town: '某某镇',
  county: '某某县',
  year: 2020,
  agency: '某某镇人民政府',
  format: 'free',
  source: { file: 'a.txt', sha256: 'a'.repeat(64) },
};

const messages = (data: unknown) => {
  const r = parseReport(data);
  return r.ok ? [] : r.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('report schema', () => {
  it('accepts a minimal free-form report', () => {
    expect(parseReport(base).ok).toBe(true);
  });
  it('stores YAML dates as ISO strings', () => {
    const r = parseReport({ ...base, date: new Date('2020-12-31T00:00:00Z'), published: '2021-01-05' });
    expect(r.ok && [r.data.date, r.data.published]).toEqual(['2020-12-31', '2021-01-05']);
  });
  it('names an unknown key and lists the allowed ones', () => {
    expect(messages({ ...base, titel: 'x' }).join('\n')).toMatch(/unknown key "titel".*allowed: title/);
  });
  it('rejects an impossible date, naming what was found', () => {
    expect(messages({ ...base, date: '2015-11-32' })).toEqual([
      'date: expected a date written YYYY-MM-DD (e.g. 2020-12-31), found "2015-11-32"',
    ]);
  });
  it('rejects a year given as text', () => {
    expect(messages({ ...base, year: '2020' })[0]).toMatch(/^year: expected the report year as a number.*found "2020"/);
  });
  it('requires stats for national formats and forbids them for free', () => {
    expect(messages({ ...base, format: 'national-2019' })[0]).toMatch(/^stats: format is "national-2019" but there is no stats block/);
    expect(messages({ ...base, stats: emptyStats('national-2019') })[0]).toMatch(/^stats: format is "free"/);
  });
  it('checks stats against the format: a 2021 block is not a 2019 block', () => {
    expect(parseReport({ ...base, format: 'national-2019', stats: emptyStats('national-2019') }).ok).toBe(true);
    expect(parseReport({ ...base, format: 'national-2021', stats: emptyStats('national-2021') }).ok).toBe(true);
    const wrong = messages({ ...base, format: 'national-2021', stats: emptyStats('national-2019') });
    expect(wrong.some((m) => m.startsWith('stats.proactive: unknown key'))).toBe(true);
  });
  it('rejects 0.5 applications but accepts a decimal amount and a negative change', () => {
    const stats = emptyStats('national-2019');
    stats.proactive['procurement']!['amount'] = 20.001;
    stats.proactive['licensing']!['change'] = -3;
    expect(parseReport({ ...base, format: 'national-2019', stats }).ok).toBe(true);
    (stats.applications.received as Record<string, number>)['natural'] = 0.5;
    expect(messages({ ...base, format: 'national-2019', stats })[0]).toMatch(
      /^stats\.applications\.received\.natural: expected a whole number ≥ 0 or null/,
    );
  });
});
