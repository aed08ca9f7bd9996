/**
 * Finds the three national statutory tables in flattened text and reads them
 * into `stats`. Flattening varies (one cell per line, tab- or pipe-separated
 * rows, Markdown rows, spans written as empty cells), so cells are mapped by
 * their row labels and the template (src/lib/stats/template.ts), not by
 * position in the file: a row label is followed by as many value cells as the
 * template gives its row. Used by the importer (index.ts).
 */
import { checkStats } from '../stats/checks.ts';
import {
  APPLICANT_COLUMNS,
  APPLICATION_ROWS,
  PROACTIVE,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  emptyStats,
  setPath,
  type Cell,
  type Format,
  type NationalFormat,
  type Stats,
} from '../stats/template.ts';
import { labelKey, stripEnumerator, toHalfWidth } from './normalize.ts';
import { looseTokens, matchLabel, readLoose, type LooseRow } from './pdf-columns.ts';
import { FLOW_HEADER_PIECES, readFlowOrder } from './pdftotext-flow.ts';

export type TableKind = 'proactive' | 'applications' | 'reviewLitigation';
/** The three statutory tables, in the order the national format prints them. */
const TABLE_KINDS: readonly TableKind[] = ['proactive', 'applications', 'reviewLitigation'];
export interface TableBlock {
  kind: TableKind;
  /** First line of the table (after its section heading). */
  start: number;
  /** Line after the table's last cell. */
  end: number;
}
export interface TablesResult {
  format: Format;
  stats?: Stats;
  blocks: TableBlock[];
  tablesFound: TableKind[];
  cellsRead: number;
  warnings: string[];
}

interface Token {
  text: string;
  line: number;
  /** Position of the cell in its line (0 for one cell per line). */
  col: number;
  /** Cells on the same line. */
  width: number;
  /** The line was written | a | b | (its last | may also have closed an empty cell). */
  closed: boolean;
}

/** Splits each line into cells: `|` rows, tab rows, or the line as one cell. */
export function tokenize(lines: string[], from = 0, to = lines.length): Token[] {
  const tokens: Token[] = [];
  for (let i = from; i < to; i++) {
    const raw = lines[i]!;
    let cells: string[];
    let closed = false;
    if (raw.includes('|')) {
      const t = raw.replace(/^\t*(?=\|)/, '');
      // Markdown separator rows (| --- | :-: |) carry nothing
      if (/^\|?[\s:|-]+\|?$/.test(t) && t.includes('-')) continue;
      // a lone | ends a row in a cell-by-cell copy ("0 |" lines): it separates rows, like an empty line
      if (t.trim() === '|') continue;
      // a leading | opens the row; a trailing one closes it only when the row was opened
      // (in "a | b |" the last cell is empty)
      const open = t.startsWith('|');
      closed = open && t.length > 1 && t.endsWith('|');
      cells = t.slice(open ? 1 : 0, closed ? -1 : undefined).split('|');
      // one cell a line, each ended by a | (a web copy of a table, cell by cell): "0 |" is one cell, not two
      if (!open && t.indexOf('|') === t.length - 1) {
        cells = [t.slice(0, -1)];
        closed = true;
      }
    } else if (raw.trim() === '') {
      // a line holding only tabs/spaces is an empty cell; a truly empty line separates rows
      if (raw.length === 0) continue;
      cells = [''];
    } else {
      cells = raw.replace(/^\t+/, '').split(/\t+| {3,}/);
    }
    cells.forEach((c, col) => tokens.push({ text: c.trim(), line: i, col, width: cells.length, closed }));
  }
  return tokens;
}

/** A value cell: 0, +19, -3, 20.001万元, 152790元, 9.63211, （空） → number or null. */
export function parseValue(text: string): { value: Cell; unit?: string } | undefined {
  const t = toHalfWidth(text).replace(/[\s,]/g, '');
  if (t === '' || /^[-—–/]$|^[(]?(空|无)[)]?$|^——$/.test(t)) return { value: null };
  const m = /^([+-]?\d+(?:\.\d+)?)(万元|元|件|条|个|项)?$/.exec(t);
  if (!m) return undefined;
  return { value: Number(m[1]), ...(m[2] ? { unit: m[2] } : {}) };
}

/** Labels printed in table headers (no values of their own). */
const HEADER_LABELS = [
  '信息内容', '第二十条第(一)项', '第二十条第(五)项', '第二十条第(六)项', '第二十条第(八)项', '第二十条第(九)项',
  '本年新制作数量', '本年新公开数量', '对外公开总数量', '上一年项目数量', '本年增/减', '处理决定数量', '采购项目数量', '采购总金额',
  '本年制发件数', '本年废止件数', '现行有效件数', '本年处理决定数量', '本年收费金额(单位:万元)', '本年收费金额',
  '申请人情况', '自然人', '法人或其他组织', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计',
  '本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和',
  '行政复议', '行政诉讼', '结果维持', '结果纠正', '其他结果', '尚未审结', '未经复议直接起诉', '复议后起诉',
  '三、本年度办理结果', '(三)不予公开', '(四)无法提供', '(五)不予处理', '(六)其他处理',
].map(labelKey);
const HEADER_SET = new Set(HEADER_LABELS);

/** Marks of each format, from the labels only the one version prints. */
const FORMAT_MARKS: Record<NationalFormat, string[]> = {
  'national-2019': ['本年新制作数量', '本年新公开数量', '对外公开总数量', '上一年项目数量', '其他对外管理服务事项', '采购项目数量', '政府集中采购'],
  'national-2021': ['本年制发件数', '本年废止件数', '现行有效件数', '本年处理决定数量', '本年收费金额', '逾期不补正', '缴纳费用'],
};

const SECTION_PATTERNS: Record<TableKind, RegExp> = {
  // as printed, also with 的 (主动公开政府信息的情况) or 行政机关 (行政机关收到和处理…)
  proactive: /主动公开政府信息的?情况$/,
  applications: /收到和处理政府信息公开申请的?情况$/,
  reviewLitigation: /行政复议.*行政诉讼的?情况$/,
};

interface RowTarget {
  kind: TableKind;
  path: string;
  columns: number;
}

