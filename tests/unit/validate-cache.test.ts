/**
 * The validation cache (src/lib/report/validate-cache.ts): a run from the cache
 * gives exactly the findings of a run without it — errors of cached files
 * included, lines of fields a new date check needs included — and a damaged,
 * foreign or stale cache is not used: every file is validated again.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ArchiveValidation, validateArchive, type SourceFile } from '../../src/lib/report/validate.ts';
import { ValidationCache, codeVersion, validationSources } from '../../src/lib/report/validate-cache.ts';
import { ROOT } from '../helpers/build.ts';

const BASE = readFileSync(path.join(ROOT, 'content/reports/fuyuan-hanconggou/2020.md'), 'utf8');
const year = (y: number) => BASE.replace('year: 2020', `year: ${y}`);
const src = (rel: string, text: string): SourceFile => ({ file: `content/reports/${rel}`, rel, text });

/** Valid files and files failing in each way validation knows, alone and across the archive. */
const FILES: SourceFile[] = [
  src('fuyuan-hanconggou/2020.md', BASE),
  src('fuyuan-hanconggou/2019.md', year(2019).replace(/^---\n/, '---js\n')),
  src('fuyuan-hanconggou/2018.md', year(2018).replace(/\n\n/, '\n\n<script>alert(1)</script>\n\n')),
  src('fuyuan-hanconggou/2017.MD', year(2017)),
  src('fuyuan-hanconggou/2016.md', year(2016).replace(/^(agency: .*)$/m, '$1\npublished: 2016-02-30')),
  // a date that is in the future for one "today" and not for another
  src('fuyuan-hanconggou/2015.md', year(2015).replace(/^(agency: .*)$/m, '$1\npublished: 2024-03-01')),
  // the same town and year twice (under another folder), and a link to a report not in the archive
  src('elsewhere-hanconggou/2020.md', `${BASE.trimEnd()}\n\n见[去年](/reports/fuyuan-hanconggou/2009/)。\n`),
  src('fuyuan-hanconggou/2014.md', year(2014).replace(/^year: 2014$/m, 'year: "2014"')),
];

function tempFile() {
  return path.join(mkdtempSync(path.join(tmpdir(), 'nianbao-vcache-')), 'cache.json');
}

/** Validates FILES into a cache file, as a build does; returns the file. */
function warmed(version = 'v1', today = '2026-12-06') {
  const file = tempFile();
  const c = ValidationCache.load(file, version);
  validateArchive(FILES, { today, cache: c });
  expect(c.save()).toBeUndefined();
  return file;
}

describe('validation from the cache', () => {
  it('gives the findings of a run without the cache, and parses no file again', () => {
    const plain = validateArchive(FILES, { today: '2026-12-06' });
    expect(plain.filter((f) => f.level === 'error').length).toBeGreaterThan(6);
    const file = warmed();
    const c = ValidationCache.load(file, 'v1');
    expect(c.unusable).toBeUndefined();
    expect(validateArchive(FILES, { today: '2026-12-06', cache: c })).toEqual(plain);
    expect([c.hits, c.misses]).toEqual([FILES.length, 0]);
  });

  it('a cached failing file fails again, on every run', () => {
    const file = warmed();
    for (let i = 0; i < 3; i++) {
      const c = ValidationCache.load(file, 'v1');
      const errors = validateArchive(FILES, { today: '2026-12-06', cache: c }).filter((f) => f.level === 'error');
      expect(c.hits).toBe(FILES.length);
      for (const rel of ['2019.md', '2018.md', '2017.MD', '2016.md', '2014.md']) expect(errors.some((e) => e.file.endsWith(`fuyuan-hanconggou/${rel}`)), rel).toBe(true);
      expect(errors.some((e) => /more than once/.test(e.message))).toBe(true);
      expect(errors.some((e) => /not in the archive/.test(e.message))).toBe(true);
      c.save();
    }
  });

  it('runs the checks against today and the archive every time: a date now in the future gets its line', () => {
    const file = warmed('v1', '2026-12-06');
    const earlier = validateArchive(FILES, { today: '2020-01-01' });
    const future = earlier.find((f) => /2024-03-01 is in the future/.test(f.message));
    expect(future?.line).toBeGreaterThan(1);
    expect(validateArchive(FILES, { today: '2020-01-01', cache: ValidationCache.load(file, 'v1') })).toEqual(earlier);
    // and the other way round: an error of yesterday's run is gone when the date has passed
    const file2 = warmed('v1', '2020-01-01');
    expect(validateArchive(FILES, { today: '2026-12-06', cache: ValidationCache.load(file2, 'v1') })).toEqual(validateArchive(FILES, { today: '2026-12-06' }));
  });

  it('a report removed or added changes the checks across the archive', () => {
    const file = warmed();
    const fewer = FILES.filter((f) => !f.rel.startsWith('elsewhere-'));
    const c = ValidationCache.load(file, 'v1');
    const r = validateArchive(fewer, { today: '2026-12-06', cache: c });
    expect(r).toEqual(validateArchive(fewer, { today: '2026-12-06' }));
    expect(r.some((f) => /more than once/.test(f.message))).toBe(false);
    c.save();
    // the removed file's entry is gone: adding it back parses it again
    const again = ValidationCache.load(file, 'v1');
    validateArchive(FILES, { today: '2026-12-06', cache: again });
    expect(again.misses).toBe(1);
  });

  it('an edited file is validated again, the others come from the cache', () => {
    const file = warmed();
    const edited = FILES.map((f) => (f.rel === 'fuyuan-hanconggou/2020.md' ? { ...f, text: f.text.replace(/^year: 2020$/m, 'year: 二〇二〇') } : f));
    const c = ValidationCache.load(file, 'v1');
    const r = validateArchive(edited, { today: '2026-12-06', cache: c });
    expect([c.hits, c.misses]).toEqual([FILES.length - 1, 1]);
    expect(r).toEqual(validateArchive(edited, { today: '2026-12-06' }));
    expect(r.some((f) => f.file.endsWith('fuyuan-hanconggou/2020.md') && f.field === 'year' && f.level === 'error')).toBe(true);
  });
});

