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
  // pdftotext without -layout prints a ruled table block by block (src/lib/import/pdftotext-flow.ts); a table
  // printing only some of its cells does not say which columns they are in: those stay null
  'pdftotext-raw': 0.99,
  // the same two modes on the python-docx PDF, whose tables have Word's equal Table Grid columns, so every
  // label wraps in a narrow cell (1.属 / 于国 / 家秘 / 密): -layout copies are read by the wrapped labels;
  // without -layout each row is a band of blocks of its own, read row by row (pdftotext-flow.ts), but the
  // last page's rows short of the columns printed among the review table's (those cells null); proactive
  // columns printed as blocks of their own read in row order; the figures left over, one per empty cell,
  // fill those cells when all equal, or when the few others have one place each that every sum needs
  'pdftotext-layout-tablegrid': 0.99,
  'pdftotext-raw-tablegrid': 0.88,
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
async function load(id: string, copy = 'pdftotext') {
  const { existsSync, readFileSync } = await import('node:fs');
  const dir = new URL('../fixtures/', import.meta.url);
  const real = new URL(`real/${id}/truth.json`, dir);
  const truth = JSON.parse(readFileSync(existsSync(real) ? real : new URL(`produced/src/${id}.truth.json`, dir), 'utf8'));
  const lines = readFileSync(new URL(`produced/txt/${id}.${copy}.txt`, dir), 'utf8').split('\n');
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
});

