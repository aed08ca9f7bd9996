/**
 * The one content collection: every report is content/reports/<town-slug>/<year>.md
 * and its id is "<town-slug>/<year>". The schema is the archive's contract
 * (src/lib/schema.ts), so bad frontmatter fails the build naming file and field.
 * The loader stores data only; report pages render their own Markdown
 * (src/loaders/reports.ts says why).
 */
import { defineCollection } from 'astro:content';
import { reportsLoader } from './loaders/reports.ts';
import { reportSchema } from './lib/schema.ts';

const reports = defineCollection({
  loader: reportsLoader(),
  schema: reportSchema,
});

export const collections = { reports };
