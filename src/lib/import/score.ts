/**
 * Scores one importer result against a hand-written truth file of the real
 * corpus (tests/fixtures/real/<id>/truth.json). Pure: the caller runs the
 * importer and reads the files; this only compares. Used by
 * scripts/bench-import.ts and tests/import/real-corpus.test.ts, so the
 * benchmark and the regression test count the same way.
 */
import { toString } from 'mdast-util-to-string';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Root, RootContent } from 'mdast';

export interface Truth {
  id: string;
  studied: string;
  input: string;
  options: { county?: string; town?: string; year?: number };
  expect: 'import' | 'refuse';
  refusal: string | null;
  meta: Record<string, string | number | null>;
  stats: Record<string, unknown> | null;
  paragraphs: string[];
}

/** The part of an ImportResult the scorer reads (kept structural so tests can pass plain objects). */
export interface ResultLike {
  ok: boolean;
  error?: string;
  data?: Record<string, unknown>;
  content?: string;
}

export interface Miss {
  what: string;
  expected: unknown;
  got: unknown;
}

export interface FileScore {
  id: string;
  producer: string;
  format: string;
  expect: 'import' | 'refuse';
  /** The importer did what truth expects: imported, or refused with the expected words. */
  outcomeRight: boolean;
  error?: string;
  meta: { right: number; total: number; misses: Miss[] };
  cells: { right: number; total: number; misses: Miss[] };
  paragraphs: { right: number; total: number; missing: string[] };
}

/** Whitespace is layout, not text: a paragraph joined across cut lines may gain or lose spaces. */
export const normalise = (s: string): string => s.replace(/[\s\u3000\u00a0]+/g, '');

/** The body of a report file: everything after the closing `---` of the frontmatter. */
export function bodyOf(content: string): string {
  const m = /^---\r?\n[\s\S]*?\r?\n---\r?\n?/.exec(content);
  return m ? content.slice(m[0].length) : content;
}

/**
 * The paragraphs and headings a reader sees in a Markdown body, as text.
 * Lists and block quotes are entered (an importer that turns "1、" lines into
 * list items still keeps their text as paragraphs inside the items).
 */
export function bodyParagraphs(markdown: string): string[] {
  const tree = unified().use(remarkParse).parse(markdown) as Root;
  const out: string[] = [];
  const walk = (nodes: RootContent[]) => {
    for (const n of nodes) {
      if (n.type === 'paragraph' || n.type === 'heading') out.push(toString(n));
      else if ('children' in n && Array.isArray(n.children)) walk(n.children as RootContent[]);
      else if (n.type === 'code') out.push(n.value);
    }
  };
  walk(tree.children);
  return out;
}

/** Every leaf cell of a stats object, as [dotted path, value]. */
export function statCells(stats: unknown, prefix = ''): [string, unknown][] {
  if (stats === null || typeof stats !== 'object') return [[prefix, stats]];
  return Object.entries(stats as Record<string, unknown>).flatMap(([k, v]) =>
    v !== null && typeof v === 'object' ? statCells(v, `${prefix}${k}.`) : [[`${prefix}${k}`, v] as [string, unknown]],
  );
}

