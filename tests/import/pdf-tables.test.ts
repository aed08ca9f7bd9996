/**
 * Every produced file (tests/fixtures/produced/index.json: LibreOffice docx and
 * pdf, python-docx, pdftotext raw and -layout, a GBK portal page) imported and
 * every statutory cell compared with the hand-written truth of its report.
 */
import { describe, expect, it } from 'vitest';
import { byProducer, entries, scoreEntry, type FileScore } from '../fixtures/produced/score.ts';

// cells that must come out exactly as the truth says, per producer (share of all truth cells)
const FLOOR: Record<string, number> = {
  'soffice-docx': 1,
  'python-docx': 1,
  'soffice-pdf': 1,
  // tables without borders: no ruling lines, cells found by gaps and labels
  'soffice-pdf-unruled': 0.99,
  'gbk-html': 1,
  // columns by character position; a row on a new page with no full row or header to align with stays null
  'pdftotext-layout': 0.99,
  // pdftotext without -layout writes the figures column by column after all labels: only what can be placed surely
  // (tables of one repeated figure, most townships' zeros; the rest stays null)
  'pdftotext-raw': 0.77,
};

describe('produced files: statutory cells against the hand-written truth', async () => {
  const scores: FileScore[] = [];
  for (const e of entries()) scores.push(await scoreEntry(e));

  it('covers every producer with at least six reports in both national formats', () => {
    const producers = byProducer(scores);
    expect([...producers.keys()].sort()).toEqual(Object.keys(FLOOR).sort());
    for (const [, x] of producers) expect(x.files).toBeGreaterThanOrEqual(6);
    expect(new Set(scores.map((s) => s.expectedFormat))).toEqual(new Set(['national-2019', 'national-2021']));
  });

  it('prints the figures', () => {
    const table = [...byProducer(scores)].map(([p, x]) => `${p.padEnd(17)} ${x.exact}/${x.total} cells, format ${x.formatRight}/${x.files}`);
    console.log(table.join('\n'));
  });

  it.each(Object.keys(FLOOR))('%s: cells at or above the floor', (producer) => {
    const mine = scores.filter((s) => s.producer === producer);
    const exact = mine.reduce((n, s) => n + s.exact, 0);
    const total = mine.reduce((n, s) => n + s.total, 0);
    const wrong = mine.flatMap((s) => s.wrong.map((w) => `${s.file} ${w.path}: ${w.got} ≠ ${w.want}`)).slice(0, 10);
    expect(exact / total, wrong.join('\n')).toBeGreaterThanOrEqual(FLOOR[producer]!);
  });

  it('never puts a wrong figure in a cell: a cell it cannot place stays null', () => {
    const bad = scores.flatMap((s) => s.wrong.filter((w) => w.got !== null).map((w) => `${s.file} ${w.path}: ${w.got} ≠ ${w.want}`));
    expect(bad).toEqual([]);
  });

  it('every cell it could not read is named in a warning or counted in the shortfall warning', () => {
    for (const s of scores) {
      if (s.wrong.length === 0) continue;
      expect(s.warnings.join('\n'), s.file).toMatch(/单元格|null/);
    }
  });

  it('a PDF or text copy whose tables were not read never imports silently', () => {
    for (const s of scores) {
      if (s.format === s.expectedFormat) continue;
      expect(s.warnings.join('\n') + (s.error ?? ''), s.file).toMatch(/表|table/);
    }
  });
});

describe('pdftotext -layout copies with page numbers', () => {
  it('a centred page number at a page break inside a table is not taken for a figure', async () => {
    const { readFileSync } = await import('node:fs');
    const { extractStatTables } = await import('../../src/lib/import/tables.ts');
    const dir = new URL('../fixtures/produced/', import.meta.url);
    const truth = JSON.parse(readFileSync(new URL('src/licheng-2023.truth.json', dir), 'utf8'));
    const lines = readFileSync(new URL('txt/licheng-2023.pdftotext-layout.txt', dir), 'utf8').split('\n');
    const brk = lines.findIndex((l) => l.includes('\f'));
    // the break falls inside the applications table in this file
    expect(lines.slice(0, brk).some((l) => l.includes('三、收到和处理'))).toBe(true);
    // a footer on the page that ends there, a header on the next
    lines.splice(brk, 1, '                                  - 1 -', '\f                                  - 2 -', lines[brk]!.replace('\f', ''));
    const r = extractStatTables(lines);
    expect(r.stats).toEqual(truth.stats);
  });
});

