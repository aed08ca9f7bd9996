/**
 * Label-driven reading of a statutory table whose cells are separated by
 * nothing better than spaces: `pdftotext -layout` copies (columns aligned by
 * character position), single-space PDF text, wrapped labels with the
 * figures on the middle line, merged label cells (（三）不予公开) interleaved
 * with the row labels. Rows are found by their template labels in template
 * order; a row's figures are the values between its label and the next row's
 * label; a short row's figures are put in their columns by character
 * position (full rows of the same page, or the column headers). Used by
 * tables.ts when the cell-separated reading fails.
 */
import type { Cell } from '../stats/template.ts';
import { labelKey } from './normalize.ts';

export interface LooseToken {
  text: string;
  key: string;
  line: number;
  /** character position in its line (pdftotext -layout puts one character per column) */
  pos: number;
  /** page (form feeds in pdftotext output) */
  page: number;
  value?: { value: Cell };
}

export interface LooseRow {
  /** accepted spellings of the label, as comparison keys */
  keys: string[];
  label: string;
  columns: number;
  /** header words of the columns, to find their positions when no row is full */
  headers?: string[];
}

export interface LooseResult {
  rows: (Cell[] | undefined)[];
  /** rows whose label was found */
  found: number;
  /** rows whose figures filled every column without guessing */
  complete: number;
  cells: number;
  warnings: string[];
  /** line after the last token used */
  end: number;
  start: number;
}

export function looseTokens(lines: string[], from: number, to: number, parse: (t: string) => { value: Cell } | undefined): LooseToken[] {
  const out: LooseToken[] = [];
  let page = 0;
  for (let i = 0; i < from; i++) page += (lines[i]!.match(/\f/g) ?? []).length;
  const nearBreak = (i: number) => [i - 1, i, i + 1].some((k) => lines[k]?.includes('\f'));
  for (let i = from; i < to; i++) {
    const raw = lines[i]!;
    page += (raw.match(/\f/g) ?? []).length;
    const line = raw.replace(/\f/g, '');
    // a page number beside a page break (pdftotext writes \f there) is not a figure of the table
    if (nearBreak(i) && /^\s*(?:[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d+\s*页.*|\d{1,3}\s*\/\s*\d{1,3}|\d{1,3})\s*$/.test(line) && line.trim().length < line.length - 10) continue;
    for (const m of line.matchAll(/[^\s|]+/g)) {
      const text = m[0];
      const v = parse(text);
      out.push({ text, key: labelKey(text), line: i, pos: [...line.slice(0, m.index)].length, page, ...(v ? { value: v } : {}) });
    }
  }
  return out;
}

/**
 * Where `row`'s label starts: its pieces may be split over tokens with other cells' text between (at
 * most three, not counting those `ignorable` says are pieces of other labels or headers).
 */
export function matchLabel(tokens: LooseToken[], from: number, row: LooseRow, ignorable: (key: string) => boolean = () => false): { first: number; last: number; pieces: number[] } | undefined {
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.value || !t.key) continue;
    for (const key of row.keys) {
      // the label may follow text of a merged cell run into the same token (三、本年（一）予以公开)
      let at = -1;
      for (let s = 0; s < t.key.length && at < 0; s++) {
        const tail = t.key.slice(s);
        // a label wrapped in a narrow cell opens with two characters (1.属 / 于国 / 家秘 / 密): so short a
        // first piece counts only when the next pieces complete the label (below)
        const need = s === 0 ? Math.min(2, key.length) : Math.min(4, key.length);
        if (tail.length >= need && (key.startsWith(tail) || (tail.startsWith(key) && (s > 0 || key.length >= 4 || tail === key)))) at = s;
      }
      if (at < 0) continue;
      const piece = t.key.slice(at);
      if (piece.startsWith(key)) return { first: i, last: i, pieces: [i] };
      // the rest of the label in the next text tokens, skipping fragments of merged cells
      let rest = key.slice(t.key.length);
      let skipped = 0;
      let j = i + 1;
      const pieces = [i];
      for (; j < tokens.length && rest && skipped <= 3; j++) {
        const u = tokens[j]!;
        if (u.value || !u.key) continue;
        if (rest.startsWith(u.key)) {
          rest = rest.slice(u.key.length);
          pieces.push(j);
        } else if (u.key.startsWith(rest)) {
          rest = '';
          pieces.push(j);
        }
        // a piece of a merged label cell or a column header between the label's pieces does not count
        else if (!ignorable(u.key)) skipped++;
        if (!rest) break;
      }
      if (!rest) return { first: i, last: j, pieces };
    }
  }
  return undefined;
}

/** Column positions from a row's values that filled every column. */
function anchorsFrom(values: LooseToken[]): number[] {
  return values.map((v) => v.pos);
}

