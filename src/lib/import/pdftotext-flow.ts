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
 * figures among the labels fill the first columns of the row whose label came last before them
 * (with the choices of a figure printed just above its row's label line, all tried); every other
 * run fills, left to right, the first rows of its page that still lack that column, as many rows
 * as the run has figures; a run under the column headers belongs to the first band. A run that
 * fits no band, a cell left empty or a figure left over: no reading. A reading counts only if
 * `accept` finds every row's 总计 the sum of its columns and every column balanced
 * (src/lib/stats/checks.ts), and the result is kept only if exactly one distinct reading counts:
 * a wrong reading cannot pass as a right one unless the figures it swapped are equal.
 *
 * A table whose rows are all tall (Word's Table Grid: equal columns, so every label wraps in a
 * narrow cell) makes every row a band of its own: its cells come row by row, several narrow ones
 * in one run. Only when no reading of the first kind adds up, runs are also tried as a row's cells
 * (every way a run can open a band, the rows checked as they fill); pieces of the merged label
 * cells and headers may then stand between a label's pieces, and a block opened by the proactive
 * table's header (its last figure, printed among these blocks) is left out. Last, such readings may
 * leave the rows of the table's last page short of their last columns (poppler prints those among
 * the next table's blocks, where no figure can be told from another): those cells come back null.
 */
import type { LooseRow, LooseToken } from './pdf-columns.ts';
import { matchLabel } from './pdf-columns.ts';
import { labelKey } from './normalize.ts';

export interface FlowReading {
  /** per template row, its figures in column order (null: a cell of the last page's rows not printed before the next table) */
  rows: (number | null)[][];
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
  accept: (rows: (number | null)[][]) => boolean,
  mergedLabels: string[] = [],
  otherHeaders: string[] = [],
): FlowReading | undefined {
  // the rows, by their labels in template order
  const starts: number[] = [];
  const labelTokens = new Set<number>();
  // a label cut by a page break has the column headers' blocks between its pieces: matched
  // without those words (their indices mapped back)
  const headerWords = new Set([...rows.flatMap((r) => r.headers ?? []), ...FLOW_HEADER_PIECES]);
  const bare = tokens.map((t, i) => ({ t, i })).filter(({ t }) => !headerWords.has(t.text));
  const bareTokens = bare.map(({ t }) => t);
  // pieces of the merged label cells (三、本年度办理结果, （三）不予公开 …) and of the headers, wrapped in
  // narrow cells, may stand between a row label's pieces (a page of one-cell blocks in reading order)
  const otherCells = [...mergedLabels, ...headerWords].map(labelKey);
  const ignorable = (key: string) => key.length <= 5 && otherCells.some((m) => m.includes(key));
  let cursor = 0;
  for (const row of rows) {
    const m = matchLabel(bareTokens, cursor, row, ignorable);
    if (!m) return undefined;
    starts.push(bare[m.first]!.i);
    // the label's pieces, not the figures printed between them
    // (nor the words of other cells passed over between them)
    for (const i of m.pieces) labelTokens.add(bare[i]!.i);
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
  // a block opened by another table's column header (采购总金额 and its figure, the end of the table
  // before, printed among this one's blocks) is that table's
  const other = new Set(otherHeaders.map(labelKey));
  const otherBlocks = new Set(tokens.flatMap((t, i) => (other.has(t.key) && (i === 0 || blockOf[i - 1] !== blockOf[i]) ? [blockOf[i]!] : [])));
  // figures among the labels: the first columns of the row whose label started last before them
  const own: number[][] = rows.map(() => []);
  const runs: Run[] = [];
  let current: Run | undefined;
  let currentBlock = -1;
  const valueBlocks = new Set(tokens.flatMap((t, i) => (t.value ? [blockOf[i]!] : [])));
  const headerBlocks = new Set(tokens.flatMap((t, i) => (headerWords.has(t.text) && !labelTokens.has(i) ? [blockOf[i]!] : [])));
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const v = t.value?.value;
    if (v === undefined) continue;
    if (otherBlocks.has(blockOf[i]!)) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) return undefined;
    if (labelBlocks.has(blockOf[i]!)) {
      let k = -1;
      for (let r = 0; r < starts.length && starts[r]! < i; r++) k = r;
      if (k < 0) return undefined;
      own[k]!.push(v);
      continue;
    }
    if (!current || currentBlock !== blockOf[i]) {
      current = { values: [], page: t.page, underHeaders: headerBlocks.has(blockOf[i]!) || (headerBlocks.has(blockOf[i]! - 1) && !valueBlocks.has(blockOf[i]! - 1)) };
      currentBlock = blockOf[i]!;
      runs.push(current);
    }
    current.values.push(v);
  }
  // A figure printed above its row's first label line — the label shares a line with a merged
  // group label set lower, or the row is cut by the page end — is counted with the row before.
  // Such a row has more figures than the one before it (the columns that joined the labels' block
  // are the same in neighbouring rows): the excess may be the next row's, printed before its own
  // figures or after them, or the row's own after all. Every choice is tried.
  const rowsOfBlock = new Map<number, number[]>();
  starts.forEach((i, k) => {
    const b = blockOf[i]!;
    if (!rowsOfBlock.has(b)) rowsOfBlock.set(b, []);
    rowsOfBlock.get(b)!.push(k);
  });
  const shifts: { from: number; to: number; keep: number }[] = [];
  for (const ks of rowsOfBlock.values()) {
    for (let j = 2; j < ks.length; j++) {
      const before = own[ks[j - 2]!]!.length;
      const prev = own[ks[j - 1]!]!.length;
      if (before > 0 && prev > before) shifts.push({ from: ks[j - 1]!, to: ks[j]!, keep: before });
    }
  }
  if (shifts.length > 5) return undefined;
  const readings = new Map<string, (number | null)[][]>();
  const pageOf = starts.map((i) => tokens[i]!.page);
  const base = own.map((fs) => [...fs]);
  // the rows of the table's last page: their last columns may be printed only after the next table's
  // heading, among that table's blocks, where no figure can be told from another's
  const lastPage = Math.max(...pageOf);
  const tail = new Set(pageOf.flatMap((p, r) => (p === lastPage && base[r]!.length > 0 ? [r] : [])));
  // first a ruled table's blocks, a run a column over as many rows as it has figures; only if no
  // reading of those adds up, runs that may also be a row's cells (tables whose rows are all tall);
  // last, those readings with the last page's rows short of the columns printed elsewhere (left null)
  for (const [rowWise, short] of [[false, false], [true, false], [true, true]] as const) {
    if (readings.size > 0) break;
    if (short && tail.size === 0) break;
    for (let combo = 0; combo < 3 ** shifts.length; combo++) {
      const trial = base.map((fs) => [...fs]);
      let c = combo;
      for (const sh of shifts) {
        const choice = c % 3;
        c = Math.floor(c / 3);
        if (choice === 0) continue;
        const carried = trial[sh.from]!.splice(sh.keep);
        trial[sh.to] = choice === 1 ? [...carried, ...trial[sh.to]!] : [...trial[sh.to]!, ...carried];
      }
      if (trial.some((fs) => fs.length > columns)) continue;
      const grids = placeRuns(trial, runs, pageOf, columns, rowWise, short ? tail : new Set());
      // too many ways to read the runs: none is trusted
      if (!grids) return undefined;
      for (const grid of grids) if (accept(grid)) readings.set(JSON.stringify(grid), grid);
    }
  }
  // one reading that adds up, or none: two that both add up would be a guess
  if (readings.size !== 1) return undefined;
  return { rows: [...readings.values()][0]! };
}

