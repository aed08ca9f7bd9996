/**
 * The importer against the real-report corpus (tests/fixtures/real/, truth
 * written by hand from the pages studied; see STUDY.md). Asserts only the
 * shares already reached, per producer and format class, so a regression
 * fails; an improvement should raise the floor here. The same scorer as
 * `npm run bench:import`.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreCorpus } from '../fixtures/real/corpus.ts';
import { bodyParagraphs, groupBy, markdownTable, scoreFile, share, statCells, tally, type FileScore, type Truth } from '../../src/lib/import/score.ts';
import { checkStats } from '../../src/lib/stats/checks.ts';
import { emptyStats, type NationalFormat, type Stats } from '../../src/lib/stats/template.ts';

const root = path.resolve(import.meta.dirname, '../..');

/** Floors per class (producer · format): [outcome right, metadata, cells, paragraphs]. Measured 2026-12-07, rounded down. */
const FLOORS: Record<string, [number, number, number, number]> = {
  'web-text · free': [1, 1, 1, 0.99],
  'web-text · national-2019': [1, 1, 1, 1],
  'web-html · national-2019': [1, 1, 1, 1],
  'web-text · national-2021': [1, 1, 1, 1],
  'web-html · free': [1, 1, 1, 1],
  // produced from the complete reports (tests/fixtures/produced/): scored against what each file states
  'soffice-docx · national-2019': [1, 1, 1, 1],
  'soffice-docx · national-2021': [1, 1, 1, 1],
  'python-docx · national-2019': [1, 1, 1, 1],
  'python-docx · national-2021': [1, 1, 1, 1],
  'gbk-html · national-2019': [1, 1, 1, 1],
  'gbk-html · national-2021': [1, 1, 1, 1],
  'soffice-pdf · national-2019': [1, 1, 1, 0.99],
  'soffice-pdf · national-2021': [1, 1, 1, 0.99],
  'soffice-pdf-unruled · national-2019': [1, 1, 0.99, 1],
  'soffice-pdf-unruled · national-2021': [1, 1, 1, 1],
  'pdftotext-layout · national-2019': [1, 1, 0.99, 1],
  'pdftotext-layout · national-2021': [1, 1, 1, 1],
  // pdftotext without -layout prints a ruled table block by block (src/lib/import/pdftotext-flow.ts): read
  // back when every row and column adds up; two 2019 reports print only a few cells of their applications
  // table (the rest blank), and the copy does not say which columns those are: null, with warnings
  'pdftotext-raw · national-2019': [1, 1, 0.98, 1],
  'pdftotext-raw · national-2021': [1, 1, 1, 1],
  // pdftotext copies of the python-docx PDFs (equal Table Grid columns, labels wrapped in narrow cells):
  // -layout read by the wrapped labels; without -layout read row by row where no cell is printed among the
  // review table's, and the cells left empty filled where the figures left over are one per cell, all equal
  // (the rest null, never wrong)
  'pdftotext-layout-tablegrid · national-2019': [1, 1, 0.99, 0.99],
  'pdftotext-layout-tablegrid · national-2021': [1, 1, 1, 0.99],
  'pdftotext-raw-tablegrid · national-2019': [1, 1, 0.9, 0.99],
  'pdftotext-raw-tablegrid · national-2021': [1, 1, 0.9, 0.99],
};

describe('real-report corpus', async () => {
  const scores: FileScore[] = await scoreCorpus(root);
  const classes = groupBy(scores, (s) => `${s.producer} · ${s.format}`);
  console.log(markdownTable('producer · format', classes));

  it('holds at least 60 fixtures, 20 of them complete national reports', () => {
    expect(scores.filter((s) => s.producer.startsWith('web-')).length).toBeGreaterThanOrEqual(60);
    expect(scores.filter((s) => s.cells.total > 0).length).toBeGreaterThanOrEqual(20);
  });

  it.each(Object.entries(FLOORS))('%s keeps its floor', (cls, [outcome, meta, cells, paragraphs]) => {
    const t = classes.get(cls);
    expect(t, `class ${cls} has no fixtures`).toBeDefined();
    expect(t!.outcomeRight / t!.files).toBeGreaterThanOrEqual(outcome);
    expect(share(t!.meta)).toBeGreaterThanOrEqual(meta);
    expect(share(t!.cells)).toBeGreaterThanOrEqual(cells);
    expect(share(t!.paragraphs)).toBeGreaterThanOrEqual(paragraphs);
  });

  it('refusals are right', () => {
    const refuse = scores.filter((s) => s.expect === 'refuse');
    expect(refuse.length).toBeGreaterThan(0);
    expect(tally(refuse).outcomeRight).toBe(refuse.length);
  });
});

