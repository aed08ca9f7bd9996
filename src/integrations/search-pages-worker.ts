/**
 * The search indexer's second thread (src/integrations/search-index.ts): reads
 * report pages, extracts their searchable records and writes each report's
 * gzip file d/<i>.bin, handing the records to the main thread, which collects
 * the grams. On two cores the two halves of the work then overlap (10,000
 * reports: 15.4 s in one thread). Before the first batch it builds the part's text
 * dictionary (dict.bin, src/lib/search/doc-pack.ts) from the part's first reports; every
 * report file is compressed with it.
 *
 * Protocol: workerData { files, dir, batchSize }; the main thread posts a batch number to
 * ask for it; the worker answers { batch, records, bytes, hash } (or { error }).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { docFile } from '../lib/search/index-build.ts';
import { DICT_FILE } from '../lib/search/index-format.ts';
import { DICT_SAMPLE, packDoc, textDictionary } from '../lib/search/doc-pack.ts';
import { recordFromHtml, type SearchRecord } from '../lib/search/records.ts';

const { files, dir, batchSize: BATCH } = workerData as { files: string[]; dir: string; batchSize: number };

async function read(from: number, to: number): Promise<SearchRecord[]> {
  const pages = await Promise.all(files.slice(from, to).map((f) => readFile(f, 'utf8')));
  return pages.map((html, i) => {
    const r = recordFromHtml(html);
    if (!r) throw new Error(`search index: ${files[from + i]} has no data-pagefind-body region`);
    return r;
  });
}

/** The first reports, read once for the dictionary and kept for their batches. */
let sample: SearchRecord[] = [];
let dictionary: Uint8Array | undefined;

async function batch(k: number) {
  const from = k * BATCH;
  const hash = createHash('sha256');
  let bytes = 0;
  if (!dictionary) {
    sample = await read(0, Math.min(files.length, DICT_SAMPLE));
    dictionary = textDictionary(sample.map(docFile));
    const stored = gzipSync(dictionary, { level: 9 });
    await writeFile(path.join(dir, DICT_FILE), stored);
    hash.update(stored);
    bytes += stored.length;
  }
  const to = Math.min(files.length, from + BATCH);
  const records = to <= sample.length ? sample.slice(from, to) : await read(from, to);
  const packed = records.map((r) => packDoc(docFile(r), dictionary!));
  await Promise.all(packed.map((data, i) => writeFile(path.join(dir, 'd', `${from + i}.bin`), data)));
  // the part folder is named by a hash of everything in it (search-index.ts); this batch's share
  for (const f of packed) hash.update(f);
  return { records, bytes: bytes + packed.reduce((n, f) => n + f.length, 0), hash: hash.digest('hex') };
}

let queue = Promise.resolve();
parentPort!.on('message', (k: number) => {
  // one batch at a time, in the order asked
  queue = queue.then(async () => {
    try {
      parentPort!.postMessage({ batch: k, ...(await batch(k)) });
    } catch (e) {
      parentPort!.postMessage({ batch: k, error: (e as Error).message });
    }
  });
});