function at(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** A frontmatter value as truth writes it: dates as YYYY-MM-DD text, absent as null. */
function plain(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return v === undefined ? null : v;
}

export function scoreFile(truth: Truth, result: ResultLike, producer: string): FileScore {
  const format = String(truth.meta.format ?? 'unknown');
  const score: FileScore = {
    id: truth.id,
    producer,
    format,
    expect: truth.expect,
    outcomeRight: false,
    ...(result.error ? { error: result.error } : {}),
    meta: { right: 0, total: 0, misses: [] },
    cells: { right: 0, total: 0, misses: [] },
    paragraphs: { right: 0, total: 0, missing: [] },
  };
  if (truth.expect === 'refuse') {
    score.outcomeRight = !result.ok && (truth.refusal === null || (result.error ?? '').includes(truth.refusal));
    return score;
  }
  score.outcomeRight = result.ok;
  const data = result.ok ? (result.data ?? {}) : undefined;

  for (const [field, expected] of Object.entries(truth.meta)) {
    score.meta.total++;
    const got = data ? plain(data[field]) : undefined;
    if (data && got === expected) score.meta.right++;
    else score.meta.misses.push({ what: field, expected, got: data ? got : `(refused)` });
  }

  if (truth.stats) {
    for (const [path, expected] of statCells(truth.stats)) {
      score.cells.total++;
      const got = data ? plain(at(data.stats, path)) : undefined;
      if (data && got === expected) score.cells.right++;
      else score.cells.misses.push({ what: path, expected, got: data ? (data.stats ? got : '(no stats)') : '(refused)' });
    }
  }

  const seen = new Set(result.ok && result.content ? bodyParagraphs(bodyOf(result.content)).map(normalise) : []);
  for (const p of truth.paragraphs) {
    score.paragraphs.total++;
    if (seen.has(normalise(p))) score.paragraphs.right++;
    else score.paragraphs.missing.push(p);
  }
  return score;
}

export interface Tally {
  files: number;
  outcomeRight: number;
  meta: [number, number];
  cells: [number, number];
  paragraphs: [number, number];
}

export function tally(scores: FileScore[]): Tally {
  const t: Tally = { files: 0, outcomeRight: 0, meta: [0, 0], cells: [0, 0], paragraphs: [0, 0] };
  for (const s of scores) {
    t.files++;
    if (s.outcomeRight) t.outcomeRight++;
    t.meta[0] += s.meta.right;
    t.meta[1] += s.meta.total;
    t.cells[0] += s.cells.right;
    t.cells[1] += s.cells.total;
    t.paragraphs[0] += s.paragraphs.right;
    t.paragraphs[1] += s.paragraphs.total;
  }
  return t;
}

/** Share right, 1 when there was nothing to get right (so an empty class never fails a threshold). */
export const share = ([right, total]: [number, number]): number => (total ? right / total : 1);

/** Scores grouped by a key (producer, format, or both). */
export function groupBy(scores: FileScore[], key: (s: FileScore) => string): Map<string, Tally> {
  const groups = new Map<string, FileScore[]>();
  for (const s of scores) {
    const k = key(s);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(s);
  }
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, tally(v)]));
}

const pct = (p: [number, number]) => (p[1] ? `${((100 * p[0]) / p[1]).toFixed(1)} % (${p[0]}/${p[1]})` : '—');

/** A Markdown table of tallies, one row per group. */
export function markdownTable(title: string, groups: Map<string, Tally>): string {
  const rows = [...groups].map(
    ([k, t]) => `| ${k} | ${t.files} | ${t.outcomeRight}/${t.files} | ${pct(t.meta)} | ${pct(t.cells)} | ${pct(t.paragraphs)} |`,
  );
  return [
    `| ${title} | files | outcome right | metadata exact | statutory cells exact | paragraphs whole |`,
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** Kinds of failure over all files, most frequent first (for the report to the importer's owners). */
export function failureKinds(scores: FileScore[]): [string, number][] {
  const kinds = new Map<string, number>();
  const add = (k: string) => kinds.set(k, (kinds.get(k) ?? 0) + 1);
  for (const s of scores) {
    if (!s.outcomeRight) add(s.expect === 'refuse' ? 'imported (or wrong refusal) where truth refuses' : `refused: ${(s.error ?? '').replace(/"[^"]*"|\d+/g, '…').slice(0, 80)}`);
    for (const m of s.meta.misses) if (s.outcomeRight) add(`meta.${m.what} wrong`);
    const tables = new Set(s.cells.misses.map((m) => m.what.split('.')[0]!));
    if (s.outcomeRight) for (const t of tables) add(`stats.${t}: cells wrong (${s.cells.misses.some((m) => m.got === '(no stats)') ? 'no stats' : 'some cells'})`);
    if (s.outcomeRight && s.paragraphs.missing.length) add('paragraphs not kept whole');
  }
  return [...kinds].sort((a, b) => b[1] - a[1]);
}
