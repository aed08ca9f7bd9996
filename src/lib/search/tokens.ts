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
 * Grams are UTF-16 code units, not code points: a character outside the BMP is
 * two units on both sides, so index and query still agree.
 */

export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/**
 * The text a search term must be a substring of: normalised, whitespace runs
 * as one space. Like Ctrl+F, a match never spans a line or a gap between words.
 */
export function haystack(text: string): string {
  return normalize(text).replace(/\s+/g, ' ');
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
export function parseQuery(query: string): ParsedQuery {
  const terms = normalize(query).split(/\s+/).filter((t) => runs(t).length > 0);
  return { terms, exact: terms.every(isExactTerm) };
}

/** Does a (normalised) text contain every term? The Ctrl+F test. */
export function containsAll(text: string, terms: string[]): boolean {
  const t = haystack(text);
  return terms.every((term) => t.includes(term));
}

const FULL: Record<string, string> = { ',': '，', ';': '；', ':': '：', '!': '！', '?': '？', '(': '（', ')': '）' };

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A readable excerpt of normalised text around the first match, with every term in <mark>; HTML-escaped. */
export function excerpt(text: string, terms: string[], radius = 40): string {
  const t = text.replace(/\s+/g, ' ');
  let pos = -1;
  for (const term of terms) {
    const i = t.indexOf(term);
    if (i !== -1 && (pos === -1 || i < pos)) pos = i;
  }
  pos = Math.max(0, pos);
  const start = Math.max(0, pos - radius);
  const end = Math.min(t.length, pos + radius * 2);
  // NFKC made Chinese punctuation half-width; show it full-width again next to Chinese text
  let html = escapeHtml(t.slice(start, end).replace(/(?<=[^\x00-\x7f]|^)[,;:!?()]|[,;:!?()](?=[^\x00-\x7f])/g, (m) => FULL[m] ?? m));
  for (const term of [...terms].sort((a, b) => b.length - a.length)) {
    const e = escapeHtml(term);
    if (e) html = html.split(e).join(`\u0000${e}\u0001`);
  }
  html = html.replace(/\u0000/g, '<mark>').replace(/\u0001/g, '</mark>').replace(/<\/mark><mark>/g, '');
  return `${start > 0 ? '…' : ''}${html}${end < t.length ? '…' : ''}`;
}