/** Row labels → where their values go, for one format. Two keys per label: with and without its enumerator. */
function rowTargets(format: NationalFormat): Map<string, RowTarget[]> {
  const map = new Map<string, RowTarget[]>();
  const add = (label: string, t: RowTarget) => {
    const bare = labelKey(stripEnumerator(label));
    // a bare 总计 or 其他 is a column header; only the enumerated form names the row
    const keys = HEADER_SET.has(bare) ? [labelKey(label)] : [labelKey(label), bare];
    for (const key of new Set(keys)) {
      if (!map.has(key)) map.set(key, []);
      map.get(key)!.push(t);
    }
  };
  for (const g of PROACTIVE[format]) {
    for (const r of g.rows) {
      add(r.label, { kind: 'proactive', path: r.key, columns: g.columns.length });
      // 2021 tables labelled 规范性文件, 2019 tables labelled 行政规范性文件 both exist
      if (r.key === 'normativeDocs') add(r.label.startsWith('行政') ? '规范性文件' : '行政规范性文件', { kind: 'proactive', path: r.key, columns: g.columns.length });
    }
  }
  for (const r of APPLICATION_ROWS[format]) {
    add(r.label, { kind: 'applications', path: r.path, columns: APPLICANT_COLUMNS.length });
    if (r.path === 'outcomes.partial') add('（二）部分公开', { kind: 'applications', path: r.path, columns: APPLICANT_COLUMNS.length });
  }
  return map;
}

export function detectFormat(text: string): NationalFormat | null {
  const flat = labelKey(text);
  const score = (f: NationalFormat) => FORMAT_MARKS[f].filter((m) => flat.includes(labelKey(m))).length;
  const a = score('national-2019');
  const b = score('national-2021');
  if (a === 0 && b === 0) return null;
  return b > a ? 'national-2021' : 'national-2019';
}

/** Line indices of the three section headings, if present. */
function sectionHeadings(lines: string[]): Map<TableKind, number> {
  const found = new Map<TableKind, number>();
  lines.forEach((line, i) => {
    const t = toHalfWidth(line).replace(/\s+/g, '');
    if (t.length > 40) return;
    // （一）主动公开政府信息情况 is a narrative sub-section of 一、总体情况, not the statutory section 二、
    if (/^[（(][一二三四五六七八九十]+[)）]|^\d+[、.．]/.test(t)) return;
    for (const kind of Object.keys(SECTION_PATTERNS) as TableKind[]) {
      if (!found.has(kind) && SECTION_PATTERNS[kind].test(t)) found.set(kind, i);
    }
  });
  return found;
}

type Classified = { token: Token; kind: 'value'; value: Cell; unit?: string; unreadable?: boolean } | { token: Token; kind: 'label'; targets: RowTarget[] } | { token: Token; kind: 'header' } | { token: Token; kind: 'other' };

function classify(tokens: Token[], targets: Map<string, RowTarget[]>): Classified[] {
  const out: Classified[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const v = parseValue(token.text);
    if (v) {
      out.push({ token, kind: 'value', value: v.value, ...(v.unit ? { unit: v.unit } : {}) });
      continue;
    }
    // a label broken over two or three cells/lines (本年新\n制作数量, 商业/企业)
    let joined = '';
    let matched: Classified | undefined;
    let used = 0;
    for (let k = 0; k < 3 && i + k < tokens.length; k++) {
      joined += tokens[i + k]!.text;
      const key = labelKey(joined);
      if (k > 0 && parseValue(tokens[i + k]!.text)) break;
      const t = targets.get(key);
      if (t) {
        matched = { token, kind: 'label', targets: t };
        used = k;
        break;
      }
      if (HEADER_SET.has(key) || /^第二十条第/.test(key)) {
        matched = { token, kind: 'header' };
        used = k;
        break;
      }
    }
    // a label cut short where its cell broke at a page end (（二）部分公开（区分处理 …): the start of one row's label only
    if (!matched) {
      const t = cutLabel(labelKey(token.text), targets);
      if (t) matched = { token, kind: 'label', targets: t };
    }
    // a label or header with a note of its own in brackets: 规章(设区的市、自治州人民政府应提供相关数据), 采购总金额（万元）
    if (!matched) {
      const bare = labelKey(token.text.replace(/[（(][^（）()]*[)）]\s*$/, ''));
      if (bare !== labelKey(token.text)) {
        const t = targets.get(bare);
        if (t) matched = { token, kind: 'label', targets: t };
        else if (HEADER_SET.has(bare)) matched = { token, kind: 'header' };
      }
    }
    if (matched) {
      out.push(matched);
      i += used;
    } else if (inRow(out, token) && token.text.length <= 12 && /\d/.test(token.text)) {
      // a cell of a row that holds no readable figure (约5, 3（件）, 1O): kept as an empty cell, with a warning
      out.push({ token, kind: 'value', value: null, unreadable: true });
    } else if (token.closed && token.width > 1 && token.text.length <= 40 && !/[。；]/.test(token.text)) {
      // a cell of a ruled row that is neither a row label nor a figure: a piece of a merged group label cut
      // at a page end (三、本年度办理结 | 果), or a wrapped note; the table goes on
      out.push({ token, kind: 'header' });
    } else out.push({ token, kind: 'other' });
  }
  return out;
}

/** The targets of the one row label that starts with `key` (eight characters at least), if exactly one does. */
function cutLabel(key: string, targets: Map<string, RowTarget[]>): RowTarget[] | undefined {
  if (key.length < 8) return undefined;
  let found: RowTarget[] | undefined;
  for (const [k, t] of targets) {
    if (k.length <= key.length || !k.startsWith(key)) continue;
    if (found && found.map((x) => x.path).join() !== t.map((x) => x.path).join()) return undefined;
    found = t;
  }
  return found;
}

/** The token continues a row: the cell before it on its line is a row label or a figure. */
function inRow(out: Classified[], token: Token): boolean {
  const prev = out[out.length - 1];
  return !!prev && prev.token.line === token.line && token.width > 1 && (prev.kind === 'label' || prev.kind === 'value');
}

