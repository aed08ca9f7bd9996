/**
 * Plain text → Markdown source that renders back to exactly that text on the
 * report page (Astro's Markdown: CommonMark + GFM + smart punctuation). Used
 * by narrative.ts for every heading and paragraph the importer writes.
 *
 * Escapes what the renderer would read as syntax: list markers (`1.`, `1)`,
 * `-`), rules (`---`), fences (`~~~`, backticks), block quotes, entities
 * (`&lt;`), raw HTML (`<b>`, `<img onerror>`), emphasis, links, strikethrough,
 * and the straight quotes, `--` and `...` smart punctuation would turn into
 * curly quotes and dashes. Bare web addresses become explicit autolinks of
 * the address only, so a GFM literal does not swallow the CJK text after it.
 */
const URL = /https?:\/\/[A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]+/g;

function escapeInline(text: string): string {
  return text
    .replace(/([\\*_`<>\[\]~|!&])/g, '\\$1')
    .replace(/"/g, '\\"')
    .replace(/'/g, "\\'")
    .replace(/-(?=-)/g, '-\\')
    .replace(/\.(?=\.)/g, '.\\');
}

/** A line of text as Markdown inline content, safe at a block start. */
export function markdownText(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(URL)) {
    // trailing ASCII punctuation is the sentence's, not the address's (GFM trims it too)
    const url = m[0].replace(/[.,:;!?'")]+$/, '');
    out += escapeInline(text.slice(last, m.index)) + `<${url}>`;
    last = m.index + url.length;
  }
  out += escapeInline(text.slice(last));
  // block starts: headings, quotes, lists, rules, setext underlines, indented code
  return out
    .replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2')
    .replace(/^([#+=-])/, '\\$1')
    .replace(/^\s+/, '');
}