describe('one file at a time (the build does not hold every text)', () => {
  it('gives validateArchive\'s findings, reading a file again only for a line found across the archive', () => {
    for (const warm of [false, true]) {
      const file = warmed();
      const cache = warm ? ValidationCache.load(file, 'v1') : undefined;
      const v = new ArchiveValidation({ today: '2026-12-06', ...(cache ? { cache } : {}) });
      const reread: string[] = [];
      for (const f of FILES) {
        const { data } = v.add({ ...f }, () => (reread.push(f.rel), f.text));
        // the YAML of a file read now (not from the cache) that the schema accepts, for the content store
        expect(data !== undefined, f.rel).toBe(!warm && ['fuyuan-hanconggou/2020.md', 'fuyuan-hanconggou/2018.md', 'fuyuan-hanconggou/2017.MD', 'fuyuan-hanconggou/2015.md', 'elsewhere-hanconggou/2020.md'].includes(f.rel));
      }
      expect(v.finish()).toEqual(validateArchive(FILES, { today: '2026-12-06' }));
      // the two reports of 寒葱沟镇 2020: the line of "year" is not among the lines a file's own checks name
      expect(reread.sort()).toEqual(warm ? [] : ['elsewhere-hanconggou/2020.md', 'fuyuan-hanconggou/2020.md']);
    }
  });
});

describe('a cache that cannot be trusted is not used', () => {
  const plain = () => validateArchive(FILES, { today: '2026-12-06' });
  const fromDamaged = (damage: (text: string) => string, why: RegExp) => {
    const file = warmed();
    writeFileSync(file, damage(readFileSync(file, 'utf8')));
    const c = ValidationCache.load(file, 'v1');
    expect(c.unusable).toMatch(why);
    expect(validateArchive(FILES, { today: '2026-12-06', cache: c })).toEqual(plain());
    expect(c.misses).toBe(FILES.length);
    // and the next run has a good cache again
    c.save();
    expect(ValidationCache.load(file, 'v1').unusable).toBeUndefined();
  };
  const body = (t: string) => t.slice(t.indexOf('\n') + 1);
  const withBody = (t: string, b: string) => `${t.slice(0, t.indexOf('\n')).split(' ').slice(0, 3).join(' ')} ${createHash('sha256').update(b).digest('hex')}\n${b}`;

  it('cut short (a disk full, a copy stopped)', () => fromDamaged((t) => t.slice(0, Math.floor(t.length / 2)), /checksum/));
  it('one byte changed: an error turned into no error', () => fromDamaged((t) => t.replace('"level":"error"', '"level":"eRror"'), /checksum/));
  it('findings removed, with a checksum that matches (written by a bug)', () =>
    fromDamaged((t) => withBody(t, JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(body(t)) as Record<string, object>).map(([k, v]) => [k, { ...v, local: 'none' }])))), /malformed/));
  it('not JSON, with a checksum that matches', () => fromDamaged((t) => withBody(t, body(t).slice(0, 40)), /not valid JSON/));
  it('not a cache at all', () => fromDamaged(() => 'hello\n{}', /not a validation cache/));
  it('empty', () => fromDamaged(() => '', /not a validation cache/));

  it('written by other code: another version gives a full validation', () => {
    const file = warmed('v1');
    const c = ValidationCache.load(file, 'v2');
    expect(c.unusable).toMatch(/other code/);
    expect(validateArchive(FILES, { today: '2026-12-06', cache: c })).toEqual(plain());
    expect(c.hits).toBe(0);
  });
});

describe('the code version', () => {
  it('follows validate.ts through its imports', () => {
    const sources = validationSources(ROOT);
    for (const f of ['src/lib/report/validate.ts', 'src/lib/report/frontmatter.ts', 'src/lib/report/body.ts', 'src/lib/schema.ts', 'src/lib/slug.ts', 'src/lib/stats/checks.ts', 'src/lib/stats/template.ts']) expect(sources).toContain(f);
  });

  it('changes with any of those sources, the installed packages and the year', () => {
    const root = path.dirname(mkdtempSync(path.join(tmpdir(), 'nianbao-vroot-')) + '/x');
    for (const f of [...validationSources(ROOT), 'package-lock.json']) cpSync(path.join(ROOT, f), path.join(root, f));
    const v = codeVersion(root, 2026);
    expect(codeVersion(root, 2026)).toBe(v);
    expect(codeVersion(root, 2027)).not.toBe(v);
    for (const f of ['src/lib/slug.ts', 'src/lib/stats/checks.ts', 'package-lock.json']) {
      const before = readFileSync(path.join(root, f));
      writeFileSync(path.join(root, f), Buffer.concat([before, Buffer.from('\n')]));
      expect(codeVersion(root, 2026), f).not.toBe(v);
      writeFileSync(path.join(root, f), before);
    }
    expect(codeVersion(root, 2026)).toBe(v);
  });
});