export function extractStatTables(lines: string[]): TablesResult {
  const empty: TablesResult = { format: 'free', blocks: [], tablesFound: [], cellsRead: 0, warnings: [] };
  const headings = sectionHeadings(lines);
  if (headings.size === 0) return empty;
  const format = detectFormat(lines.join('\n'));
  if (!format) return empty;
  const targets = rowTargets(format);
  const stats = emptyStats(format);
  const warnings: string[] = [];
  const blocks: TableBlock[] = [];
  let cellsRead = 0;

  const order = [...headings.entries()].sort((a, b) => a[1] - b[1]);
  /** per table: where its warnings start in `warnings`, and how many cells it read */
  const readOf = new Map<TableKind, { cells: number; warningsFrom: number; warningsTo: number }>();
  for (let h = 0; h < order.length; h++) {
    const [kind, headingLine] = order[h]!;
    const before = { cells: cellsRead, warnings: warnings.length };
    const note = () => readOf.set(kind, { cells: cellsRead - before.cells, warningsFrom: before.warnings, warningsTo: warnings.length });
    const limit = h + 1 < order.length ? order[h + 1]![1] : lines.length;
    const classified = classify(tokenize(lines, headingLine + 1, limit), targets);
    // the table runs from its first table cell up to the first narrative line
    const firstOther = classified.findIndex((c) => c.kind === 'other' && c.token.text.length > 0);
    const cells = firstOther === -1 ? classified : classified.slice(0, firstOther);
    const meaningful = cells.filter((c) => c.kind !== 'value' || c.value !== null);
    const strictWarnings: string[] = [];
    let read = 0;
    if (meaningful.length >= 3) read = kind === 'reviewLitigation' ? readReview(cells, stats, strictWarnings) : readRows(kind, cells, stats, strictWarnings);
    // cells separated by single spaces or aligned by position (PDF text, pdftotext -layout): read by labels instead
    // (a strict read with a few empty cells is kept: blank cells are not counted as read)
    if (read < templateCells(format, kind) * 0.8) {
      // the label-driven reading fills a copy: the strict reading's figures stay unless it does better
      const trial = structuredClone(stats);
      const loose = readLooseTable(format, kind, lines, headingLine + 1, limit, trial);
      if (loose && loose.cells > read) {
        Object.assign(stats, trial);
        warnings.push(...loose.warnings);
        cellsRead += loose.cells;
        blocks.push({ kind, start: headingLine + 1, end: loose.end });
        note();
        continue;
      }
    }
    warnings.push(...strictWarnings);
    if (read > 0) {
      cellsRead += read;
      const lastLine = cells.reduce((m, c) => Math.max(m, c.token.line), headingLine);
      const firstLine = cells.length > 0 ? cells[0]!.token.line : headingLine + 1;
      blocks.push({ kind, start: firstLine, end: lastLine + 1 });
    }
    note();
  }
  // a copy that lost the tables' order (pdftotext without -layout prints a ruled table block by block,
  // and a table's last columns may land after the next table's heading): when the tables from an incomplete
  // one on hold exactly one figure per cell, all equal, each of their cells is that figure
  const incompleteAt = (k: TableKind) => (readOf.get(k)?.cells ?? 0) < templateCells(format, k);
  const uniformKinds = new Set<TableKind>();
  // from the first incomplete table on; if its own figures differ, from the next incomplete one
  for (let incomplete = order.findIndex(([k]) => incompleteAt(k)); incomplete >= 0 && incomplete < order.length; incomplete++) {
    if (!incompleteAt(order[incomplete]![0])) continue;
    const kinds = order.slice(incomplete).map(([k]) => k);
    const uniform = readUniform(format, kinds, lines, order[incomplete]![1] + 1, stats);
    if (!uniform) continue;
    for (const k of kinds) uniformKinds.add(k);
    // their own warnings (values whose columns could not be told) no longer hold
    const drop = new Set(kinds.flatMap((k) => { const r = readOf.get(k); return r ? Array.from({ length: r.warningsTo - r.warningsFrom }, (_, i) => r.warningsFrom + i) : []; }));
    const kept = warnings.filter((_, i) => !drop.has(i));
    warnings.length = 0;
    warnings.push(...kept, uniform.warning);
    for (const k of kinds) cellsRead -= readOf.get(k)?.cells ?? 0;
    cellsRead += uniform.cells;
    for (let i = blocks.length - 1; i >= 0; i--) if (kinds.includes(blocks[i]!.kind)) blocks.splice(i, 1);
    // each table's block ends before the next table's heading, so the headings stay headings
    kinds.forEach((k, i) => {
      const start = order[incomplete + i]![1] + 1;
      const next = order[incomplete + i + 1];
      blocks.push({ kind: k, start, end: next ? next[1] : uniform.end });
    });
    break;
  }
  // raw pdftotext of a ruled applications table whose first column alone kept its place, or
  // printed block by block (poppler's reading order, pdftotext-flow.ts)
  const appsAt = order.findIndex(([k]) => k === 'applications');
  const reviewAt = order.findIndex(([k]) => k === 'reviewLitigation');
  if (appsAt >= 0 && reviewAt === appsAt + 1 && incompleteAt('applications') && !uniformKinds.has('applications')) {
    const first =
      readFirstColumn(format, lines, order[appsAt]![1] + 1, order[reviewAt]![1], stats) ??
      readFlowTable(format, lines, order[appsAt]![1] + 1, order[reviewAt]![1], stats);
    if (first) {
      const drop = new Set<number>();
      for (const k of first.review ? (['applications', 'reviewLitigation'] as TableKind[]) : (['applications'] as TableKind[])) {
        const r = readOf.get(k);
        if (r) for (let i = r.warningsFrom; i < r.warningsTo; i++) drop.add(i);
        cellsRead -= r?.cells ?? 0;
        for (let i = blocks.length - 1; i >= 0; i--) if (blocks[i]!.kind === k) blocks.splice(i, 1);
      }
      const kept = warnings.filter((_, i) => !drop.has(i));
      warnings.length = 0;
      warnings.push(...kept, ...first.warnings);
      cellsRead += first.cells;
      blocks.push({ kind: 'applications', start: order[appsAt]![1] + 1, end: order[reviewAt]![1] });
      if (first.review) blocks.push({ kind: 'reviewLitigation', start: order[reviewAt]![1] + 1, end: first.review.end });
    }
  }
  // a raw pdftotext copy (not -layout) prints the review table's cells in an order of blocks, not of
  // columns: fifteen figures read in the order printed are kept only if every group adds up
  if (rawPdftotext(lines) && blocks.some((b) => b.kind === 'reviewLitigation')) {
    const bad = checkStats(format, stats).filter((c) => c.ok === false && c.id.startsWith('reviewLitigation'));
    if (bad.length > 0) {
      for (const g of REVIEW_GROUPS) stats.reviewLitigation[g.key] = Object.fromEntries(REVIEW_COLUMNS.map((c) => [c.key, null]));
      cellsRead -= REVIEW_GROUPS.length * REVIEW_COLUMNS.length;
      for (let i = blocks.length - 1; i >= 0; i--) if (blocks[i]!.kind === 'reviewLitigation') blocks.splice(i, 1);
      warnings.push(`行政复议、行政诉讼: the figures of this pdftotext copy do not add up in the order printed (${bad.map((c) => c.label).join('; ')}), so their columns cannot be told; the cells are left empty (null)`);
    }
  }
  // proactive columns printed as blocks of their own, before or after the applications table's heading
  const proactiveAt = order.findIndex(([k]) => k === 'proactive');
  if (proactiveAt >= 0 && cellsOf(stats, 'proactive').some((c) => c.row[c.key] === null)) {
    const end = reviewAt >= 0 ? order[reviewAt]![1] : lines.length;
    const cols = readColumnBlocks(format, lines, order[proactiveAt]![1] + 1, end, stats);
    if (cols.cells > 0) {
      cellsRead += cols.cells;
      // the rows those columns completed no longer lack them
      const done = PROACTIVE[format].flatMap((g) => g.rows).filter((r) => Object.values(stats.proactive[r.key] as Record<string, Cell>).every((v) => v !== null));
      const kept = warnings.filter((w) => !(w.includes('(null)') && done.some((r) => w.includes(`row "${r.label}"`))));
      warnings.length = 0;
      warnings.push(...kept, `主动公开: ${cols.columns.join('、')} 一列的数字成块印在表格之外（pdftotext 的分块次序），已按其行序读出；请核对原件`);
      if (!blocks.some((b) => b.kind === 'proactive')) blocks.push({ kind: 'proactive', start: order[proactiveAt]![1] + 1, end: order[proactiveAt + 1]?.[1] ?? end });
    }
  }
  // the figures left over when the readers are done: one per empty cell, all equal, fill those cells
  if (order.length === 3 && blocks.length > 0) {
    const rest = fillRemainder(format, lines, order[0]![1] + 1, stats);
    if (rest) {
      // the warnings about cells left empty no longer hold (each says "(null)"; the others, a unit in 元, stay)
      const kept = warnings.filter((w) => !w.includes('(null)'));
      warnings.length = 0;
      warnings.push(...kept, rest.warning);
      cellsRead += rest.cells;
      for (let h = 0; h < order.length; h++) {
        const [k, at] = order[h]!;
        if (!blocks.some((b) => b.kind === k)) blocks.push({ kind: k, start: at + 1, end: h + 1 < order.length ? order[h + 1]![1] : tableFigures(lines, at + 1).end });
      }
      if (rest.spill) blocks.push({ kind: order[2]![0], ...rest.spill });
    }
  }
  if (blocks.length === 0) {
    // the headings are there but no table could be read: say so rather than import a free report silently
    return { ...empty, warnings: [`法定统计表格未能读出: 找到了表格标题（${[...headings.keys()].map(kindName).join('、')}），但没有读出单元格；按无统计表格（free）导入，请核对原件`] };
  }
  const total = TABLE_KINDS.reduce((n, k) => n + templateCells(format, k), 0);
  // …or a whole table left unread, however many cells the others gave
  const unread = TABLE_KINDS.filter((k) => !blocks.some((b) => b.kind === k));
  if (cellsRead < total * 0.9 || unread.length > 0) {
    warnings.push(`法定统计表格只读出 ${cellsRead} / ${total} 个单元格（${unread.map(kindName).join('、') || '各表均不完整'}${unread.length > 0 ? '未读出' : ''}）；未读出的单元格为空 (null)，请核对原件${pdfTextAdvice(lines)}`);
  }
  if (blocks.length === 0) return empty;
  for (const c of checkStats(format, stats)) {
    if (c.ok === false) warnings.push(`勾稽关系不符: ${c.label} (${c.left} ≠ ${c.right}); figures kept as published`);
  }
  return { format, stats, blocks, tablesFound: [...new Set(blocks.map((b) => b.kind))], cellsRead, warnings };
}

