/**
 * The applications table of a `pdftotext` copy made without `-layout` (its default, reading-order
 * mode). poppler does not print such a table row by row: it cuts the page into blocks of text that
 * sit close together and prints block after block, each block's lines top to bottom. In a ruled
 * table the figures of one column over a few rows of one line height each form a block, and a row
 * whose label wraps (so is taller) starts a new one; the row labels form blocks of their own, and
 * the figures of the column next to them (自然人) may join those. So the copy holds, per band of
 * rows, one run of figures per column, left to right (two narrow neighbouring columns may share a
 * run, read row by row), and a band's last columns may come only after the page's other bands,
 * when the column headers stood in their way.
 *
 * This reads that order back, using nothing but the template: the rows are found by their labels;
 * a figure among the labels belongs to the row whose label came last before it; every other run
 * fills, left to right, the first rows of its page that still lack that column, as many rows as
 * the run has figures. A run that fits no band, a cell filled twice or left empty, a figure left
 * over: no reading. The caller then keeps the result only if every row's 总计 is the sum of its
 * columns and every column balances (src/lib/stats/checks.ts), so a wrong reading cannot pass as
 * a right one unless the figures it swapped are equal.
 */
import type { LooseRow, LooseToken } from './pdf-columns.ts';
import { matchLabel } from './pdf-columns.ts';

export interface FlowReading {
  /** per template row, its figures in column order */
  rows: number[][];
}

/** The words the applicant columns' headers break into when printed in narrow cells. */
export const FLOW_HEADER_PIECES = ['申请人情况', '法人或其他组织', '社会', '公益', '组织', '科研', '机构', '法律服务', '社会公', '益组织'];

interface Run {
  values: number[];
  page: number;
  /** the run's block, or the block just before it, holds column headers: it is the band under them */
  underHeaders: boolean;
}

interface Band {
  rows: number[];
  /** columns still to fill, left to right */
  missing: number[];
}

/**
 * tokens: the table's words from its heading to the end of its figures (looseTokens), with the
 * line each came from; blank: whether a line of the copy is blank (poppler's block separator).
 */
export function readFlowOrder(
  tokens: LooseToken[],
  blank: (line: number) => boolean,
  rows: LooseRow[],
  columns: number,
  accept: (rows: number[][]) => boolean,
): FlowReading | undefined {
  // the rows, by their labels in template order
  const starts: number[] = [];
  const labelTokens = new Set<number>();
  // a label cut by a page break has the column headers' blocks between its pieces: matched
  // without those words (their indices mapped back)
  const headerWords = new Set([...rows.flatMap((r) => r.headers ?? []), ...FLOW_HEADER_PIECES]);
  const bare = tokens.map((t, i) => ({ t, i })).filter(({ t }) => !headerWords.has(t.text));
  const bareTokens = bare.map(({ t }) => t);
  let cursor = 0;
  for (const row of rows) {
    const m = matchLabel(bareTokens, cursor, row);
    if (!m) return undefined;
    starts.push(bare[m.first]!.i);
    // the label's pieces, not the figures printed between them
    for (let i = m.first; i <= m.last; i++) if (!bareTokens[i]!.value) labelTokens.add(bare[i]!.i);
    cursor = m.last + 1;
  }
  // blocks: runs of non-blank lines; a page break starts a new one
  const blockOf: number[] = [];
  let block = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const prev = tokens[i - 1];
    if (prev && (t.page !== prev.page || hasBlankBetween(prev.line, t.line, blank))) block++;
    blockOf.push(block);
  }
  const labelBlocks = new Set([...labelTokens].map((i) => blockOf[i]!));
  // figures among the labels: the first column of the row whose label started last before them
  const own: number[][] = rows.map(() => []);
  const runs: Run[] = [];
  let current: Run | undefined;
  let currentBlock = -1;
  const valueBlocks = new Set(tokens.flatMap((t, i) => (t.value ? [blockOf[i]!] : [])));
  const blockHasValues = (b: number) => valueBlocks.has(b);
  const headerBlocks = new Set(tokens.flatMap((t, i) => (headerWords.has(t.text) && !labelTokens.has(i) ? [blockOf[i]!] : [])));
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const v = t.value?.value;
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) return undefined;
    if (labelBlocks.has(blockOf[i]!)) {
      let k = -1;
      for (let r = 0; r < starts.length && starts[r]! < i; r++) k = r;
      if (k < 0) return undefined;
      own[k]!.push(v);
      continue;
    }
    if (!current || currentBlock !== blockOf[i]) {
      current = { values: [], page: t.page, underHeaders: headerBlocks.has(blockOf[i]!) || (headerBlocks.has(blockOf[i]! - 1) && !blockHasValues(blockOf[i]! - 1)) };
      currentBlock = blockOf[i]!;
      runs.push(current);
    }
    current.values.push(v);
  }
  // Within one block of labels every row has the same number of figures (the columns that joined
  // the labels' block). A figure printed above its row's first label line — the row's label shares
  // a line with a merged group label set lower, or the row is cut by the page end — is counted
  // with the row before: the figures beyond that count go to the next row.
  const rowsOfBlock = new Map<number, number[]>();
  starts.forEach((i, k) => {
    const b = blockOf[i]!;
    if (!rowsOfBlock.has(b)) rowsOfBlock.set(b, []);
    rowsOfBlock.get(b)!.push(k);
  });
  // the figures moved to a row came before its own, or — a row cut by the page end, its label line
  // printed below its other figures — after them: both readings are tried
  const moved: { row: number; before: number[]; after: number[] }[] = [];
  for (const ks of rowsOfBlock.values()) {
    const counts = new Map<number, number>();
    for (const k of ks) counts.set(own[k]!.length, (counts.get(own[k]!.length) ?? 0) + 1);
    const c = [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]![0];
    for (let j = 0; j < ks.length; j++) {
      const extra = own[ks[j]!]!.length - c;
      if (extra > 0 && j + 1 < ks.length) {
        const carried = own[ks[j]!]!.splice(c);
        const next = ks[j + 1]!;
        if (own[next]!.length > 0) moved.push({ row: next, before: [...carried, ...own[next]!], after: [...own[next]!, ...carried] });
        own[next]!.unshift(...carried);
      }
    }
    if (ks.some((k) => own[k]!.length !== c)) return undefined;
  }
  if (moved.length > 6) return undefined;
  const readings = new Map<string, number[][]>();
  for (let combo = 0; combo < 1 << moved.length; combo++) {
    moved.forEach((m, b) => (own[m.row] = combo & (1 << b) ? m.after : m.before));
    const grid = placeRuns(own, runs, starts.map((i) => tokens[i]!.page), columns);
    if (grid && accept(grid)) readings.set(JSON.stringify(grid), grid);
  }
  // one reading that adds up, or none: two that both add up would be a guess
  if (readings.size !== 1) return undefined;
  return { rows: [...readings.values()][0]! };
}