/** At most this many partial readings are followed per trial: past it, no reading (the cells stay null). */
const MAX_BRANCHES = 4096;

/**
 * Every grid the label blocks' figures (own) and the runs can make, by bands of rows. A run that
 * opens a band covers d rows for some d dividing its length: d = its length is a column over that
 * many rows (a ruled table's block), d = 1 a row's columns left to right (each row of a table
 * whose labels all wrap is a band of its own, so its cells come row by row); with rowWise every d
 * is tried, else only the first.
 * undefined when the choices run past MAX_BRANCHES.
 */
function placeRuns(own: number[][], runs: Run[], pageOf: number[], columns: number, rowWise: boolean, short: Set<number>): (number | null)[][][] | undefined {
  interface State {
    grid: (number | undefined)[][];
    bands: Band[];
    banded: Set<number>;
    previous: number;
  }
  const start: State = {
    grid: own.map((fs) => {
      const row = Array<number | undefined>(columns).fill(undefined);
      fs.forEach((v, j) => (row[j] = v));
      return row;
    }),
    bands: [],
    banded: new Set(),
    previous: -1,
  };
  const clone = (st: State): State => ({
    grid: st.grid.map((r) => [...r]),
    bands: st.bands.map((b) => ({ rows: [...b.rows], missing: [...b.missing] })),
    banded: new Set(st.banded),
    previous: st.previous,
  });
  const missing = (st: State, r: number) => st.grid[r]!.flatMap((c, k) => (c === undefined ? [k] : []));
  const fits = (band: Band, n: number) => n % band.rows.length === 0 && n / band.rows.length <= band.missing.length;
  const fill = (st: State, b: number, values: number[]) => {
    const band = st.bands[b]!;
    const m = values.length / band.rows.length;
    const cols = band.missing.splice(0, m);
    // a run over several columns is read row by row (poppler orders a block's lines by height, then left to right)
    values.forEach((v, i) => {
      st.grid[band.rows[Math.floor(i / m)]!]![cols[i % m]!] = v;
    });
    st.previous = b;
    // a row just completed must add up (its 总计, the last column, the sum of the others), as accept requires
    return band.rows.every((r) => {
      const row = st.grid[r]!;
      if (row.some((c) => c === undefined)) return true;
      let sum = 0;
      for (let j = 0; j < columns - 1; j++) sum += row[j]!;
      return sum === row[columns - 1];
    });
  };
  /** A new band of d rows for the run: the first rows of its page not yet in a band, with the same cells missing. */
  const newBand = (st: State, run: Run, d: number): number | undefined => {
    const free = own.map((_, r) => r).filter((r) => pageOf[r] === run.page && !st.banded.has(r) && missing(st, r).length > 0);
    if (free.length === 0) return undefined;
    const first = free[0]!;
    const pattern = missing(st, first).join();
    const band: Band = { rows: [], missing: missing(st, first) };
    for (let r = first; band.rows.length < d && r < own.length; r++) {
      if (pageOf[r] !== run.page || missing(st, r).join() !== pattern) break;
      band.rows.push(r);
    }
    if (band.rows.length !== d || run.values.length / d > band.missing.length) return undefined;
    for (const r of band.rows) st.banded.add(r);
    st.bands.push(band);
    return st.bands.length - 1;
  };
  const out: (number | null)[][][] = [];
  let branches = 0;
  const step = (st: State, k: number): boolean => {
    if (++branches > MAX_BRANCHES) return false;
    if (k === runs.length) {
      // every cell placed; or, with `short`, those rows short of their last columns only (their own figures
      // fill the first ones), every other row complete
      const whole = (row: (number | undefined)[], r: number) => {
        const gap = row.indexOf(undefined);
        return gap < 0 || (short.has(r) && row.slice(gap).every((x) => x === undefined));
      };
      if (st.grid.every(whole)) out.push(st.grid.map((row) => row.map((c) => c ?? null)));
      return true;
    }
    const run = runs[k]!;
    const n = run.values.length;
    const prev = st.previous >= 0 ? st.bands[st.previous] : undefined;
    if (run.underHeaders && st.bands.length > 0) {
      // a column's first band, printed with (or just after) its header
      if (st.bands[0]!.missing.length > 0 && fits(st.bands[0]!, n)) {
        return fill(st, 0, run.values) ? step(st, k + 1) : true;
      }
      return true;
    }
    if (prev && prev.missing.length > 0 && fits(prev, n)) {
      return fill(st, st.previous, run.values) ? step(st, k + 1) : true;
    }
    let opened = false;
    for (let d = n; d >= (rowWise ? 1 : n); d--) {
      if (n % d !== 0) continue;
      const next = clone(st);
      const b = newBand(next, run, d);
      if (b === undefined) continue;
      opened = true;
      if (fill(next, b, run.values) && !step(next, k + 1)) return false;
    }
    if (opened) return true;
    const b = st.bands.findIndex((x) => x.missing.length > 0 && pageOf[x.rows[0]!] === run.page && fits(x, n));
    if (b < 0) return true;
    return fill(st, b, run.values) ? step(st, k + 1) : true;
  };
  return step(start, 0) ? out : undefined;
}

function hasBlankBetween(a: number, b: number, blank: (line: number) => boolean): boolean {
  for (let i = a + 1; i < b; i++) if (blank(i)) return true;
  return false;
}