describe('the corpus truth itself', () => {
  const dir = path.join(root, 'tests/fixtures/real');
  const truths = readdirSync(dir)
    .filter((d) => existsSync(path.join(dir, d, 'truth.json')))
    .map((d) => JSON.parse(readFileSync(path.join(dir, d, 'truth.json'), 'utf8')) as Truth);
  const national = truths.filter((t) => t.stats);
  it.each(national.map((t) => [t.id, t] as const))('%s: stats hold every cell of the template and satisfy the arithmetic checks', (_, t) => {
    const format = t.meta.format as NationalFormat;
    expect(statCells(t.stats).map(([p]) => p)).toEqual(statCells(emptyStats(format)).map(([p]) => p));
    expect(checkStats(format, t.stats as unknown as Stats).filter((c) => c.ok === false)).toEqual([]);
  });
  it('complete.txt lists only fixtures with all three tables', () => {
    const ids = readFileSync(path.join(dir, 'complete.txt'), 'utf8').trim().split('\n');
    expect(ids.length).toBeGreaterThanOrEqual(20);
    for (const id of ids) expect(national.map((t) => t.id)).toContain(id);
  });
});

describe('the scorer', () => {
  const truth: Truth = {
    id: 't-2020', studied: 'x', input: 'input.txt', options: {}, expect: 'import', refusal: null,
    meta: { town: '某镇', year: 2020, date: null, published: '2021-01-05' },
    stats: { proactive: { rules: { made: 0, published: null } } },
    paragraphs: ['一、总体情况', '第一段 文字。'],
  };
  const content = '---\ntitle: x\n---\n\n## 一、总体情况\n\n第一段\n文字。\n\n另一段。\n';

  it('counts exact fields, null cells and whole paragraphs', () => {
    const s = scoreFile(truth, { ok: true, content, data: { town: '某镇', year: 2020, published: '2021-01-05', stats: { proactive: { rules: { made: 0, published: null } } } } }, 'web-text');
    expect([s.meta.right, s.meta.total, s.cells.right, s.cells.total, s.paragraphs.right, s.paragraphs.total]).toEqual([4, 4, 2, 2, 2, 2]);
  });
  it('a wrong field, a 0 for an empty cell and a split paragraph are misses', () => {
    const s = scoreFile(truth, { ok: true, content: content.replace('第一段\n文字。', '第一段\n\n文字。'), data: { town: '某镇', year: 2019, date: '2020-12-31', stats: { proactive: { rules: { made: 0, published: 0 } } } } }, 'web-text');
    expect(s.meta.misses.map((m) => m.what)).toEqual(['year', 'date', 'published']);
    expect(s.cells.misses.map((m) => m.what)).toEqual(['proactive.rules.published']);
    expect(s.paragraphs.missing).toEqual(['第一段 文字。']);
  });
  it('a refused import scores nothing right; a refusal needs its words', () => {
    const s = scoreFile(truth, { ok: false, error: 'could not find county' }, 'web-text');
    expect([s.outcomeRight, s.meta.right, s.cells.right, s.paragraphs.right]).toEqual([false, 0, 0, 0]);
    const r: Truth = { ...truth, expect: 'refuse', refusal: 'holds two reports' };
    expect(scoreFile(r, { ok: false, error: 'holds two reports: …' }, 'web-text').outcomeRight).toBe(true);
    expect(scoreFile(r, { ok: false, error: 'could not find county' }, 'web-text').outcomeRight).toBe(false);
    expect(scoreFile(r, { ok: true, content }, 'web-text').outcomeRight).toBe(false);
  });
  it('reads paragraphs and headings inside lists too', () => {
    expect(bodyParagraphs('# 标题\n\n1. 第一项。\n2. 第二项。\n\n正文。')).toEqual(['标题', '第一项。', '第二项。', '正文。']);
  });
});
