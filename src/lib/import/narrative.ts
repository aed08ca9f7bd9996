/**
 * Narrative text → Markdown: 一、 / （一） / 1. section titles become headings,
 * paragraphs are kept one per line, a report that arrived as one long line is
 * split back into sections, and the closing signature block stays as it is.
 * Used by the importer (index.ts).
 */
import { blocksToMarkdown, type Block } from './markdown.ts';

const H2 = /^[一二三四五六七八九十]+[、.．]/;
const H3 = /^[（(]\s*[一二三四五六七八九十]+\s*[)）]/;
const H4 = /^\d{1,2}[、.．](?!\d)/;

/** Heading level of a line (2, 3, 4) or 0 for a paragraph. A long sentence that starts with an enumerator is a paragraph. */
export function headingLevel(line: string): number {
  const t = line.trim();
  const level = H2.test(t) ? 2 : H3.test(t) ? 3 : H4.test(t) ? 4 : 0;
  if (!level) return 0;
  const body = t.replace(/[。；;]$/, '');
  if (body.length > 40 || /[。；;]/.test(body)) return 0;
  // a heading is a title, not a figure: （三）申请答复数。12 is a sentence
  if (level === 4 && /[，,：:]/.test(body) && body.length > 20) return 0;
  return level;
}

/** Splits a very long line at the section enumerators it swallowed. */
export function splitRunOn(line: string): string[] {
  if (line.length < 300) return [line];
  return line
    // before 一、 / （一） that follow the end of a sentence or a title
    .replace(/(?<=[。；!！?？:：\u4e00-\u9fa5)）])\s*(?=[一二三四五六七八九十]{1,2}、|[（(][一二三四五六七八九十]{1,2}[)）])/g, '\n')
    .split('\n')
    // a section title glued to its first sentence: 七、……改进情况2019年，……
    .flatMap((piece) => {
      // …or followed by a space (一、总体情况 2022年，…): then the space ends it, not an earlier 问题 of 问题及改进情况
      // (the first section of a pre-2019 report is often just 概述 / 概况: 一、概述 在县委…)
      const spaced = /^((?:[一二三四五六七八九十]{1,2}、|[（(][一二三四五六七八九十]{1,2}[)）])(?:[^。；，,\s]{2,30}(?:情况|问题|事项|措施|打算|计划)|概述|概况))\s+(?=\S)/.exec(piece);
      if (spaced) return [spaced[1]!, piece.slice(spaced[0].length)];
      const m = /^((?:[一二三四五六七八九十]{1,2}、|[（(][一二三四五六七八九十]{1,2}[)）])[^。；，,\s]{2,30}(?:情况|问题|事项|措施|打算|计划))(?=[^\s。；，,)）])/.exec(piece);
      return m ? [m[1]!, piece.slice(m[1]!.length)] : [piece];
    })
    .map((s) => s.trim())
    .filter(Boolean);
}

export interface NarrativeLine {
  /** Input line number (1-based) this output came from. */
  source: number;
  text: string;
  /** Every input line a joined paragraph came from. */
  from?: number[];
}

/** Width as printed: a CJK or full-width character takes two columns, anything else one. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2010-\u2027\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return w;
}

/**
 * The page width a text was cut at (PDF text, pdftotext, some web copies), or 0 when its lines
 * are whole paragraphs: the most common length of the longer lines (±1), when at least a quarter
 * of them have it (a Word file's paragraphs vary far more). A PDF's lines are known to be cut at
 * the page and are measured as printed (displayWidth, ±2: one CJK character): two lines of the
 * same width suffice, so a short report's few long paragraphs are joined too.
 */
export function cutWidth(lines: NarrativeLine[], opts: { pageCut?: boolean } = {}): number {
  const measure = lineMeasure(opts);
  const lens = lines.map((l) => measure(l.text.trim())).filter((n) => n >= (opts.pageCut ? 30 : 15));
  if (lens.length < (opts.pageCut ? 2 : 6)) return 0;
  const slack = opts.pageCut ? 2 : 1;
  const count = new Map<number, number>();
  for (const n of lens) for (let k = n - slack; k <= n + slack; k++) count.set(k, (count.get(k) ?? 0) + 1);
  const [width, times] = [...count.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]!;
  return times >= (opts.pageCut ? 2 : Math.max(4, lens.length / 4)) ? width + slack : 0;
}

const lineMeasure = (opts: { pageCut?: boolean }) => (opts.pageCut ? displayWidth : (s: string) => s.length);