/** A report's raw pdftotext copy and its hand-written truth (a real-shaped fixture's, or the produced folder's own). */
async function load(id: string) {
  const { existsSync, readFileSync } = await import('node:fs');
  const dir = new URL('../fixtures/', import.meta.url);
  const real = new URL(`real/${id}/truth.json`, dir);
  const truth = JSON.parse(readFileSync(existsSync(real) ? real : new URL(`produced/src/${id}.truth.json`, dir), 'utf8'));
  const lines = readFileSync(new URL(`produced/txt/${id}.pdftotext.txt`, dir), 'utf8').split('\n');
  return { truth, lines };
}

describe('raw pdftotext copies: tables whose order was lost', () => {
  const cellAt = (o: unknown, p: string): unknown => p.split('.').reduce<unknown>((x, k) => (x as Record<string, unknown>)[k], o);
  it('one figure per cell, all 0, spilling past the next table\'s heading: every cell is 0, with a warning', async () => {
    const { extractStatTables } = await import('../../src/lib/import/tables.ts');
    const { truth, lines } = await load('anren-2022');
    const r = extractStatTables(lines);
    expect(r.stats).toEqual(truth.stats);
    expect(r.warnings.join('\n')).toMatch(/表格文字次序已乱.*190 个数字/);
  });
  it('one figure changed: the figures no longer admit one reading, so those tables stay null', async () => {
    const { extractStatTables } = await import('../../src/lib/import/tables.ts');
    const { lines } = await load('anren-2022');
    const at = lines.findIndex((l) => l.startsWith('四、政府信息公开行政复议'));
    const k = lines.findIndex((l, i) => i > at && l.trim() === '0');
    lines[k] = '1';
    const r = extractStatTables(lines);
    expect(cellAt(r.stats, 'reviewLitigation.review.total')).toBeNull();
    expect(cellAt(r.stats, 'applications.outcomes.total.total')).toBeNull();
    expect(r.warnings.join('\n')).not.toMatch(/次序已乱/);
  });
  it('a page number among the figures: one too many, nothing filled', async () => {
    const { extractStatTables } = await import('../../src/lib/import/tables.ts');
    const { lines } = await load('anren-2022');
    const at = lines.findIndex((l) => l.startsWith('四、政府信息公开行政复议'));
    lines.splice(at, 0, '0');
    const r = extractStatTables(lines);
    expect(cellAt(r.stats, 'reviewLitigation.review.total')).toBeNull();
  });
  it('a table with different figures (2 applications) is not filled: its cells stay null, never 0', async () => {
    const { extractStatTables } = await import('../../src/lib/import/tables.ts');
    const { truth, lines } = await load('xinhua-tongzhou-2019');
    expect(JSON.stringify(truth.stats.applications)).toMatch(/:2/);
    const r = extractStatTables(lines);
    expect(cellAt(r.stats, 'applications.received.total')).toBeNull();
    expect(cellAt(r.stats, 'applications.outcomes.granted.total')).toBeNull();
  });
});

describe('raw pdftotext copies: the 自然人 column kept its place, the rest did not', () => {
  it('5 applications, all from natural persons: the other figures are the first ones again plus zeros, so every cell is known', async () => {
    const { extractStatTables } = await import('../../src/lib/import/tables.ts');
    const { truth, lines } = await load('yingbinlu-2021');
    const r = extractStatTables(lines);
    expect(r.stats!.applications).toEqual(truth.stats.applications);
    expect(r.stats!.reviewLitigation).toEqual(truth.stats.reviewLitigation);
    expect(r.warnings.join('\n')).toMatch(/自然人.*150 个数字/);
  });
  it('applications from other applicants too (a 法人 column that is not 0): nothing is filled, never a guess', async () => {
    const { extractStatTables } = await import('../../src/lib/import/tables.ts');
    const { truth, lines } = await load('majia-2020');
    expect(JSON.stringify(truth.stats.applications)).toMatch(/"(commercial|research|nonprofit|legal|other)":[1-9]/);
    const r = extractStatTables(lines);
    expect(r.stats!.applications.received.total).toBeNull();
    expect(r.warnings.join('\n')).not.toMatch(/自然人.*个数字/);
    // the way out is named: the PDF itself, or a -layout copy
    expect(r.warnings.join('\n')).toMatch(/pdftotext.*请改为导入 PDF 原件，或用 pdftotext -layout/);
  });
});