/** Proactive and applications tables: each row label takes the value cells after it. */
function readRows(kind: TableKind, cells: Classified[], stats: Stats, warnings: string[]): number {
  let read = 0;
  const seen = new Set<string>();
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i]!;
    if (c.kind !== 'label') continue;
    const target = c.targets.find((t) => t.kind === kind && !seen.has(t.path)) ?? c.targets.find((t) => t.kind === kind);
    if (!target) continue;
    const values: Extract<Classified, { kind: 'value' }>[] = [];
    let j = i + 1;
    for (; j < cells.length && cells[j]!.kind === 'value'; j++) values.push(cells[j] as Extract<Classified, { kind: 'value' }>);
    // spans written as empty cells (| label ||| 0 | 0 |) come before the values on the label's own line
    while (values.length > target.columns && values[0]!.value === null && values[0]!.token.line === c.token.line) values.shift();
    // an empty filler cell before the next row label belongs to no row
    while (values.length > target.columns && values[values.length - 1]!.value === null) values.pop();
    if (values.length === 0) continue;
    const last = values[values.length - 1]!;
    // "|a|b|" may be a row whose last cell is empty: the closing | was that cell's border
    if (values.length === target.columns - 1 && last.token.closed && last.token.line === c.token.line) {
      values.push({ token: last.token, kind: 'value', value: null });
    }
    if (values.length > target.columns) {
      warnings.push(`row "${c.token.text}" (line ${c.token.line + 1}) has ${values.length} values for ${target.columns} columns; the extra ones were not placed: ${values.slice(target.columns).map((v) => v.token.text).join(' ')}`);
    } else if (values.length < target.columns) {
      warnings.push(`row "${c.token.text}" (line ${c.token.line + 1}) has ${values.length} values for ${target.columns} columns; the missing cells are left empty (null)`);
    }
    const columns = kind === 'proactive' ? proactiveColumns(stats, target.path) : APPLICANT_COLUMNS.map((col) => col.key);
    values.forEach((v, k) => {
      if (v.unreadable && k < columns.length) warnings.push(`row "${c.token.text}" (line ${v.token.line + 1}), column ${columnLabel(kind, target.path, columns, k)}: "${v.token.text}" is not a figure; the cell is left empty (null)`);
    });
    const row: Record<string, Cell> = {};
    columns.forEach((key, k) => (row[key] = values[k]?.value ?? null));
    for (const v of values) if (v.unit === '元' && kind === 'proactive') warnings.push(`"${v.token.text}" (line ${v.token.line + 1}) is in 元; stored as the number written`);
    setPath(kind === 'proactive' ? stats.proactive : (stats.applications as Record<string, unknown>), target.path, row);
    seen.add(target.path);
    read += Math.min(values.length, target.columns);
    i = j - 1;
  }
  return read;
}

/** A pdftotext copy set out in columns by runs of spaces (-layout), known by its form feeds. */
function layoutPdftotext(lines: string[]): boolean {
  const text = lines.filter((l) => l.trim());
  const columned = text.filter((l) => /\S {3,}\S/.test(l.trim())).length;
  return columned >= 10 && columned >= text.length / 10;
}
const pdftotextCopy = (lines: string[]) => lines.some((l) => l.includes('\f'));
/** A pdftotext copy in its default reading-order mode: form feeds, no columns of spaces. */
const rawPdftotext = (lines: string[]) => pdftotextCopy(lines) && !layoutPdftotext(lines);

/**
 * Page breaks (form feeds) mark text that pdftotext wrote out of a PDF: copied without -layout, a ruled
 * table's cells come in the order the PDF drew them, which no label reading can always undo. The way out
 * is the PDF itself (read from its geometry) or a -layout copy (read by column positions); a copy that
 * already is a -layout one (text set out in columns by runs of spaces) is told to use the PDF only.
 */