const LATIN_END = /[A-Za-z0-9,.;:%)]$/;
const LATIN_START = /^[A-Za-z0-9(]/;

/**
 * What a line cannot be broken before: a Latin word, address or number with the punctuation after
 * it (www.zoucheng.gov.cn）, 67138130）。), else one character with the closing marks that may not
 * start a line (量，), either after the opening marks that may not end one (《关).
 */
function firstUnit(text: string): string {
  // opening marks may not end a line either: they go down with what follows them (《关 of 《关于…》)
  const opening = /^[（(「『“‘《〈【〔［\[]*/u.exec(text)![0];
  const rest = text.slice(opening.length);
  return opening + (/^[A-Za-z0-9./:@%_\-—–~?=&#+]+[）)」』”’，。、；：！？,.;:!?]*/.exec(rest)?.[0] ?? /^.[）)」』”’，。、；：！？]*/u.exec(rest)?.[0] ?? '');
}

/** Lines cut at the page width joined back into paragraphs (CJK without a space, Latin words with one). */
export function joinCutLines(lines: NarrativeLine[], opts: { pageCut?: boolean } = {}): NarrativeLine[] {
  const width = cutWidth(lines, opts);
  const measure = lineMeasure(opts);
  // a line that reaches the cut width (within a CJK character and a space or two, as printed) went on
  const reach = opts.pageCut ? 5 : 2;
  if (!width) return lines;
  const out: (NarrativeLine & { last: number })[] = [];
  for (const l of lines) {
    const text = l.text.trim();
    const prev = out[out.length - 1];
    const lastLen = prev ? prev.last : 0;
    if (
      prev &&
      // a PDF's paragraph may go on over a page break (the blank line or page number between is gone)
      (l.source === prev.source + 1 || (opts.pageCut && l.source > prev.source && l.source <= prev.source + 3)) &&
      // the line reached the width, or the next line's first word would not have fitted on it
      (lastLen >= width - reach || (opts.pageCut && lastLen + measure(firstUnit(text)) >= width - 2)) &&
      !/[。！？!?：:.]$/.test(prev.text) &&
      // the signature block (agency, date) is its own lines
      !/^.{2,24}(人民政府|办事处)$|^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$/.test(text) &&
      headingLevel(text) === 0 &&
      headingLevel(prev.text) === 0
    ) {
      prev.text += (LATIN_END.test(prev.text) && LATIN_START.test(text) ? ' ' : '') + text;
      prev.source = l.source;
      prev.last = measure(text);
      (prev as { from?: number[] }).from!.push(l.source);
      continue;
    }
    out.push({ source: l.source, text, last: measure(text), from: [l.source] } as NarrativeLine & { last: number });
  }
  return out.map((l) => ({ source: (l as { from?: number[] }).from![0]!, text: l.text, from: (l as { from?: number[] }).from! }));
}

/** Cells of a `| a | b |` line (tables the extractors wrote that are not statutory), or undefined. */
function pipeCells(text: string): string[] | undefined {
  const t = text.trim();
  if (!/^\|.*\|$/.test(t) || t.length < 3) return undefined;
  return t.slice(1, -1).split('|').map((c) => c.trim());
}

/** Builds the Markdown body; returns it and which input lines it kept. */
export function toMarkdown(input: NarrativeLine[], opts: { pageCut?: boolean } = {}): { markdown: string; kept: Set<number> } {
  const blocks: Block[] = [];
  const kept = new Set<number>();
  let table: { rows: string[][]; last: number } | undefined;
  for (const { source, text, from } of joinCutLines(input, opts)) {
    // consecutive table rows (from a Word or web page table that is not a statutory one) stay a table
    const cells = pipeCells(text);
    if (cells && cells.length >= 2) {
      if (table && source === table.last + 1) table.rows.push(cells);
      else blocks.push({ kind: 'table', rows: (table = { rows: [cells], last: source }).rows });
      table.last = source;
      kept.add(source);
      continue;
    }
    table = undefined;
    for (const s of from ?? []) kept.add(s);
    for (const piece of splitRunOn(text.trim())) {
      if (!piece) continue;
      const level = headingLevel(piece);
      const clean = piece.replace(/\s{2,}/g, ' ');
      blocks.push(level ? { kind: 'heading', depth: level as 2 | 3 | 4, text: clean } : { kind: 'paragraph', text: clean });
      kept.add(source);
    }
  }
  return { markdown: blocksToMarkdown(blocks), kept };
}
