/**
 * A report's text as HTML with its headings, rendered when its page is built.
 * The content store keeps frontmatter only (src/loaders/reports.ts): rendering
 * here, from the file, keeps report bodies out of both the store and the Vite
 * bundle, so neither grows with the archive.
 *
 * The output is what Astro's own Markdown pipeline gives a .md file: Sätteri
 * with Astro's default options (astro.config sets no `markdown` options; if it
 * ever does, pass them here too), fed the file with its frontmatter blanked out
 * by the archive's own reader (so positions keep their lines).
 * No Astro imports: usable from scripts and tests.
 */
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { createSatteriMarkdownProcessor } from '@astrojs/markdown-satteri';
import type { MarkdownHeading } from 'astro';
import { readFrontmatter, splitFrontmatter } from '../report/frontmatter.ts';
import { FOOTNOTE_LABEL, FOOTNOTE_LABEL_ID, sanitizeHtml } from './sanitize-html.ts';
import { trimAutolinks } from './autolinks.ts';

type Renderer = Awaited<ReturnType<typeof createSatteriMarkdownProcessor>>;

/** One per process: creating it loads the highlighter, far slower than a render. */
let renderer: Promise<Renderer> | undefined;

/**
 * The Markdown after the frontmatter, as the one reader (src/lib/report/frontmatter.ts) splits it, with
 * the frontmatter lines kept as blank lines so positions in the body keep their file lines. A file the
 * reader refuses never gets here: the build validates every file first (so the YAML is not read again,
 * only split off); one without frontmatter to split throws the reader's message.
 */
export function stripFrontmatter(text: string): string {
  const parts = splitFrontmatter(text);
  if (!parts) {
    const r = readFrontmatter(text);
    throw new Error(r.ok ? 'no frontmatter' : r.error.message);
  }
  return `${'\n'.repeat(parts.bodyLine - 1)}${parts.body}`;
}

export interface RenderedBody {
  html: string;
  headings: MarkdownHeading[];
}

/** Renders Markdown text (frontmatter already removed). */
export async function renderMarkdown(markdown: string, file?: string): Promise<RenderedBody> {
  renderer ??= createSatteriMarkdownProcessor();
  const result = await (await renderer).render(markdown, file ? { fileURL: pathToFileURL(file) } : {});
  // rebuilt with only what Markdown itself produces: raw HTML in a report shows as text
  // and a bare web address ends where its ASCII ends (src/lib/site/autolinks.ts)
  const headings = result.metadata.headings.map((h) => (h.slug === FOOTNOTE_LABEL_ID && h.text === 'Footnotes' ? { ...h, text: FOOTNOTE_LABEL } : h));
  return { html: trimAutolinks(sanitizeHtml(result.code)), headings };
}

/** Reads a report file and renders its text. */
export async function renderBody(file: string): Promise<RenderedBody> {
  return renderMarkdown(stripFrontmatter(await readFile(file, 'utf8')), file);
}