function pdfTextAdvice(lines: string[]): string {
  if (!pdftotextCopy(lines)) return '';
  return layoutPdftotext(lines)
    ? '。此文本含分页符且按列排版，似为 pdftotext -layout 从 PDF 导出的文字：其中有的单元格位置无法确定，请改为导入 PDF 原件'
    : '。此文本含分页符，似为 pdftotext 从 PDF 导出的文字：这种复制不保留表格单元格的先后位置，请改为导入 PDF 原件，或用 pdftotext -layout 重新导出后导入';
}

/** The printed header of a column, for warnings. */
function columnLabel(kind: TableKind, path: string, keys: string[], k: number): string {
  if (kind !== 'proactive') return APPLICANT_COLUMNS[k]?.label ?? String(k + 1);
  for (const f of Object.keys(PROACTIVE) as NationalFormat[]) {
    for (const g of PROACTIVE[f]) {
      if (g.rows.some((r) => r.key === path) && g.columns.map((c) => c.key).join() === keys.join() && g.columns[k]) return g.columns[k]!.label;
    }
  }
  return String(k + 1);
}

function proactiveColumns(stats: Stats, key: string): string[] {
  return Object.keys(stats.proactive[key] ?? {});
}

/** The review/litigation table has no row labels: fifteen values follow its header. */
function readReview(cells: Classified[], stats: Stats, warnings: string[]): number {
  let lastHeader = -1;
  cells.forEach((c, i) => {
    if (c.kind === 'header' || c.kind === 'label') lastHeader = i;
  });
  const values = cells.slice(lastHeader + 1).filter((c): c is Extract<Classified, { kind: 'value' }> => c.kind === 'value');
  const need = REVIEW_GROUPS.length * REVIEW_COLUMNS.length;
  while (values.length > need && values[0]!.value === null) values.shift();
  while (values.length > need && values[values.length - 1]!.value === null) values.pop();
  if (values.length === 0) return 0;
  const last = values[values.length - 1]!;
  if (values.length === need - 1 && last.token.closed) values.push({ token: last.token, kind: 'value', value: null });
  if (values.length !== need) {
    // which cells the figures belong to cannot be told: in order would be a guess
    warnings.push(`行政复议、行政诉讼 table has ${values.length} values for ${need} cells (${values.map((v) => v.value ?? '空').join(' ')}); their columns cannot be told, so the cells are left empty (null)`);
    return 0;
  }
  let k = 0;
  for (const g of REVIEW_GROUPS) {
    const row: Record<string, Cell> = {};
    for (const c of REVIEW_COLUMNS) row[c.key] = values[k++]?.value ?? null;
    stats.reviewLitigation[g.key] = row;
  }
  return Math.min(values.length, need);
}

const KIND_NAMES: Record<TableKind, string> = { proactive: '主动公开', applications: '依申请公开', reviewLitigation: '行政复议、行政诉讼' };
const kindName = (k: TableKind) => KIND_NAMES[k];

/** Cells the template gives a table. */
function templateCells(format: NationalFormat, kind: TableKind): number {
  if (kind === 'proactive') return PROACTIVE[format].reduce((n, g) => n + g.rows.length * g.columns.length, 0);
  if (kind === 'applications') return APPLICATION_ROWS[format].length * APPLICANT_COLUMNS.length;
  return REVIEW_GROUPS.length * REVIEW_COLUMNS.length;
}

