/**
 * One PDF page's geometry → text lines, with tables rebuilt as `| a | b |`
 * rows (the shape the HTML and Word readers emit, so tables.ts reads all the
 * same way). Pure: it takes the text runs and ruling segments that the PDF
 * reader (pdf-read.ts) collected from pdf.js, in page space (y grows upwards).
 *
 * Lattice: where ruling lines cross into a grid, every grid cell is found,
 * cells with no ruling between them are merged (the template's merged
 * headers), and each text run lands in the cell holding it, so wrapped labels
 * join up and empty cells stay empty. Stream: a line without rulings whose
 * runs are far apart is split into tab-separated cells.
 */

export interface TextRun {
  /** left edge and baseline, page space */
  x: number;
  y: number;
  w: number;
  /** font size (height of the run) */
  h: number;
  s: string;
}

export interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** A rebuilt table: rows of cells with their grid column and span. */
export interface Table {
  columns: number;
  rows: { col: number; colSpan: number; text: string }[][];
}
export type Block = { y: number; table: Table } | { y: number; text: string };

export interface PageLayout {
  /** top to bottom */
  blocks: Block[];
  /** tables rebuilt from ruling lines on this page */
  tables: number;
}

const EPS = 1.5;

interface HLine {
  y: number;
  x1: number;
  x2: number;
}
interface VLine {
  x: number;
  y1: number;
  y2: number;
}

/** Splits segments into horizontal and vertical rulings, merging collinear pieces. */
export function rulings(segments: Segment[]): { h: HLine[]; v: VLine[] } {
  const h: HLine[] = [];
  const v: VLine[] = [];
  for (const s of segments) {
    if (Math.abs(s.y1 - s.y2) <= EPS && Math.abs(s.x1 - s.x2) > EPS) h.push({ y: (s.y1 + s.y2) / 2, x1: Math.min(s.x1, s.x2), x2: Math.max(s.x1, s.x2) });
    else if (Math.abs(s.x1 - s.x2) <= EPS && Math.abs(s.y1 - s.y2) > EPS) v.push({ x: (s.x1 + s.x2) / 2, y1: Math.min(s.y1, s.y2), y2: Math.max(s.y1, s.y2) });
  }
  const mergeH = (ls: HLine[]) => {
    ls.sort((a, b) => a.y - b.y || a.x1 - b.x1);
    const out: HLine[] = [];
    for (const l of ls) {
      const last = out[out.length - 1];
      if (last && Math.abs(last.y - l.y) <= EPS && l.x1 <= last.x2 + EPS) last.x2 = Math.max(last.x2, l.x2);
      else out.push({ ...l });
    }
    return out;
  };
  const mergeV = (ls: VLine[]) => {
    ls.sort((a, b) => a.x - b.x || a.y1 - b.y1);
    const out: VLine[] = [];
    for (const l of ls) {
      const last = out[out.length - 1];
      if (last && Math.abs(last.x - l.x) <= EPS && l.y1 <= last.y2 + EPS) last.y2 = Math.max(last.y2, l.y2);
      else out.push({ ...l });
    }
    return out;
  };
  return { h: mergeH(h), v: mergeV(v) };
}

interface Box {
  x1: number;
  x2: number;
  y1: number;
  y2: number;
}

/** Groups rulings that touch into tables; a group needs two of each direction. */
function tableGroups(h: HLine[], v: VLine[]): { h: HLine[]; v: VLine[]; box: Box }[] {
  const n = h.length + v.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  h.forEach((a, i) =>
    v.forEach((b, j) => {
      if (b.x >= a.x1 - EPS && b.x <= a.x2 + EPS && a.y >= b.y1 - EPS && a.y <= b.y2 + EPS) parent[find(i)] = find(h.length + j);
    }),
  );
  const groups = new Map<number, { h: HLine[]; v: VLine[] }>();
  h.forEach((a, i) => {
    const g = groups.get(find(i)) ?? { h: [], v: [] };
    g.h.push(a);
    groups.set(find(i), g);
  });
  v.forEach((b, j) => {
    const g = groups.get(find(h.length + j)) ?? { h: [], v: [] };
    g.v.push(b);
    groups.set(find(h.length + j), g);
  });
  return [...groups.values()]
    .filter((g) => g.h.length >= 2 && g.v.length >= 2)
    .map((g) => ({
      ...g,
      box: {
        x1: Math.min(...g.v.map((l) => l.x)),
        x2: Math.max(...g.v.map((l) => l.x)),
        y1: Math.min(...g.h.map((l) => l.y)),
        y2: Math.max(...g.h.map((l) => l.y)),
      },
    }));
}

