/**
 * Chinese search as exact as Ctrl+F. Text is normalised (NFKC: full-width
 * digits, letters and punctuation become half-width; lower case) and cut into
 * runs of letters and digits (Chinese characters are letters); every run is
 * indexed as its distinct characters, pairs and triples. A query term made of
 * one run of at most three characters is answered by the index exactly; a
 * longer one asks for all its triples and the candidates are checked against
 * their text. Used by the indexer, the search page and the benchmark, so all
 * three cut text the same way.
 *
 * 简繁: both sides are folded to simplified characters (src/lib/search/fold.ts), one
 * unit for one unit, so offsets survive.
 *
 * Grams are UTF-16 code units, not code points: a character outside the BMP is
 * two units on both sides, so index and query still agree.
 */

import { noFold, type Fold } from './fold.ts';

export function normalize(text: string, fold: Fold = noFold): string {
  return fold(text.normalize('NFKC').toLowerCase());
}

/**
 * The text a search term must be a substring of: normalised, folded (简繁), whitespace runs
 * as one space. Like Ctrl+F, a match never spans a line or a gap between words.
 */
export function haystack(text: string, fold: Fold = noFold): string {
  return normalize(text, fold).replace(/\s+/g, ' ');
}

/** Runs of letters and digits in normalised text: the units n-grams are cut from. */
export function runs(normalized: string): string[] {
  return normalized.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The longest gram the index holds: terms up to this length need no check against the text. */
export const MAX_GRAM = 3;

/** The grams a query term asks for: all must be in a report that contains the term. */
export function termGrams(term: string): string[] {
  const out = new Set<string>();
  for (const run of runs(term)) {
    if (run.length <= MAX_GRAM) out.add(run);
    else for (let i = 0; i + MAX_GRAM <= run.length; i++) out.add(run.slice(i, i + MAX_GRAM));
  }
  return [...out];
}

/** A term the index answers exactly: one run of letters/digits, no longer than a gram. */
export function isExactTerm(term: string): boolean {
  const r = runs(term);
  return r.length === 1 && r[0] === term && term.length <= MAX_GRAM;
}

export interface ParsedQuery {
  /** The user's terms, normalised; each must occur in a result's text. Terms without a letter or digit are dropped. */
  terms: string[];
  /** Does the index alone decide every term (no check against the text needed)? */
  exact: boolean;
}

/** A query: every whitespace-separated term must match. */
export function parseQuery(query: string, fold: Fold = noFold): ParsedQuery {
  const terms = normalize(query, fold).split(/\s+/).filter((t) => runs(t).length > 0);
  return { terms, exact: terms.every(isExactTerm) };
}

/** Does a (normalised) text contain every term? The Ctrl+F test. */
export function containsAll(text: string, terms: string[], fold: Fold = noFold): boolean {
  const t = haystack(text, fold);
  return terms.every((term) => t.includes(term));
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A text normalised as haystack() does, with where each of its units came from in the
 * original: unit i of `norm` stems from original[start[i] … end[i]). Normalised one
 * character (with its combining marks) at a time, so NFKC changing lengths (① → 1,
 * ㈠ → (一)) and collapsed whitespace keep their place.
 */
export function offsetMap(original: string, fold: Fold = noFold): { norm: string; start: number[]; end: number[] } {
  let norm = '';
  const start: number[] = [];
  const end: number[] = [];
  const chunks = original.match(/\s+|[^\s][\p{M}]*/gsu) ?? [];
  let at = 0;
  for (const c of chunks) {
    const n = /^\s/.test(c) ? ' ' : normalize(c, fold);
    for (let k = 0; k < n.length; k++) {
      norm += n[k];
      start.push(at);
      end.push(at + c.length);
    }
    at += c.length;
  }
  return { norm, start, end };
}

/**
 * A readable excerpt of the report's own text around the first match, every match of a
 * term in <mark>: matches are found in the normalised text, then the original characters
 * are escaped and shown (ＰＤＦ stays ＰＤＦ, 繁體 stays 繁體); a mark never cuts an entity.
 */
export function excerpt(original: string, terms: string[], radius = 40, fold: Fold = noFold): string {
  const { norm, start, end } = offsetMap(original, fold);
  let pos = -1;
  for (const term of terms) {
    const i = norm.indexOf(term);
    if (i !== -1 && (pos === -1 || i < pos)) pos = i;
  }
  pos = Math.max(0, pos);
  const from = Math.max(0, pos - radius);
  const to = Math.min(norm.length, pos + radius * 2);
  if (norm.length === 0) return '';
  const oFrom = start[from]!;
  const oTo = end[to - 1]!;
  // every occurrence of every term inside the window, as original ranges, merged
  const ranges: [number, number][] = [];
  for (const term of terms) {
    if (!term) continue;
    for (let i = norm.indexOf(term, from); i !== -1 && i + term.length <= to; i = norm.indexOf(term, i + 1)) ranges.push([start[i]!, end[i + term.length - 1]!]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([...r]);
  }
  const show = (a: number, b: number) => escapeHtml(original.slice(a, b).replace(/\s+/g, ' '));
  let html = '';
  let at = oFrom;
  for (const [a, b] of merged) {
    html += `${show(at, a)}<mark>${show(a, b)}</mark>`;
    at = b;
  }
  html += show(at, oTo);
  return `${from > 0 ? '…' : ''}${html.trim()}${to < norm.length ? '…' : ''}`;
}

/** The original characters of the first match of any term ('' when none): what a link to the passage names. */
export function firstMatch(original: string, terms: string[], fold: Fold = noFold): string {
  const { norm, start, end } = offsetMap(original, fold);
  let pos = -1;
  let len = 0;
  for (const term of terms) {
    const i = term ? norm.indexOf(term) : -1;
    if (i !== -1 && (pos === -1 || i < pos)) [pos, len] = [i, term.length];
  }
  return pos === -1 ? '' : original.slice(start[pos]!, end[pos + len - 1]!);
}

/**
 * The distinct original spellings of every match of the terms (政務公開 and 政务公开 when a
 * report has both), first match first, at most `limit`: the report page highlights these
 * without needing the 简繁 table.
 */
export function matchForms(original: string, terms: string[], fold: Fold = noFold, limit = 10): string[] {
  const { norm, start, end } = offsetMap(original, fold);
  const found: [number, string][] = [];
  for (const term of terms) {
    if (!term) continue;
    for (let i = norm.indexOf(term); i !== -1; i = norm.indexOf(term, i + 1)) found.push([i, original.slice(start[i]!, end[i + term.length - 1]!)]);
  }
  found.sort((a, b) => a[0] - b[0]);
  return [...new Set(found.map(([, f]) => f))].slice(0, limit);
}
