/** /reports/<id>/report.md: the report's Markdown source exactly as archived. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { APIRoute, GetStaticPaths } from 'astro';
import { contentDir } from '../../../lib/paths.ts';
import { reportsToRender } from '../../../utils/collection.ts';

export const getStaticPaths: GetStaticPaths = async () => (await reportsToRender()).map((e) => ({ params: { id: e.id } }));

export const GET: APIRoute = async ({ params }) =>
  new Response(await readFile(path.join(contentDir(), `${params.id}.md`)), { headers: { 'Content-Type': 'text/markdown; charset=utf-8' } });