/** Distinct coordinates, near ones (within EPS) taken as one. */
function distinct(values: number[]): number[] {
  const out: number[] = [];
  for (const x of [...values].sort((a, b) => a - b)) if (out.length === 0 || x - out[out.length - 1]! > EPS) out.push(x);
  return out;
}

interface GridCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  runs: TextRun[];
}

/** The cells of one ruled table: grid slots joined wherever no ruling separates them. */
function gridCells(g: { h: HLine[]; v: VLine[] }): { xs: number[]; ys: number[]; cells: GridCell[]; at: (x: number, y: number) => GridCell | undefined } {
  const xs = distinct(g.v.map((l) => l.x));
  // rows top to bottom: PDF y grows upwards
  const ys = distinct(g.h.map((l) => l.y)).reverse();
  const R = ys.length - 1;
  const C = xs.length - 1;
  const hasV = (x: number, yTop: number, yBottom: number) => {
    const mid = (yTop + yBottom) / 2;
    return g.v.some((l) => Math.abs(l.x - x) <= EPS && l.y1 <= mid && l.y2 >= mid);
  };
  const hasH = (y: number, xLeft: number, xRight: number) => {
    const mid = (xLeft + xRight) / 2;
    return g.h.some((l) => Math.abs(l.y - y) <= EPS && l.x1 <= mid && l.x2 >= mid);
  };
  const id = (r: number, c: number) => r * C + c;
  const parent = Array.from({ length: R * C }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      if (c + 1 < C && !hasV(xs[c + 1]!, ys[r]!, ys[r + 1]!)) parent[find(id(r, c + 1))] = find(id(r, c));
      if (r + 1 < R && !hasH(ys[r + 1]!, xs[c]!, xs[c + 1]!)) parent[find(id(r + 1, c))] = find(id(r, c));
    }
  }
  const byRoot = new Map<number, GridCell>();
  const slot: GridCell[] = [];
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      const root = find(id(r, c));
      let cell = byRoot.get(root);
      if (!cell) {
        cell = { row: r, col: c, rowSpan: 1, colSpan: 1, runs: [] };
        byRoot.set(root, cell);
      }
      cell.rowSpan = Math.max(cell.rowSpan, r - cell.row + 1);
      cell.colSpan = Math.max(cell.colSpan, c - cell.col + 1);
      slot[id(r, c)] = cell;
    }
  }
  const at = (x: number, y: number) => {
    const c = xs.findIndex((v, i) => i < C && x >= v && x < xs[i + 1]!);
    const r = ys.findIndex((v, i) => i < R && y <= v && y > ys[i + 1]!);
    return c < 0 || r < 0 ? undefined : slot[id(r, c)];
  };
  return { xs, ys, cells: [...byRoot.values()], at };
}

/** Runs in reading order joined: lines top to bottom, runs left to right; no spaces added (CJK labels wrap mid-word). */
function joinRuns(runs: TextRun[]): string[] {
  const lines: TextRun[][] = [];
  for (const r of [...runs].sort((a, b) => b.y - a.y || a.x - b.x)) {
    const line = lines.find((l) => Math.abs(l[0]!.y - r.y) <= Math.max(2, r.h * 0.3));
    if (line) line.push(r);
    else lines.push([r]);
  }
  return lines.map((l) => l.sort((a, b) => a.x - b.x).map((r) => r.s).join(''));
}

/**
 * A run that crosses a column ruling (some producers write a whole table row
 * as one run) is cut at the ruling, sharing its width evenly among its characters.
 */
function splitAt(run: TextRun, xs: number[]): TextRun[] {
  const chars = [...run.s];
  if (chars.length < 2 || run.w <= 0) return [run];
  const cuts = xs.filter((x) => x > run.x + EPS && x < run.x + run.w - EPS);
  if (cuts.length === 0) return [run];
  const cw = run.w / chars.length;
  const out: TextRun[] = [];
  let start = 0;
  for (const cut of [...cuts, Infinity]) {
    const end = cut === Infinity ? chars.length : Math.min(chars.length, Math.max(start, Math.round((cut - run.x) / cw)));
    if (end > start) out.push({ ...run, x: run.x + start * cw, w: (end - start) * cw, s: chars.slice(start, end).join('') });
    start = end;
  }
  return out;
}

