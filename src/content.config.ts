/**
 * The one content collection: every report is content/reports/<town-slug>/<year>.md
 * and its id is "<town-slug>/<year>". The schema is the archive's contract
 * (src/lib/schema.ts), so bad frontmatter fails the build naming file and field.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { reportSchema } from './lib/schema.ts';
import { contentDir } from './lib/paths.ts';

const reports = defineCollection({
  loader: glob({
    pattern: '*/*.md',
    base: contentDir(),
    // The id is the path without ".md", exactly as on disk: never slugified again.
    generateId: ({ entry }) => entry.replace(/\.md$/, ''),
    // render Markdown when its page is built, not during content sync: the content store is
    // one JSON document, and with every report's HTML in it a large archive (≈ 20,000 reports)
    // exceeds the longest string JavaScript can hold
    deferRender: true,
  }),
  schema: reportSchema,
});

export const collections = { reports };