/** The grid from the label blocks' figures (own) and the runs, by bands of rows; undefined when a run fits nowhere. */
function placeRuns(own: number[][], runs: Run[], pageOf: number[], columns: number): number[][] | undefined {
  const grid: (number | undefined)[][] = own.map((fs) => {
    const row = Array<number | undefined>(columns).fill(undefined);
    fs.forEach((v, j) => (row[j] = v));
    return row;
  });
  const rows = own;
  const missing = (r: number) => grid[r]!.flatMap((c, k) => (c === undefined ? [k] : []));
  const bands: Band[] = [];
  const banded = new Set<number>();
  const fits = (band: Band, n: number) => n % band.rows.length === 0 && n / band.rows.length <= band.missing.length;
  const fill = (band: Band, values: number[]) => {
    const m = values.length / band.rows.length;
    const cols = band.missing.splice(0, m);
    // a run over several columns is read row by row (poppler orders a block's lines by height, then left to right)
    values.forEach((v, i) => {
      grid[band.rows[Math.floor(i / m)]!]![cols[i % m]!] = v;
    });
  };
  let previous: Band | undefined;
  const newBand = (run: Run): Band | undefined => {
    // the first rows of the run's page not yet in a band, as many as the run has figures
    const free = rows.map((_, r) => r).filter((r) => pageOf[r] === run.page && !banded.has(r) && missing(r).length > 0);
    if (free.length === 0) return undefined;
    const first = free[0]!;
    const pattern = missing(first).join();
    const band: Band = { rows: [], missing: missing(first) };
    for (let r = first; band.rows.length < run.values.length && r < rows.length; r++) {
      if (pageOf[r] !== run.page || missing(r).join() !== pattern) break;
      band.rows.push(r);
    }
    if (band.rows.length !== run.values.length) return undefined;
    for (const r of band.rows) banded.add(r);
    bands.push(band);
    return band;
  };
  for (const run of runs) {
    let band: Band | undefined;
    if (run.underHeaders && bands.length > 0) {
      // a column's first band, printed with (or just after) its header
      band = bands[0]!.missing.length > 0 && fits(bands[0]!, run.values.length) ? bands[0] : undefined;
    } else if (previous && previous.missing.length > 0 && fits(previous, run.values.length)) {
      band = previous;
    } else {
      band = newBand(run) ?? bands.find((b) => b.missing.length > 0 && pageOf[b.rows[0]!] === run.page && fits(b, run.values.length));
    }
    if (!band) return undefined;
    fill(band, run.values);
    previous = band;
  }
  if (grid.some((row) => row.some((c) => c === undefined))) return undefined;
  return grid as number[][];
}

function hasBlankBetween(a: number, b: number, blank: (line: number) => boolean): boolean {
  for (let i = a + 1; i < b; i++) if (blank(i)) return true;
  return false;
}