/** Lines outside tables: runs grouped by baseline; a wide gap between runs becomes a tab (stream tables). */
function textLines(runs: TextRun[]): { y: number; text: string }[] {
  const rows: { y: number; runs: TextRun[] }[] = [];
  for (const r of runs) {
    const row = rows.find((l) => Math.abs(l.y - r.y) <= 2);
    if (row) row.runs.push(r);
    else rows.push({ y: r.y, runs: [r] });
  }
  return rows.map((row) => {
    const rs = row.runs.sort((a, b) => a.x - b.x);
    let text = '';
    let end = -Infinity;
    for (const r of rs) {
      // more than two character widths of nothing between runs: separate cells of a table without rulings
      const gap = r.x - end;
      if (text && gap > Math.max(r.h, 6) * 2 && r.s.trim() && text.trim()) text = `${text.trimEnd()}\t`;
      // a visible gap before a figure (a label's end, then its row's first value): a space, so the two stay apart
      else if (text && gap > r.h * 0.5 && /^[+\-]?\d/.test(r.s) && !/\s$/.test(text)) text += ' ';
      text += r.s;
      end = Math.max(end, r.x + r.w);
    }
    return { y: row.y, text: text.trimEnd() };
  });
}

/** Estimated advance of a character: full-width ones take the font size, others half. */
const advance = (c: string) => (/[\u2e80-\u9fff\uf900-\uffef\u3000-\u303f\u201c\u201d\u2018\u2019]/.test(c) ? 1 : 0.5);

/**
 * pdf.js may merge the characters around a glyph drawn in another font into
 * one run, leaving a space where that glyph sits (及 三 with “ drawn between):
 * such a run is cut at its spaces, each piece placed by the estimated width of
 * the characters before it, and the space the other glyph fills dropped, so
 * quote marks stay where they were printed.
 */
export function untangle(runs: TextRun[]): TextRun[] {
  const out: TextRun[] = [];
  for (const r of runs) {
    if (!/\S\s+\S/.test(r.s) || r.w <= 0) {
      out.push(r);
      continue;
    }
    const intruders = runs.filter((o) => o !== r && o.s.trim() && Math.abs(o.y - r.y) <= 2 && o.x > r.x + 0.5 && o.x < r.x + r.w - 0.5);
    if (intruders.length === 0) {
      out.push(r);
      continue;
    }
    const chars = [...r.s];
    const total = chars.reduce((n, c) => n + advance(c), 0);
    const unit = r.w / total;
    let x = r.x;
    let piece = '';
    let start = r.x;
    const flush = () => {
      if (piece) out.push({ ...r, x: start, w: x - start, s: piece });
      piece = '';
    };
    for (const c of chars) {
      const w = advance(c) * unit;
      if (/\s/.test(c)) {
        flush();
        // a space under another glyph is that glyph's room; elsewhere it is a real space
        if (!intruders.some((o) => o.x >= x - 0.5 && o.x < x + w + 0.5)) out.push({ ...r, x, w, s: c });
        x += w;
        start = x;
        continue;
      }
      if (!piece) start = x;
      piece += c;
      x += w;
    }
    flush();
  }
  return out;
}