/** The template's rows of a table for the label-driven reader, in printed order. */
function looseRows(format: NationalFormat, kind: TableKind): { path: string; row: LooseRow }[] {
  const keys = (label: string) => {
    const bare = labelKey(stripEnumerator(label));
    // a bare 总计 or 其他 is a column header; 部分公开 is often printed without its note
    const out = [labelKey(label), ...(HEADER_SET.has(bare) ? [] : [bare])];
    const short = label.replace(/（[^（）]*）$/, '');
    if (short !== label && short.length >= 4) out.push(labelKey(short));
    return [...new Set(out)];
  };
  if (kind === 'proactive') {
    return PROACTIVE[format].flatMap((g) =>
      g.rows.map((r) => {
        const k = keys(r.label);
        if (r.key === 'normativeDocs') k.push(labelKey(r.label.startsWith('行政') ? '规范性文件' : '行政规范性文件'));
        // the longer spelling first: 规范性文件 is the tail of 行政规范性文件
        k.sort((a, b) => b.length - a.length);
        return { path: r.key, row: { keys: k, label: r.label, columns: g.columns.length, headers: g.columns.map((c) => c.label) } };
      }),
    );
  }
  return APPLICATION_ROWS[format].map((r) => ({
    path: r.path,
    row: { keys: keys(r.label), label: r.label, columns: APPLICANT_COLUMNS.length, headers: ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'] },
  }));
}

/** Label-driven reading (pdf-columns.ts) of one table; fills `stats` and returns what it read. */
function readLooseTable(format: NationalFormat, kind: TableKind, lines: string[], from: number, to: number, stats: Stats): { cells: number; end: number; warnings: string[] } | undefined {
  const tokens = looseTokens(lines, from, to, (t) => parseValue(t));
  const where = kindName(kind);
  if (kind === 'reviewLitigation') {
    // no row labels: the figures after the last header word, up to the first word that is not a figure
    const first = tokens.findIndex((t) => t.value);
    if (first < 0) return undefined;
    if (!tokens.slice(0, first).some((t) => /^(结果|行政复议|总计|尚未|维持|纠正|审结|其他)/.test(t.key))) return undefined;
    const values = [];
    for (let i = first; i < tokens.length && tokens[i]!.value; i++) values.push(tokens[i]!);
    const need = REVIEW_GROUPS.length * REVIEW_COLUMNS.length;
    const warnings: string[] = [];
    if (values.length !== need) {
      warnings.push(`${where}: ${values.length} values for ${need} cells; their columns cannot be told, so the cells are left empty (null): ${values.map((v) => v.text).join(' ')}`);
      return { cells: 0, end: values[values.length - 1]!.line + 1, warnings };
    }
    let k = 0;
    for (const g of REVIEW_GROUPS) {
      const row: Record<string, Cell> = {};
      for (const c of REVIEW_COLUMNS) row[c.key] = values[k++]!.value!.value;
      stats.reviewLitigation[g.key] = row;
    }
    return { cells: need, end: values[values.length - 1]!.line + 1, warnings };
  }
  const defs = looseRows(format, kind);
  const r = readLoose(tokens, defs.map((d) => d.row), where);
  // too few labels found: this is not a table the reader understood
  if (r.found < defs.length / 2) return undefined;
  defs.forEach((d, k) => {
    const values = r.rows[k];
    if (!values) {
      r.warnings.push(`${where}: row "${d.row.label}" was not found; its cells are left empty (null)`);
      return;
    }
    const columns = kind === 'proactive' ? proactiveColumns(stats, d.path) : APPLICANT_COLUMNS.map((c) => c.key);
    const row: Record<string, Cell> = {};
    columns.forEach((key, i) => (row[key] = values[i] ?? null));
    setPath(kind === 'proactive' ? stats.proactive : (stats.applications as Record<string, unknown>), d.path, row);
  });
  return { cells: r.cells, end: r.end, warnings: r.warnings };
}

/**
 * The proactive table's columns printed as blocks of their own (poppler without -layout, a PDF whose
 * columns are narrow): a line holding a column header, then one figure per row of its item, top to
 * bottom (本年新制作数量 / 0 / 0, 现行有效件数 / 0 / 2 after the next table's heading). A header line
 * not followed by figures is a header only. The k-th such block of a column belongs to the k-th
 * item that has it; used only where every item with that column is accounted for, each block has
 * exactly its item's rows, and no figure contradicts a cell already read. Fills empty cells only.
 */
function readColumnBlocks(format: NationalFormat, lines: string[], from: number, to: number, stats: Stats): { cells: number; columns: string[] } {
  const groups = PROACTIVE[format];
  const labels = new Map<string, string>();
  for (const g of groups) for (const c of g.columns) labels.set(labelKey(c.label), c.label);
  const blocks = new Map<string, Cell[][]>();
  for (let i = from; i < to; i++) {
    const key = labelKey(lines[i]!.replace(/\f/g, ''));
    const label = labels.get(key);
    if (!label) continue;
    const figures: Cell[] = [];
    let j = i + 1;
    for (; j < to; j++) {
      const v = parseValue(lines[j]!.replace(/\f/g, ''));
      if (!v || lines[j]!.trim() === '') break;
      figures.push(v.value);
    }
    if (figures.length === 0) continue;
    if (!blocks.has(label)) blocks.set(label, []);
    blocks.get(label)!.push(figures);
    i = j - 1;
  }
  let cells = 0;
  const columns: string[] = [];
  for (const [label, found] of blocks) {
    const owners = groups.filter((g) => g.columns.some((c) => c.label === label));
    if (found.length !== owners.length || owners.some((g, k) => found[k]!.length !== g.rows.length)) continue;
    const at = owners.flatMap((g, k) => {
      const col = g.columns.find((c) => c.label === label)!.key;
      return g.rows.map((r, n) => ({ row: stats.proactive[r.key] as Record<string, Cell>, col, value: found[k]![n]! }));
    });
    // a figure that differs from a cell already read: the blocks are not what they seem
    if (at.some((a) => a.row[a.col] !== null && a.row[a.col] !== a.value)) continue;
    const empty = at.filter((a) => a.row[a.col] === null);
    if (empty.length === 0) continue;
    for (const a of empty) a.row[a.col] = a.value;
    cells += empty.length;
    columns.push(label);
  }
  return { cells, columns };
}

/**
 * Every whitespace-separated figure from a table section's first line up to the first line of prose
 * (a sentence with 。) or the report's next part (五、…). Past that part's heading only the table's
 * own pieces are taken: poppler prints the heading before the last blocks of a table that ends at a
 * page's foot (cells of two characters or less, the review table's header words, and figures), so
 * those lines are `spill`.
 */
const REVIEW_HEADER_TEXT = [...REVIEW_GROUPS, ...REVIEW_COLUMNS].map((d) => d.label).join('|') + '|行政诉讼';
function tableFigures(lines: string[], from: number): { figures: string[]; end: number; spill?: { start: number; end: number } } {
  const figures: string[] = [];
  let end = from;
  let heading = -1;
  let spillEnd = -1;
  for (let i = from; i < lines.length; i++) {
    const line = toHalfWidth(lines[i]!).trim();
    if (/。/.test(line)) break;
    if (/^[五六七八九十]+、/.test(line)) {
      if (heading >= 0) break;
      heading = i;
      continue;
    }
    if (heading >= 0) {
      const piece = line.replace(/[\s|\d]/g, '');
      if (piece.length > 2 && !REVIEW_HEADER_TEXT.includes(piece)) break;
    }
    const found = line.split(/[\s|]+/).filter((word) => /^[+-]?\d+(\.\d+)?$/.test(word));
    figures.push(...found);
    if (heading < 0) end = i + 1;
    else if (found.length > 0) spillEnd = i + 1;
  }
  return { figures, end, ...(spillEnd > heading && heading >= 0 ? { spill: { start: heading + 1, end: spillEnd } } : {}) };
}

interface CellRef {
  row: Record<string, Cell>;
  key: string;
  /** its path in the stats (applications.outcomes.total.natural) */
  path: string;
}

/** The cells of one table, in template order. */
function cellsOf(stats: Stats, kind: TableKind): CellRef[] {
  const out: CellRef[] = [];
  const walk = (o: Record<string, unknown>, path: string) => {
    for (const [k, v] of Object.entries(o)) {
      if (v !== null && typeof v === 'object') walk(v as Record<string, unknown>, `${path}.${k}`);
      else out.push({ row: o as Record<string, Cell>, key: k, path: `${path}.${k}` });
    }
  };
  walk(stats[kind] as unknown as Record<string, unknown>, kind);
  return out;
}

/**
 * The cells no reader could place, when the tables' figures account for them: the figures printed
 * from the first table's heading on (tableFigures), less one for each cell already read, leave
 * exactly one figure per empty cell, all of them equal. Then every empty cell is that figure, in
 * whatever order the copy printed them — a row of 0s whose columns were cut off behind the next
 * table (现行有效件数 after the applications table's heading), the review table's 0s among its
 * headers' pieces. Any doubt fills nothing: a figure read that is not among those printed, a count
 * that is off by one (an empty cell, a page number), two different figures left, or a table that
 * no longer adds up.
 */
function fillRemainder(format: NationalFormat, lines: string[], from: number, stats: Stats): { cells: number; spill?: { start: number; end: number }; warning: string } | undefined {
  const { figures, spill } = tableFigures(lines, from);
  const cells = TABLE_KINDS.flatMap((k) => cellsOf(stats, k));
  const empty = cells.filter((c) => c.row[c.key] === null);
  if (empty.length === 0) return undefined;
  const left = new Map<number, number>();
  for (const f of figures) left.set(Number(f), (left.get(Number(f)) ?? 0) + 1);
  for (const c of cells) {
    const v = c.row[c.key];
    if (v === null) continue;
    if (typeof v !== 'number' || !left.get(v)) return undefined;
    left.set(v, left.get(v)! - 1);
  }
  const remaining = [...left.entries()].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  if (remaining.reduce((n, [, k]) => n + k, 0) !== empty.length) return undefined;
  const failing = () => checkStats(format, stats).filter((c) => c.ok === false).length;
  const before = failing();
  const [value, times] = remaining[0]!;
  if (remaining.length === 1) {
    for (const c of empty) c.row[c.key] = value;
    if (failing() > before) {
      for (const c of empty) c.row[c.key] = null;
      return undefined;
    }
    return {
      cells: empty.length,
      ...(spill ? { spill } : {}),
      warning: `表格文字次序已乱：已读出的单元格之外，恰好剩下 ${empty.length} 个数字、与未读出的单元格数相同且都是 ${value}，故这些单元格均为 ${value}；请核对原件`,
    };
  }
  // a few other figures among them (a 总计 of 2 among 0s): each way of placing those in the empty cells,
  // the rest being the common figure, is tried, and kept only if it alone makes every table add up and
  // every such figure is held by a sum; never for a report whose cells already read do not add up (its
  // sums cannot tell one placing from another)
  const others = remaining.slice(1).flatMap(([v, n]) => Array<number>(n).fill(v));
  if (before > 0 || others.length > MAX_PLACED || times < others.length) return undefined;
  const passing: number[][] = [];
  let tried = 0;
  const place = (at: number[]): boolean => {
    if (at.length === others.length) {
      if (++tried > MAX_PLACINGS) return false;
      for (const c of empty) c.row[c.key] = value;
      at.forEach((e, i) => (empty[e]!.row[empty[e]!.key] = others[i]!));
      if (failing() === 0) passing.push([...at]);
      return passing.length <= 1;
    }
    // equal figures in increasing cells only: each placing once
    const start = at.length > 0 && others[at.length] === others[at.length - 1] ? at[at.length - 1]! + 1 : 0;
    for (let e = start; e < empty.length; e++) {
      if (at.includes(e)) continue;
      if (!place([...at, e])) return false;
    }
    return true;
  };
  const done = place([]);
  for (const c of empty) c.row[c.key] = null;
  if (!done || passing.length !== 1) return undefined;
  for (const c of empty) c.row[c.key] = value;
  passing[0]!.forEach((e, i) => (empty[e]!.row[empty[e]!.key] = others[i]!));
  // each of those figures must be held in its cell by a sum (the cell back at the common figure breaks
  // one): a cell no sum covers (采购项目数量) could take any of them, or a figure a report misprinted
  const held = passing[0]!.every((e, i) => {
    empty[e]!.row[empty[e]!.key] = value;
    const breaks = failing() > 0;
    empty[e]!.row[empty[e]!.key] = others[i]!;
    return breaks;
  });
  if (!held) {
    for (const c of empty) c.row[c.key] = null;
    return undefined;
  }
  const where = passing[0]!.map((e, i) => `${empty[e]!.path} = ${others[i]}`).join('、');
  return {
    cells: empty.length,
    ...(spill ? { spill } : {}),
    warning: `表格文字次序已乱：已读出的单元格之外，恰好剩下 ${empty.length} 个数字，与未读出的单元格数相同；其中 ${others.length} 个不是 ${value}，只有一种放法使各表勾稽关系全部相符（${where}），其余单元格均为 ${value}；请核对原件`,
  };
}

/** At most this many figures other than the common one are placed, and this many placings tried. */
const MAX_PLACED = 3;
const MAX_PLACINGS = 20000;

/**
 * The figures of table sections whose order was lost: every whitespace-separated figure from the
 * first section's heading up to the first line of prose (a sentence with 。) or the report's next
 * part (五、…). One figure per cell of these tables and all of them equal — the usual township
 * table of zeros — admits one reading only, whatever order they were printed in; anything else
 * (a page number, a figure inside a label, an empty cell, two different values) fills nothing.
 */
function readUniform(format: NationalFormat, kinds: TableKind[], lines: string[], from: number, stats: Stats): { cells: number; end: number; warning: string } | undefined {
  const { figures, end } = tableFigures(lines, from);
  const need = kinds.reduce((n, k) => n + templateCells(format, k), 0);
  if (figures.length !== need || new Set(figures).size !== 1) return undefined;
  const value = Number(figures[0]);
  const empty = emptyStats(format);
  for (const kind of kinds) {
    if (kind === 'reviewLitigation') {
      for (const g of REVIEW_GROUPS) stats.reviewLitigation[g.key] = Object.fromEntries(Object.keys(empty.reviewLitigation[g.key] as Record<string, Cell>).map((c) => [c, value]));
      continue;
    }
    for (const d of looseRows(format, kind)) {
      const columns = kind === 'proactive' ? proactiveColumns(stats, d.path) : APPLICANT_COLUMNS.map((c) => c.key);
      setPath(kind === 'proactive' ? stats.proactive : (stats.applications as Record<string, unknown>), d.path, Object.fromEntries(columns.map((c) => [c, value])));
    }
  }
  return {
    cells: need,
    end,
    warning: `${kinds.map(kindName).join('、')}: 表格文字次序已乱，但恰有 ${need} 个数字、与模板单元格数相同且都是 ${figures[0]}，故每个单元格均为 ${figures[0]}；请核对原件`,
  };
}

/**
 * Raw pdftotext of a ruled applications table (LibreOffice's PDF): each row's label is followed by
 * its first figure, the 自然人 column; the other six columns' figures come after, in an order that
 * cannot be trusted, partly after the next table's heading. Each cell is known only when those
 * other figures are exactly the first figures again (the 总计 column) plus zeros, one per cell:
 * then every other applicant column is 0 and 总计 equals 自然人 — the figures admit no other
 * reading, because 总计 is the sum of the six columns and none is negative. The filled table must
 * pass the template's arithmetic checks too. Then the review table is read after the spill.
 */
function readFirstColumn(
  format: NationalFormat,
  lines: string[],
  from: number,
  reviewHeading: number,
  stats: Stats,
): { cells: number; warnings: string[]; review?: { end: number } } | undefined {
  const tokens = looseTokens(lines, from, reviewHeading, (t) => parseValue(t));
  const defs = looseRows(format, 'applications');
  const starts: { first: number; last: number }[] = [];
  let cursor = 0;
  for (const d of defs) {
    const m = matchLabel(tokens, cursor, d.row);
    if (!m) return undefined;
    starts.push(m);
    cursor = m.last + 1;
  }
  // each row's figures, from its label's first piece (a wrapped label may hold its figure between
  // its lines) to the next row's label; a row printed with its figure just above its label line
  // (不予公 4.保护第三方合法权益 after …稳定” 0 / 0) takes the previous row's last one
  const own: number[][] = defs.map((_, k) => {
    const end = k + 1 < defs.length ? starts[k + 1]!.first : tokens.length;
    const at: number[] = [];
    for (let i = starts[k]!.first + 1; i < end; i++) if (tokens[i]!.value) at.push(i);
    return at;
  });
  for (let k = 1; k < own.length; k++) if (own[k]!.length === 0 && own[k - 1]!.length >= 2) own[k]!.push(own[k - 1]!.pop()!);
  const firsts: number[] = [];
  const used = new Set<number>();
  for (const at of own) {
    const v = at.length ? tokens[at[0]!]!.value!.value : null;
    if (typeof v !== 'number') return undefined;
    firsts.push(v);
    used.add(at[0]!);
  }
  const rest: number[] = [];
  for (const [i, t] of tokens.entries()) {
    if (!t.value || used.has(i)) continue;
    if (typeof t.value.value !== 'number') return undefined;
    rest.push(t.value.value);
  }
  // the spill: the figures right after the next heading, before the review table's own words
  let reviewFrom = reviewHeading + 1;
  for (let i = reviewHeading + 1; i < lines.length; i++) {
    const words = toHalfWidth(lines[i]!).trim().split(/[\s|]+/).filter(Boolean);
    if (words.length === 0) continue;
    if (!words.every((w) => /^\d+$/.test(w))) break;
    rest.push(...words.map(Number));
    reviewFrom = i + 1;
  }
  const others = APPLICANT_COLUMNS.length - 1;
  if (rest.length !== defs.length * others) return undefined;
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b).join(',');
  const expected = [...firsts, ...Array<number>(defs.length * (others - 1)).fill(0)];
  if (sorted(rest) !== sorted(expected)) return undefined;
  const trial = structuredClone(stats);
  defs.forEach((d, k) => {
    const row = Object.fromEntries(APPLICANT_COLUMNS.map((c) => [c.key, c.key === APPLICANT_COLUMNS[0]!.key || c.key === 'total' ? firsts[k]! : 0]));
    setPath(trial.applications as Record<string, unknown>, d.path, row);
  });
  if (checkStats(format, trial).some((c) => c.ok === false && !c.id.startsWith('reviewLitigation'))) return undefined;
  stats.applications = trial.applications;
  const warnings = [
    `依申请公开: 表格文字次序已乱；每行的第一个数字（自然人）之后的 ${rest.length} 个数字恰为这些数字再加 0，故其他申请人各栏均为 0、总计等于自然人；请核对原件`,
  ];
  return withReviewAfter(format, lines, reviewFrom, stats, defs.length * APPLICANT_COLUMNS.length, warnings);
}

