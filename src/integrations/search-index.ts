/**
 * Writes the Pagefind search index after the build (astro:build:done), from
 * the built report pages, through Pagefind's Node API with custom records
 * (src/lib/search): Chinese is indexed as character pairs so that search is
 * as exact as Ctrl+F. Town, year and region pages are not indexed.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { close, createIndex } from 'pagefind';
import { pagefindRecord, recordFromHtml } from '../lib/search/records.ts';

async function reportPages(dir: string): Promise<string[]> {
  const root = path.join(dir, 'reports');
  const out: string[] = [];
  for (const town of await readdir(root).catch(() => [] as string[])) {
    for (const year of await readdir(path.join(root, town)).catch(() => [] as string[])) {
      out.push(path.join(root, town, year, 'index.html'));
    }
  }
  return out.sort();
}

const check = (what: string, r: { errors: string[] }) => {
  if (r.errors.length) throw new Error(`pagefind ${what}: ${r.errors.join('; ')}`);
};

export default function searchIndex(): AstroIntegration {
  return {
    name: 'nianbao:search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const started = Date.now();
        const { index, errors } = await createIndex({ forceLanguage: 'und' });
        check('createIndex', { errors });
        try {
          let n = 0;
          for (const file of await reportPages(out)) {
            const record = recordFromHtml(await readFile(file, 'utf8').catch(() => ''));
            if (!record) continue;
            check(`addCustomRecord ${record.id}`, await index!.addCustomRecord(pagefindRecord(record)));
            n++;
          }
          check('writeFiles', await index!.writeFiles({ outputPath: path.join(out, 'pagefind') }));
          logger.info(`indexed ${n} reports for search in ${Date.now() - started} ms`);
        } finally {
          await close();
        }
      },
    },
  };
}