export function layoutPage(runs: TextRun[], segments: Segment[]): PageLayout {
  runs = untangle(runs);
  const { h, v } = rulings(segments);
  const groups = tableGroups(h, v);
  const blocks: Block[] = [];
  let rest = runs.filter((r) => r.s.length > 0);
  let tables = 0;
  for (const g of groups) {
    const grid = gridCells(g);
    const inside: TextRun[] = [];
    const outside: TextRun[] = [];
    for (const run of rest) {
      // the run's middle, a little above the baseline
      const cy = run.y + run.h * 0.3;
      const within = cy > g.box.y1 && cy < g.box.y2 && run.x + run.w / 2 > g.box.x1 && run.x + run.w / 2 < g.box.x2;
      (within ? inside : outside).push(run);
    }
    rest = outside;
    for (const run of inside) {
      for (const piece of splitAt(run, grid.xs)) {
        const cell = grid.at(piece.x + piece.w / 2, piece.y + piece.h * 0.3);
        if (cell) cell.runs.push(piece);
      }
    }
    // a ruled box with no text (a frame, an underline pair) is not a table
    if (!grid.cells.some((c) => c.runs.some((r) => r.s.trim()))) continue;
    tables++;
    const table: Table = { columns: grid.xs.length - 1, rows: [] };
    for (let r = 0; r < grid.ys.length - 1; r++) {
      const cells = grid.cells.filter((c) => c.row === r).sort((a, b) => a.col - b.col);
      if (cells.length) table.rows.push(cells.map((c) => ({ col: c.col, colSpan: c.colSpan, text: joinRuns(c.runs).join('').replace(/\s+/g, '') })));
    }
    blocks.push({ y: g.box.y2, table });
  }
  for (const l of textLines(rest)) blocks.push({ y: l.y, text: l.text });
  blocks.sort((a, b) => b.y - a.y);
  return { blocks, tables };
}

/** A cell opening with 6. （三） 四、 starts a row of its own, not the end of a broken one. */
const ENUMERATED = /^(?:\d+[.．、]|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、)/;
const NUMBER = /^[+\-－]?[\d０-９]+(?:[.．][\d０-９]+)?$/;

/**
 * A table row broken at the page end: the label's last characters open the
 * next page as a row of their own (same grid, no figures, short text) while
 * the figures stayed on the first page. They are appended to the cells of
 * their column above, so the label reads whole.
 */
function joinBrokenRow(a: Table, b: Table): boolean {
  const first = b.rows[0];
  const last = a.rows[a.rows.length - 1];
  if (!first || !last || a.columns !== b.columns) return false;
  const texts = first.filter((c) => c.text);
  // (a continuation has empty cells: the spanning cells of the row restart empty on the new page)
  if (texts.length === 0 || texts.length === first.length || texts.some((c) => NUMBER.test(c.text) || c.text.length > 40 || ENUMERATED.test(c.text))) return false;
  // the row above holds figures or empty cells (a header row above the break holds neither)
  if (!last.some((c) => NUMBER.test(c.text) || c.text === '')) return false;
  for (const c of texts) {
    const above = [...a.rows].reverse().flat().find((x) => x.col === c.col);
    if (!above) return false;
  }
  for (const c of texts) [...a.rows].reverse().flat().find((x) => x.col === c.col)!.text += c.text;
  b.rows.shift();
  return true;
}

/** Pages → lines: tables as `| a | b |` rows (a span of n columns leaves n-1 empty cells, as the HTML reader writes it), a blank line between pages. */
/** A page number printed as a header or footer: 3, - 3 -, 第3页, 第 3 页 共 8 页, 3/8. */
const PAGE_NUMBER = /^[\s\-—–]*(?:第\s*\d+\s*页(?:\s*[,，]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+|\d{1,3})[\s\-—–]*$/;

export function layoutLines(pages: PageLayout[]): string[] {
  // page numbers at a page's top or bottom would cut a table running over the break
  for (const page of pages) {
    // a bare number counts only in the bottom margin (a figure of a one-cell-per-line table may end a page too)
    const isNumber = (b: Block | undefined) => !!b && 'text' in b && PAGE_NUMBER.test(b.text) && (!/^\s*\d+\s*$/.test(b.text) || b.y < 60);
    if (pages.length > 1) {
      while (isNumber(page.blocks.at(-1))) page.blocks.pop();
      while (isNumber(page.blocks[0])) page.blocks.shift();
    }
  }
  for (let p = 1; p < pages.length; p++) {
    const prev = pages[p - 1]!.blocks.at(-1);
    const next = pages[p]!.blocks[0];
    if (prev && next && 'table' in prev && 'table' in next) joinBrokenRow(prev.table, next.table);
  }
  const lines: string[] = [];
  for (const page of pages) {
    for (const b of page.blocks) {
      if ('text' in b) lines.push(b.text);
      else for (const row of b.table.rows) lines.push(`| ${row.flatMap((c) => [c.text, ...Array<string>(c.colSpan - 1).fill('')]).join(' | ')} |`);
    }
    lines.push('');
  }
  return lines;
}
