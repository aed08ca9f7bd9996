/**
 * Writes the search index after the build (astro:build:done) from the reports'
 * data: each report's record (src/lib/search/report-record.ts, the text its
 * page's data-pagefind-body region shows, built without reading the page)
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
import { createHash } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import type { AstroIntegration } from 'astro';
import { incrementalState } from '../lib/build/incremental.ts';
import { DICT_SAMPLE } from '../lib/search/doc-pack.ts';
import { PartBuilder } from '../lib/search/index-build.ts';
import { FORMAT_VERSION, INDEX_DIR, PARTS_FILE } from '../lib/search/index-format.ts';
import type { SearchRecord } from '../lib/search/records.ts';
import { readSettings } from '../lib/settings.ts';
import type { IndexedReport, RecordCache } from './search-records-worker.ts';
import { pruneRecords, recordCacheDir, recordKey } from '../lib/build/record-cache.ts';

/**
 * Every report of the build (rendered or kept), as the report pages listed them: their ids are their
 * pages' paths (an old id of content/redirects.yml is a redirect page, never an entry).
 */
function reportsToIndex(fingerprint: string | undefined): IndexedReport[] {
  const all = incrementalState().reports;
  if (!all) throw new Error('search index: the report pages did not list the reports (src/utils/collection.ts loadReports)');
  // the id order (town slug, then year) keeps each town's reports together in the index
  return all
    .map((r) => ({ id: r.id, data: r.data, file: path.resolve(r.filePath), ...(fingerprint && r.digest ? { key: recordKey(fingerprint, r.id, r.digest) } : {}) }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The build's record cache (src/lib/build/record-cache.ts): kept by every `astro build` with a
 * fingerprint (not NIANBAO_FULL_BUILD=1), read only by an incremental one (the last build's cache
 * matched and reports were kept), so a full build renders every text whatever the folder holds.
 */
function recordCache(root: string): RecordCache | undefined {
  const s = incrementalState();
  if (!s.outDir || !s.fingerprint) return undefined;
  // (a build whose output folder was emptied since keeps no report: it is a full build)
  return { dir: recordCacheDir(root, s.outDir), read: !!s.previous && s.kept.size > 0 };
}

const gz = (data: string | Uint8Array) => gzipSync(data, { level: 6 });

/** Reports per batch handed from the worker thread. */
const BATCH = 64;

type Batch = { records?: SearchRecord[]; bytes?: number; hash?: string; reused?: number; error?: string };

/**
 * The worker thread (search-records-worker.ts), one for the whole build. Loading the text renderer
 * (Sätteri and its code highlighter) takes it a few hundred milliseconds, so it is started with the
 * build and loads while Astro bundles and renders on the other core; unreferenced until the index
 * is built, so a build that fails before then is not kept alive by it.
 */
function startWorker(): { worker: Worker; failed: () => Error | undefined } {
  const worker = new Worker(new URL('./search-records-worker.ts', import.meta.url));
  let failed: Error | undefined;
  worker.on('error', (e) => (failed = e));
  worker.unref();
  return { worker, failed: () => failed };
}

/**
 * Records of the given reports, in order, from the worker thread, which also writes
 * the reports' d/<i>.bin files into dir (and says how many bytes it wrote); two
 * batches ahead. Each request carries its batch's reports (the worker never holds
 * a part's data at once); the part's first DICT_SAMPLE go with the part, for its
 * text dictionary.
 */
async function* recordsFromWorker(
  { worker, failed: startFailed }: ReturnType<typeof startWorker>,
  reports: IndexedReport[],
  dir: string,
  cache: RecordCache | undefined,
): AsyncGenerator<{ records: SearchRecord[]; bytes: number; hash: string; reused: number }> {
  const ask = (k: number) => worker.postMessage({ batch: k, from: k * BATCH, reports: reports.slice(k * BATCH, (k + 1) * BATCH) });
  const batches = Math.ceil(reports.length / BATCH);
  const waiting = new Map<number, (m: Batch) => void>();
  const arrived = new Map<number, Batch>();
  const onMessage = (m: Batch & { batch: number }) => {
    const w = waiting.get(m.batch);
    if (w) w(m);
    else arrived.set(m.batch, m);
  };
  let failed = startFailed();
  const onError = (e: Error) => {
    failed = e;
    for (const w of waiting.values()) w({ error: e.message });
  };
  worker.on('message', onMessage);
  worker.on('error', onError);
  try {
    if (failed) throw failed;
    worker.postMessage({ part: { dir, sample: reports.slice(0, DICT_SAMPLE), cache } });
    for (let k = 0; k < Math.min(2, batches); k++) ask(k);
    for (let k = 0; k < batches; k++) {
      if (failed) throw failed;
      const m = arrived.get(k) ?? (await new Promise<Batch>((r) => waiting.set(k, r)));
      arrived.delete(k);
      waiting.delete(k);
      if (m.error) throw new Error(m.error);
      if (k + 2 < batches) ask(k + 2);
      yield { records: m.records!, bytes: m.bytes!, hash: m.hash!, reused: m.reused ?? 0 };
    }
  } finally {
    worker.off('message', onMessage);
    worker.off('error', onError);
  }
}

/**
 * Writes one part into dir; returns its report count, gram count, bytes and a hash of
 * all its files (the caller names the folder by it, so no cached file of another build
 * is ever taken for one of this build).
 */
async function writePart(thread: ReturnType<typeof startWorker>, reports: IndexedReport[], dir: string, cache: RecordCache | undefined) {
  const hash = createHash('sha256');
  const builder = new PartBuilder();
  await mkdir(path.join(dir, 'd'), { recursive: true });
  await mkdir(path.join(dir, 'b'), { recursive: true });
  let bytes = 0;
  let reused = 0;
  for await (const batch of recordsFromWorker(thread, reports, dir, cache)) {
    for (const r of batch.records) builder.addReport(r);
    bytes += batch.bytes;
    reused += batch.reused;
    hash.update(batch.hash);
  }
  const { table, names, buckets, grams } = builder.finish();
  const tableBytes = gz(JSON.stringify(table));
  const nameBytes = gz(JSON.stringify(names));
  await writeFile(path.join(dir, 'part.bin'), tableBytes);
  await writeFile(path.join(dir, 'names.bin'), nameBytes);
  bytes += tableBytes.length + nameBytes.length;
  hash.update(tableBytes);
  hash.update(nameBytes);
  for (let i = 0; i < buckets.length; i += 64) {
    const packed = buckets.slice(i, i + 64).map(gz);
    bytes += packed.reduce((n, b) => n + b.length, 0);
    for (const b of packed) hash.update(b);
    await Promise.all(packed.map((b, k) => writeFile(path.join(dir, 'b', `${i + k}.bin`), b)));
  }
  return { reports: table.n, grams, buckets: buckets.length, bytes, hash: hash.digest('hex').slice(0, 12), reused };
}

export default function searchIndex(): AstroIntegration {
  let started: ReturnType<typeof startWorker> | undefined;
  let projectRoot = process.cwd();
  return {
    name: 'nianbao:search-index',
    hooks: {
      'astro:build:start': () => {
        started = startWorker();
      },
      'astro:config:done': ({ config }) => {
        projectRoot = fileURLToPath(config.root);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const begun = Date.now();
        const settings = readSettings();
        const partSize = settings.searchShardSize;
        const cache = recordCache(projectRoot);
        const reports = reportsToIndex(cache ? incrementalState().fingerprint : undefined);
        const root = path.join(out, INDEX_DIR);
        const thread = started ?? startWorker();
        started = undefined;
        thread.worker.ref();
        try {
          await rm(root, { recursive: true, force: true });
          const parts: string[] = [];
          const figures: string[] = [];
          let reused = 0;
          for (let i = 0; i * partSize < reports.length || i === 0; i++) {
            const tmp = path.join(root, `${i}.tmp`);
            const p = await writePart(thread, reports.slice(i * partSize, (i + 1) * partSize), tmp, cache);
            const name = `${i}-${p.hash}`;
            await rename(tmp, path.join(root, name));
            parts.push(`${name}/`);
            reused += p.reused;
            figures.push(`${p.reports} reports, ${p.grams} grams in ${p.buckets} buckets, ${(p.bytes / 1048576).toFixed(1)} MiB`);
          }
          const extra = settings.extraSearchIndexes;
          await writeFile(path.join(out, PARTS_FILE), `${JSON.stringify({ version: FORMAT_VERSION, parts: [...parts, ...extra] })}\n`);
          // the records of deleted or changed reports go; what is left is exactly this build's
          if (cache) pruneRecords(cache.dir, new Set(reports.map((r) => r.key!)));
          logger.info(`indexed ${reports.length} reports for search in ${Date.now() - begun} ms (${parts.length} part${parts.length > 1 ? 's' : ''}: ${figures.join('; ')}); ${reused} of the texts from the record cache`);
        } finally {
          await thread.worker.terminate();
        }
      },
    },
  };
}
