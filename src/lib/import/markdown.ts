/**
 * The importer's body writer: narrative blocks (headings, paragraphs, plain
 * tables) → an mdast tree → Markdown through remark-stringify (with GFM), so
 * the report page shows exactly the text (Astro's Markdown: CommonMark + GFM
 * + smart punctuation).
 *
 * remark-stringify escapes what CommonMark and GFM would read as syntax (list
 * markers, rules, fences, quotes, entities, raw HTML, emphasis, links, table
 * pipes, strikethrough). Added to its rules: the straight quotes, `--` and
 * `...` that smart punctuation would turn into curly quotes and dashes, and
 * `www.`/`http` literals. Bare web addresses become explicit autolinks of the
 * address only, so a GFM literal does not swallow the CJK text after it.
 */
import type { Heading, Link, Paragraph, PhrasingContent, Root, RootContent, Table, TableCell, TableRow, Text } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { defaultHandlers } from 'mdast-util-to-markdown';

/**
 * Runs of - and . (as escaped by remark-stringify, which escapes every other one) rewritten so that
 * every mark after the first is escaped: smart punctuation then finds no -- or ... to turn into a
 * dash or an ellipsis.
 */
function punctuationRuns(md: string): string {
  const fix = (mark: string) => (run: string) => {
    const n = run.replace(/\\/g, '').length;
    return (run.startsWith('\\') ? `\\${mark}` : mark) + `\\${mark}`.repeat(n - 1);
  };
  return md.replace(/(?<!\\)(?:\\?-){2,}/g, fix('-')).replace(/(?<!\\)(?:\\?\.){2,}/g, fix('.'));
}

export type Block = { kind: 'heading'; depth: 2 | 3 | 4; text: string } | { kind: 'paragraph'; text: string } | { kind: 'table'; rows: string[][] };

const URL = /https?:\/\/[A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]+/g;

/** Text with its web addresses as links of the address alone (trailing ASCII punctuation stays the sentence's, as GFM trims it). */
function phrasing(text: string): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let last = 0;
  for (const m of text.matchAll(URL)) {
    const url = m[0].replace(/[.,:;!?'")]+$/, '');
    if (m.index > last) out.push({ type: 'text', value: text.slice(last, m.index) } satisfies Text);
    out.push({ type: 'link', url, children: [{ type: 'text', value: url }] } satisfies Link);
    last = m.index + url.length;
  }
  if (last < text.length) out.push({ type: 'text', value: text.slice(last) });
  return out;
}

function node(b: Block): RootContent {
  if (b.kind === 'heading') return { type: 'heading', depth: b.depth, children: phrasing(b.text) } satisfies Heading;
  if (b.kind === 'paragraph') return { type: 'paragraph', children: phrasing(b.text) } satisfies Paragraph;
  const width = Math.max(...b.rows.map((r) => r.length));
  const rows: TableRow[] = b.rows.map((r) => ({
    type: 'tableRow',
    children: Array.from({ length: width }, (_, i): TableCell => ({ type: 'tableCell', children: phrasing(r[i] ?? '') })),
  }));
  return { type: 'table', align: Array(width).fill(null), children: rows } satisfies Table;
}

const processor = unified()
  .use(remarkGfm)
  .use(remarkStringify, {
    bullet: '-',
    fences: true,
    rule: '-',
    // autolinks <http://…> for links whose text is their address
    resourceLink: false,
    handlers: {
      text: (node, parent, state, info) => punctuationRuns(defaultHandlers.text(node as Text, parent, state, info)),
    },
    unsafe: [
      // smart punctuation would curl straight quotes and turn -- and ... into dashes and an ellipsis
      { character: '"', inConstruct: 'phrasing' },
      { character: "'", inConstruct: 'phrasing' },
      // quotes and dashes in table cells, too
      { character: '"', inConstruct: 'tableCell' },
      { character: "'", inConstruct: 'tableCell' },
    ],
  });

/** Blocks → the Markdown body (ends with one newline; empty when there is nothing). */
export function blocksToMarkdown(blocks: Block[]): string {
  if (blocks.length === 0) return '';
  const root: Root = { type: 'root', children: blocks.map(node) };
  return processor.stringify(root);
}

/** One line of text as a Markdown paragraph that renders back to exactly that text. */
export function markdownText(text: string): string {
  return blocksToMarkdown([{ kind: 'paragraph', text }]).replace(/\n$/, '');
}
