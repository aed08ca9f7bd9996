/**
 * Writes the Pagefind search index after the build (astro:build:done), from
 * the built report pages, through Pagefind's Node API with custom records
 * (src/lib/search): Chinese is indexed as character pairs so that search is
 * as exact as Ctrl+F. Town, year and region pages are not indexed.
 *
 * Large archives are split into shards of SEARCH_SHARD_SIZE reports (default
 * 4000): each shard is its own Pagefind index, written and closed before the
 * next starts, so indexing memory stays bounded; the search page merges them
 * (mergeIndex), listed in pagefind-shards.json.
 */
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { close, createIndex } from 'pagefind';
import { pagefindRecord, recordFromHtml } from '../lib/search/records.ts';

export const SHARDS_FILE = 'pagefind-shards.json';

async function reportPages(dir: string): Promise<string[]> {
  const root = path.join(dir, 'reports');
  const out: string[] = [];
  for (const town of await readdir(root).catch(() => [] as string[])) {
    for (const year of await readdir(path.join(root, town)).catch(() => [] as string[])) {
      if (/^\d{4}$/.test(year)) out.push(path.join(root, town, year, 'index.html'));
    }
  }
  return out.sort();
}

const check = (what: string, r: { errors: string[] }) => {
  if (r.errors.length) throw new Error(`pagefind ${what}: ${r.errors.join('; ')}`);
};

async function writeShard(files: string[], outputPath: string): Promise<number> {
  const { index, errors } = await createIndex({ forceLanguage: 'und' });
  check('createIndex', { errors });
  let n = 0;
  try {
    // read and parse a few pages ahead while Pagefind indexes the previous ones
    const BATCH = 32;
    for (let i = 0; i < files.length; i += BATCH) {
      const records = await Promise.all(files.slice(i, i + BATCH).map(async (f) => recordFromHtml(await readFile(f, 'utf8').catch(() => ''))));
      const added = await Promise.all(records.filter((r) => r !== undefined).map((r) => index!.addCustomRecord(pagefindRecord(r!))));
      for (const a of added) check('addCustomRecord', a);
      n += added.length;
    }
    check('writeFiles', await index!.writeFiles({ outputPath }));
  } finally {
    // closing stops Pagefind's process, so each shard's memory is returned before the next
    await close();
  }
  return n;
}

export default function searchIndex(): AstroIntegration {
  return {
    name: 'nianbao:search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const started = Date.now();
        const shardSize = Math.max(1, Number(process.env['SEARCH_SHARD_SIZE'] || 4000));
        const files = await reportPages(out);
        const shards: string[] = [];
        let n = 0;
        await rm(path.join(out, 'pagefind-shards'), { recursive: true, force: true });
        for (let i = 0; i * shardSize < files.length || i === 0; i++) {
          const rel = i === 0 ? 'pagefind' : `pagefind-shards/${i}`;
          n += await writeShard(files.slice(i * shardSize, (i + 1) * shardSize), path.join(out, rel));
          if (i > 0) shards.push(`${rel}/`);
        }
        await writeFile(path.join(out, SHARDS_FILE), `${JSON.stringify({ shards })}\n`);
        logger.info(`indexed ${n} reports for search in ${Date.now() - started} ms (${shards.length + 1} index${shards.length ? 'es' : ''})`);
      },
    },
  };
}
