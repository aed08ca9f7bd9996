/**
 * Writes the search index after the build (astro:build:done) from the built
 * report pages: each page's data-pagefind-body region (src/lib/search/records)
 * becomes a report of the index (src/lib/search/index-build), written as the
 * static files of src/lib/search/index-format. Town, year and region pages are
 * not indexed.
 *
 * Reports are indexed in parts of SEARCH_SHARD_SIZE (default 50,000); each
 * part is written before the next starts, so memory stays bounded, and the
 * search page queries every part listed in search-index/parts.json, which also
 * lists other sites' parts (extraSearchIndexes in src/site.config.ts) for an
 * archive built as several sites.
 */
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { AstroIntegration } from 'astro';
import { PartBuilder } from '../lib/search/index-build.ts';
import { FORMAT_VERSION, INDEX_DIR, PARTS_FILE } from '../lib/search/index-format.ts';
import { recordFromHtml } from '../lib/search/records.ts';
import { site } from '../site.config.ts';

async function reportPages(dir: string): Promise<string[]> {
  const root = path.join(dir, 'reports');
  const out: string[] = [];
  for (const town of await readdir(root).catch(() => [] as string[])) {
    for (const year of await readdir(path.join(root, town)).catch(() => [] as string[])) {
      if (/^\d{4}$/.test(year)) out.push(path.join(root, town, year, 'index.html'));
    }
  }
  // the id order (town slug, then year) keeps each town's reports together in the index
  return out.sort();
}

const gz = (data: string | Uint8Array) => gzipSync(data, { level: 6 });

/** Writes one part; returns its report count, gram count and bytes. */
async function writePart(files: string[], dir: string) {
  const builder = new PartBuilder();
  await mkdir(path.join(dir, 'd'), { recursive: true });
  await mkdir(path.join(dir, 'b'), { recursive: true });
  let doc = 0;
  let bytes = 0;
  const BATCH = 64;
  const read = (i: number) => Promise.all(files.slice(i, i + BATCH).map((f) => readFile(f, 'utf8')));
  let next = read(0);
  for (let i = 0; i < files.length; i += BATCH) {
    const pages = await next;
    // the next pages are read while these are indexed
    next = read(i + BATCH);
    const writes: Promise<void>[] = [];
    pages.forEach((html, k) => {
      const r = recordFromHtml(html);
      if (!r) throw new Error(`search index: ${files[i + k]} has no data-pagefind-body region`);
      const data = gz(JSON.stringify(builder.addReport(r)));
      bytes += data.length;
      writes.push(writeFile(path.join(dir, 'd', `${doc++}.bin`), data));
    });
    await Promise.all(writes);
  }
  const { table, buckets, grams } = builder.finish();
  const tableBytes = gz(JSON.stringify(table));
  await writeFile(path.join(dir, 'part.bin'), tableBytes);
  bytes += tableBytes.length;
  for (let i = 0; i < buckets.length; i += BATCH) {
    await Promise.all(
      buckets.slice(i, i + BATCH).map((b, k) => {
        const data = gz(b);
        bytes += data.length;
        return writeFile(path.join(dir, 'b', `${i + k}.bin`), data);
      }),
    );
  }
  return { reports: table.n, grams, buckets: buckets.length, bytes };
}

export default function searchIndex(): AstroIntegration {
  return {
    name: 'nianbao:search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const started = Date.now();
        const partSize = Math.max(1, Number(process.env['SEARCH_SHARD_SIZE'] || 50_000));
        const files = await reportPages(out);
        const root = path.join(out, INDEX_DIR);
        await rm(root, { recursive: true, force: true });
        const parts: string[] = [];
        const figures: string[] = [];
        for (let i = 0; i * partSize < files.length || i === 0; i++) {
          const p = await writePart(files.slice(i * partSize, (i + 1) * partSize), path.join(root, String(i)));
          parts.push(`${i}/`);
          figures.push(`${p.reports} reports, ${p.grams} grams in ${p.buckets} buckets, ${(p.bytes / 1048576).toFixed(1)} MiB`);
        }
        const extra = process.env['SEARCH_EXTRA_INDEXES']?.split(',').filter(Boolean) ?? site.extraSearchIndexes;
        await writeFile(path.join(out, PARTS_FILE), `${JSON.stringify({ version: FORMAT_VERSION, parts: [...parts, ...extra] })}\n`);
        logger.info(`indexed ${files.length} reports for search in ${Date.now() - started} ms (${parts.length} part${parts.length > 1 ? 's' : ''}: ${figures.join('; ')})`);
      },
    },
  };
}
