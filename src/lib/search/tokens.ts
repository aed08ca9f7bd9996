/**
 * Chinese search as exact as Ctrl+F, on Pagefind. Text is normalised (NFKC:
 * full-width digits, letters and punctuation become half-width; lower case),
 * then each run of Chinese characters is written as its overlapping pairs plus
 * its last character (依申请公开 → 依申 申请 请公 公开 开). The same is done to
 * the query, which becomes a quoted phrase of pairs, so a report matches only
 * when it holds the characters in that order. Punctuation stays in the token
 * stream (Pagefind does not index it) so the text can be rebuilt for excerpts
 * and for checking each result. Used by the indexer, the search page and the
 * benchmark, so all three agree.
 */

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;
/** Separates the text from the report's distinct-character list in a record. */
export const CHARS_MARK = '⁂';
/** Stands for a line break in the token stream: Chinese runs never pair across it. */
export const LINE = '↵';

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

type Piece = { kind: 'han' | 'word' | 'punct'; text: string };

function pieces(text: string): Piece[] {
  const out: Piece[] = [];
  for (const m of normalize(text).matchAll(/([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)|((?:(?![\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])[\p{L}\p{N}])+)|(\S)/gu)) {
    if (m[1]) out.push({ kind: 'han', text: m[1] });
    else if (m[2]) out.push({ kind: 'word', text: m[2] });
    else out.push({ kind: 'punct', text: m[3]! });
  }
  return out;
}

/** A run of Chinese characters as pairs plus its last character. */
export function pairs(run: string): string[] {
  const chars = [...run];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  out.push(chars[chars.length - 1]!);
  return out;
}

/** The token stream indexed for a report (its readable text can be rebuilt from it). */
export function encode(text: string, withChars = true): string {
  const tokens: string[] = [];
  const distinct = new Set<string>();
  for (const p of pieces(text)) {
    if (p.kind === 'han') {
      tokens.push(...pairs(p.text));
      for (const c of p.text) distinct.add(c);
    } else tokens.push(p.text);
  }
  // every character once more on its own, so a one-character query finds every report holding it
  if (withChars && distinct.size) tokens.push(CHARS_MARK, ...[...distinct].sort());
  return tokens.join(' ');
}

/** Rebuilds the normalised text from an encoded token stream (whitespace aside). */
export function decode(encoded: string): string {
  let out = '';
  let prevWord = false;
  for (const t of encoded.split(' ')) {
    if (t === CHARS_MARK) break;
    if (!t) continue;
    if (t === LINE) {
      out += ' ';
      prevWord = false;
      continue;
    }
    const chars = [...t];
    if (HAN.test(chars[0]!) && chars.length <= 2 && chars.every((c) => HAN.test(c))) {
      out += chars[0];
      prevWord = false;
    } else if (/^[\p{L}\p{N}]+$/u.test(t)) {
      out += (prevWord ? ' ' : '') + t;
      prevWord = true;
    } else {
      out += t;
      prevWord = false;
    }
  }
  return out;
}

export interface ParsedQuery {
  /** The user's terms, normalised; each must occur in a result's text. */
  terms: string[];
  /** What is sent to Pagefind. */
  pagefind: string;
}

/** A query: every whitespace-separated term must match; Chinese runs as quoted phrases of pairs. */
export function parseQuery(query: string): ParsedQuery {
  const terms = normalize(query).split(/\s+/).filter(Boolean);
  const runs: string[][] = [];
  for (const term of terms) {
    for (const p of pieces(term)) {
      if (p.kind === 'punct') continue;
      runs.push(p.kind === 'han' && [...p.text].length > 1 ? pairs(p.text).slice(0, -1) : [p.text]);
    }
  }
  // Pagefind treats only a wholly quoted query as a phrase: one Chinese run becomes an
  // exact phrase of its pairs; several terms are sent as words (Pagefind requires all
  // of them) and the order inside each term is checked against the text afterwards
  const pagefind = runs.length === 1 && runs[0]!.length > 1 ? `"${runs[0]!.join(' ')}"` : runs.flat().join(' ');
  return { terms, pagefind };
}

/** Does a (normalised, rebuilt) text contain every term? The Ctrl+F test. */
export function containsAll(text: string, terms: string[]): boolean {
  const t = haystack(text);
  return terms.every((term) => t.includes(term));
}

const FULL: Record<string, string> = { ',': '，', ';': '；', ':': '：', '!': '！', '?': '？', '(': '（', ')': '）' };

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A readable excerpt around the first match, with every term in <mark>; HTML-escaped. */
export function excerpt(text: string, terms: string[], radius = 40): string {
  const t = text.replace(/\s+/g, ' ');
  const flat = t.replace(/ /g, '');
  let first = -1;
  for (const term of terms) {
    const i = flat.indexOf(term);
    if (i !== -1 && (first === -1 || i < first)) first = i;
  }
  // map the position in the spaceless text back to t
  let pos = 0;
  if (first > 0) {
    for (let k = 0, seen = 0; k < t.length; k++) {
      if (t[k] !== ' ') seen++;
      if (seen > first) {
        pos = k;
        break;
      }
    }
  }
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