describe('raw pdftotext copies of Word Table Grid PDFs: the figures left over once the readers are done', () => {
  const cellAt = (o: unknown, p: string): unknown => p.split('.').reduce<unknown>((x, k) => (x as Record<string, unknown>)[k], o);
  const grid = 'python-docx.pdftotext';
  it('the 现行有效件数 column printed after the next heading and the review table\'s 0s among its header pieces, past 五、: each empty cell is the one figure left', async () => {
    const { extractStatTables } = await import('../../src/lib/import/tables.ts');
    const { truth, lines } = await load('jiekeng-2022', grid);
    // the shape this test is about: the review table's last figures come after the next part's heading
    const five = lines.findIndex((l) => l.startsWith('五、'));
    expect(lines.slice(five + 1, five + 12).some((l) => l.trim() === '0')).toBe(true);
    const r = extractStatTables(lines);
    expect(r.stats).toEqual(truth.stats);
    expect(r.warnings.join('\n')).toMatch(/现行有效件数 一列的数字成块/);
    expect(r.warnings.join('\n')).toMatch(/恰好剩下 15 个数字/);
    // those pieces are the table's, not the next part's text
    const review = r.blocks.filter((b) => b.kind === 'reviewLitigation');
    expect(review.some((b) => b.start > five)).toBe(true);
  });
  it('one of those figures changed: two different figures are left, so the empty cells stay null and the review table is said to be unread', async () => {
    const { extractStatTables } = await import('../../src/lib/import/tables.ts');
    const { lines } = await load('jiekeng-2022', grid);
    const five = lines.findIndex((l) => l.startsWith('五、'));
    const k = lines.findIndex((l, i) => i > five && l.trim() === '0');
    lines[k] = '3';
    const r = extractStatTables(lines);
    expect(cellAt(r.stats, 'reviewLitigation.review.total')).toBeNull();
    // a 3 among the review table's 0s fits no cell: every place for it breaks a sum
    expect(r.warnings.join('\n')).not.toMatch(/恰好剩下/);
    expect(r.warnings.join('\n')).toMatch(/行政复议、行政诉讼未读出/);
  });
  it('one figure other than 0 left over, a 总计 its row needs: placed where it alone makes every sum hold, and named', async () => {
    const { extractStatTables } = await import('../../src/lib/import/tables.ts');
    const { truth, lines } = await load('kongcun-2022', grid);
    const r = extractStatTables(lines);
    expect(r.stats).toEqual(truth.stats);
    expect(r.warnings.join('\n')).toMatch(/只有一种放法.*applications\.outcomes\.total\.total = 2/);
  });
  it('a figure left over that no sum holds (a cell like 采购项目数量 could take it) is not placed', async () => {
    const { extractStatTables } = await import('../../src/lib/import/tables.ts');
    const { truth, lines } = await load('beijingjie-2020', grid);
    expect(truth.stats.proactive.procurement.projects).toBe(13);
    const r = extractStatTables(lines);
    expect(cellAt(r.stats, 'proactive.procurement.projects')).toBeNull();
    expect(r.warnings.join('\n')).not.toMatch(/只有一种放法/);
  });
  it('a cell the report left empty: one figure short of the empty cells, nothing guessed', async () => {
    const { extractStatTables } = await import('../../src/lib/import/tables.ts');
    const { truth, lines } = await load('sanlong-2023', grid);
    // the truth has one empty proactive cell: the fee amount
    expect(truth.stats.proactive.fees.amount).toBeNull();
    const r = extractStatTables(lines);
    // the 现行有效件数 column, printed as a block of its own after the applications table's heading, read in row order
    expect(r.stats!.proactive).toEqual(truth.stats.proactive);
    expect(r.warnings.join('\n')).toMatch(/现行有效件数 一列的数字成块/);
    // the review table's 15 figures and the one empty fee cell: 15 figures for 16 cells
    expect(cellAt(r.stats, 'reviewLitigation.review.total')).toBeNull();
    expect(r.warnings.join('\n')).toMatch(/行政复议、行政诉讼未读出/);
  });
  it('the applications table of a Word Table Grid PDF read row by row, its last page\'s rows short of the columns printed among the review table\'s: those cells null, named', async () => {
    const { extractStatTables } = await import('../../src/lib/import/tables.ts');
    const { truth, lines } = await load('licheng-2023', grid);
    const r = extractStatTables(lines);
    const rows = (o: Record<string, unknown>): unknown[] => Object.values(o).flatMap((v) => (v && typeof v === 'object' ? rows(v as Record<string, unknown>) : [v]));
    const got = rows(r.stats!.applications as unknown as Record<string, unknown>);
    const want = rows(truth.stats.applications);
    // nonzero figures in many rows, so no shortcut by equal figures: every cell read is the truth's, the rest null
    expect(new Set(want.filter((v) => v !== 0)).size).toBeGreaterThan(3);
    got.forEach((v, i) => expect(v === null || v === want[i], `cell ${i}`).toBe(true));
    expect(got.filter((v) => v !== null).length).toBeGreaterThanOrEqual(150);
    expect(r.warnings.join('\n')).toMatch(/最后一页的 \d+ 行有列印在下一表格中.*\(null\)/);
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
});

describe('pdftotext copies without -layout: a ruled table printed block by block', () => {
  // poppler's reading order: per band of rows one block per column, labels in blocks of their own;
  // these are the hand-written truths of real-shaped reports, through LibreOffice's PDF and pdftotext
  it.each(['licheng-2023', 'zhoushi-2021', 'kongcun-2022', 'fenghuang-2023', 'taiping-zoucheng-2024', 'majia-2020', 'yilaxi-2020', 'xinhua-tongzhou-2019'])(
    '%s: every applications and review cell as the truth says, with a warning that names the reading',
    async (id) => {
      const { extractStatTables } = await import('../../src/lib/import/tables.ts');
      const { truth, lines } = await load(id);
      // the figures differ (not all one value): nothing another reader could have filled
      expect(new Set(JSON.stringify(truth.stats.applications).match(/\d+/g)).size).toBeGreaterThan(1);
      const r = extractStatTables(lines);
      expect(r.stats!.applications).toEqual(truth.stats.applications);
      expect(r.stats!.reviewLitigation).toEqual(truth.stats.reviewLitigation);
      expect(r.warnings.join('\n')).toMatch(/按版面分块输出表格.*每行总计与各列勾稽关系均相符/);
    },
  );
  it('two columns\' blocks swapped (自然人 and 商业企业 of the first rows): the rows still add up but the columns do not, so nothing is filled', async () => {
    const { extractStatTables } = await import('../../src/lib/import/tables.ts');
    const { lines } = await load('licheng-2023');
    const text = lines.join('\n');
    // the first band's runs of the two columns, as pdftotext printed them
    expect(text).toContain('\n37\n3\n14\n\n6\n1\n3\n');
    const r = extractStatTables(text.replace('\n37\n3\n14\n\n6\n1\n3\n', '\n6\n1\n3\n\n37\n3\n14\n').split('\n'));
    expect(r.stats!.applications.received.natural).toBeNull();
    expect(r.stats!.applications.received.total).toBeNull();
    expect(r.warnings.join('\n')).not.toMatch(/按版面分块/);
  });
  it('a figure lost from one block: no band fits, nothing is filled', async () => {
    const { extractStatTables } = await import('../../src/lib/import/tables.ts');
    const { lines } = await load('zhoushi-2021');
    const text = lines.join('\n');
    expect(text).toContain('\n23\n2\n9\n');
    const r = extractStatTables(text.replace('\n23\n2\n9\n', '\n23\n2\n').split('\n'));
    expect(r.stats!.applications.received.natural).toBeNull();
    expect(r.warnings.join('\n')).toMatch(/请改为导入 PDF 原件，或用 pdftotext -layout/);
  });
  it('a table printing only its 总计 column (the applicant cells blank): the copy does not say which column a figure is in, so the cells stay null', async () => {
    const { extractStatTables } = await import('../../src/lib/import/tables.ts');
    const { truth, lines } = await load('tuofenglu-2020');
    expect(truth.stats.applications.received).toMatchObject({ natural: null, total: 0 });
    const r = extractStatTables(lines);
    expect(r.stats!.applications.received.natural).toBeNull();
    expect(r.stats!.applications.received.total).toBeNull();
  });
});

describe('the stress set: the complete reports refilled with random figures that add up (tests/fixtures/produced/varied/)', async () => {
  const { readFileSync } = await import('node:fs');
  const { importFile } = await import('../../src/lib/import/index.ts');
  const fixtures = new URL('../fixtures/', import.meta.url);
  const dir = new URL('produced/varied/', fixtures);
  const manifest: { id: string; truth: string; options?: Record<string, string> }[] = JSON.parse(readFileSync(new URL('manifest.json', dir), 'utf8'));
  /** exact, null and wrong cells of the applications and review tables, against the figures the producers were fed */
  async function score(suffix: string) {
    const out = { exact: 0, empty: 0, wrong: [] as string[] };
    for (const m of manifest) {
      const truth = JSON.parse(readFileSync(new URL(m.truth, fixtures), 'utf8'));
      const r = await importFile(new URL(`${m.id}${suffix}`, dir).pathname, m.options ?? {});
      const got = r.ok ? (r.data?.stats as unknown as Record<string, unknown> | undefined) : undefined;
      const walk = (a: unknown, b: unknown, p: string) => {
        if (b !== null && typeof b === 'object') for (const k of Object.keys(b)) walk((a as Record<string, unknown> | undefined)?.[k], (b as Record<string, unknown>)[k], `${p}.${k}`);
        else if (a === b) out.exact++;
        else if (a === null || a === undefined) out.empty++;
        else out.wrong.push(`${m.id}${suffix} ${p}: ${String(a)} ≠ ${String(b)}`);
      };
      walk(got?.applications, truth.stats.applications, 'applications');
      walk(got?.reviewLitigation, truth.stats.reviewLitigation, 'reviewLitigation');
    }
    return out;
  }
  it('holds every complete report, most of its cells not 0', () => {
    expect(manifest.length).toBeGreaterThanOrEqual(40);
    const truth = JSON.parse(readFileSync(new URL(manifest[0]!.truth, fixtures), 'utf8'));
    expect(JSON.stringify(truth.stats.applications)).toMatch(/:[1-9]/);
  });
  it.each([
    ['.pdf', 1],
    ['.pdftotext-layout.txt', 1],
    // measured 97.7 %: one 2019 layout prints its blocks in an order the band reading does not follow; null, never wrong
    ['.pdftotext.txt', 0.97],
    // the python-docx PDFs (Word's Table Grid: equal columns, every label wrapped): 99.9 % from geometry;
    // -layout 100 %; the default mode 60.3 % (random figures, so no shortcut by equal ones): rows read one by
    // one, the last page's rows short of the cells printed among the review table's (pdftotext-flow.ts), the
    // rest null, never wrong
    ['.tablegrid.pdf', 0.999],
    ['.tablegrid.pdftotext-layout.txt', 1],
    ['.tablegrid.pdftotext.txt', 0.6],
  ])('%s: no wrong figure, and at least the measured share exact', async (suffix, floor) => {
    const s = await score(suffix as string);
    console.log(`varied ${suffix}: ${s.exact} exact, ${s.empty} null, ${s.wrong.length} wrong`);
    expect(s.wrong.slice(0, 10)).toEqual([]);
    expect(s.exact / (s.exact + s.empty)).toBeGreaterThanOrEqual(floor as number);
  });
});