/** Places values by the nearest column position, keeping their order; undefined when two fall in one column. */
function place(values: LooseToken[], anchors: number[]): (Cell | undefined)[] | undefined {
  const out: (Cell | undefined)[] = anchors.map(() => undefined);
  let lastCol = -1;
  for (const v of values) {
    let best = -1;
    let dist = Infinity;
    anchors.forEach((a, k) => {
      const d = Math.abs(a - v.pos);
      if (d < dist) {
        dist = d;
        best = k;
      }
    });
    if (best <= lastCol || dist > 3) return undefined;
    out[best] = v.value!.value;
    lastCol = best;
  }
  return out;
}

export function readLoose(tokens: LooseToken[], rows: LooseRow[], where: string): LooseResult {
  const warnings: string[] = [];
  const starts: ({ first: number; last: number } | undefined)[] = [];
  let cursor = 0;
  for (const row of rows) {
    const m = matchLabel(tokens, cursor, row);
    starts.push(m);
    if (m) cursor = m.first + 1;
  }
  const found = starts.filter(Boolean).length;
  const result: LooseResult = { rows: rows.map(() => undefined), found, complete: 0, cells: 0, warnings, end: 0, start: 0 };
  if (found === 0) return result;
  // each row's values: after its label's first piece, up to the next found label
  const valuesOf: LooseToken[][] = rows.map((_, k) => {
    const s = starts[k];
    if (!s) return [];
    const next = starts.slice(k + 1).find(Boolean);
    const end = next ? next.first : tokens.length;
    const vs: LooseToken[] = [];
    for (let i = s.first + 1; i < end; i++) {
      const t = tokens[i]!;
      if (t.value) vs.push(t);
      // the figures of a row sit within a few lines of its label
      else if (vs.length > 0 && t.line > vs[vs.length - 1]!.line + 2) break;
    }
    return vs;
  });
  const full = rows.map((r, k) => valuesOf[k]!.length === r.columns);
  result.start = Math.min(...starts.filter((s) => s).map((s) => tokens[s!.first]!.line));
  result.end = result.start;
  rows.forEach((row, k) => {
    const vs = valuesOf[k]!;
    if (!starts[k]) return;
    const lastLine = Math.max(tokens[starts[k]!.last]!.line, ...vs.map((v) => v.line));
    result.end = Math.max(result.end, lastLine + 1);
    if (vs.length === row.columns) {
      result.rows[k] = vs.map((v) => v.value!.value);
      result.complete++;
      result.cells += row.columns;
      return;
    }
    if (vs.length === 0) {
      // a row printed with every cell empty
      result.rows[k] = Array<Cell>(row.columns).fill(null);
      result.complete++;
      result.cells += row.columns;
      return;
    }
    if (vs.length > row.columns) {
      warnings.push(`${where}: row "${row.label}" has ${vs.length} values for ${row.columns} columns (${vs.map((v) => v.text).join(' ')}); its cells are left empty (null)`);
      result.rows[k] = Array<Cell>(row.columns).fill(null);
      return;
    }
    // a short row: the columns of the nearest full row with the same column count on the same page, else the headers'
    const page = vs[0]!.page;
    let anchors: number[] | undefined;
    let bestDist = Infinity;
    rows.forEach((r, j) => {
      if (!full[j] || r.columns !== row.columns || valuesOf[j]![0]!.page !== page) return;
      const d = Math.abs(valuesOf[j]![0]!.line - vs[0]!.line);
      if (d < bestDist) {
        bestDist = d;
        anchors = anchorsFrom(valuesOf[j]!);
      }
    });
    anchors ??= headerAnchors(tokens, row, starts.find(Boolean)!.first, page);
    const placed = anchors ? place(vs, anchors) : undefined;
    if (placed) {
      result.rows[k] = placed.map((v) => v ?? null);
      result.cells += row.columns;
      return;
    }
    const cols = vs.length;
    result.rows[k] = Array<Cell>(row.columns).fill(null);
    warnings.push(`${where}: row "${row.label}" has ${cols} values for ${row.columns} columns and their columns could not be told from their positions; cells left empty (null): ${vs.map((v) => v.text).join(' ')}`);
  });
  return result;
}

/** Column positions from the header words printed above the rows (自然人 … 总计). */
function headerAnchors(tokens: LooseToken[], row: LooseRow, firstLabel: number, page: number): number[] | undefined {
  // positions only compare within one page: the next page's columns may sit elsewhere
  if (!row.headers) return undefined;
  const out: number[] = [];
  let from = 0;
  for (const h of row.headers) {
    const key = labelKey(h);
    let i = from;
    for (; i < firstLabel; i++) if (tokens[i]!.page === page && !tokens[i]!.value && tokens[i]!.key.length >= 2 && (key.startsWith(tokens[i]!.key) || tokens[i]!.key.startsWith(key))) break;
    if (i >= firstLabel) return undefined;
    out.push(tokens[i]!.pos);
    from = 0;
  }
  // header words sit in their columns left to right
  return out.every((p, k) => k === 0 || p > out[k - 1]!) ? out : undefined;
}