/** An applications table read from a copy that lost its order, then the review table after its last figures. */
function withReviewAfter(
  format: NationalFormat,
  lines: string[],
  from: number,
  stats: Stats,
  cells: number,
  warnings: string[],
): { cells: number; warnings: string[]; review?: { end: number } } {
  const review = readLooseTable(format, 'reviewLitigation', lines, from, lines.length, stats);
  if (!review || review.cells === 0) return { cells, warnings };
  return { cells: cells + review.cells, warnings: [...warnings, ...review.warnings], review: { end: review.end } };
}

/**
 * A pdftotext copy (its default mode) of a ruled applications table, printed block by block
 * (pdftotext-flow.ts): the figures are read back by bands of rows and kept only if every row and
 * column of the table adds up. The table's last figures may come after the next table's heading,
 * before the review table's own words; the review table is read after them.
 */
function readFlowTable(
  format: NationalFormat,
  lines: string[],
  from: number,
  reviewHeading: number,
  stats: Stats,
): { cells: number; warnings: string[]; review?: { end: number } } | undefined {
  if (!lines.some((l) => l.includes('\f'))) return undefined;
  // the figures after the next heading: blank and figure-only lines, and the headers of the
  // columns they belong to; the review table's first header cell (行政复议) may come first
  const spillWords = new Set([...APPLICANT_COLUMNS.map((c) => c.label), ...FLOW_HEADER_PIECES, '行政复议']);
  let spillEnd = reviewHeading + 1;
  for (let i = reviewHeading + 1; i < lines.length; i++) {
    const line = toHalfWidth(lines[i]!).replace(/\f/g, '').trim();
    if (line && !/^\d+$/.test(line) && !line.split(/\s+/).every((w) => spillWords.has(w))) break;
    spillEnd = i + 1;
  }
  const tokens = [
    ...looseTokens(lines, from, reviewHeading, (t) => parseValue(t)),
    ...looseTokens(lines, reviewHeading + 1, spillEnd, (t) => parseValue(t)),
  ];
  const defs = looseRows(format, 'applications');
  // the heading's own line separates blocks as a blank line would
  const blank = (i: number) => i === reviewHeading || lines[i]!.replace(/\f/g, '').trim() === '';
  const fillRows = (target: Stats, rows: (number | null)[][]) =>
    defs.forEach((d, k) => {
      setPath(target.applications as Record<string, unknown>, d.path, Object.fromEntries(APPLICANT_COLUMNS.map((c, j) => [c.key, rows[k]![j] ?? null])));
    });
  // a reading is kept only if every row's 总计 and every column of the table adds up (with the last
  // page's rows short of some columns: every sum that does not need those cells)
  const addsUp = (rows: (number | null)[][]) => {
    const trial = structuredClone(stats);
    fillRows(trial, rows);
    const short = rows.some((r) => r.some((c) => c === null));
    return !checkStats(format, trial).some((c) => !c.id.startsWith('reviewLitigation') && (c.ok === false || (c.ok === null && !short)));
  };
  const merged = [...new Set(APPLICATION_ROWS[format].flatMap((r) => [r.section, r.group].filter((x): x is string => !!x)))];
  const proactiveHeaders = PROACTIVE[format].flatMap((g) => g.columns.map((c) => c.label));
  const reading = readFlowOrder(tokens, blank, defs.map((d) => d.row), APPLICANT_COLUMNS.length, addsUp, merged, proactiveHeaders);
  if (!reading) return undefined;
  const trial = structuredClone(stats);
  fillRows(trial, reading.rows);
  stats.applications = trial.applications;
  const shortRows = defs.flatMap((d, k) => {
    const left = APPLICANT_COLUMNS.filter((_, j) => reading.rows[k]![j] === null).map((c) => c.label);
    return left.length > 0 ? [`${d.row.label}（${left.join('、')}）`] : [];
  });
  const warnings = [
    shortRows.length === 0
      ? `依申请公开: 此 pdftotext 文本按版面分块输出表格（不按行），已按行块与列块还原；每行总计与各列勾稽关系均相符；请核对原件`
      : `依申请公开: 此 pdftotext 文本按版面分块输出表格（不按行），已按行块与列块还原，各行总计相符；表格最后一页的 ${shortRows.length} 行有列印在下一表格中、无法分辨，其单元格为空 (null): ${shortRows.join('；')}；请核对原件`,
  ];
  // a table short of some cells: their figures stand among the review table's, which is not read here
  const missing = reading.rows.flat().filter((c) => c === null).length;
  if (missing > 0) return { cells: defs.length * APPLICANT_COLUMNS.length - missing, warnings };
  return withReviewAfter(format, lines, spillEnd, stats, defs.length * APPLICANT_COLUMNS.length, warnings);
}
