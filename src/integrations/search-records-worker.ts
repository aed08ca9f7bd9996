/**
 * The search indexer's second thread (src/integrations/search-index.ts): builds
 * the reports' searchable records from their data and their text, rendered as
 * their pages render it (src/lib/search/report-record.ts; the built pages are
 * not read), and writes each report's gzip file d/<i>.bin, handing the records
 * to the main thread, which collects the grams. On two cores the two halves of
 * the work then overlap (10,000 reports: 15.4 s in one thread). Before the first
 * batch it builds the part's text dictionary (dict.bin, src/lib/search/doc-pack.ts)
 * from the part's first reports; every report file is compressed with it.
 *
 * Protocol: one worker for the build's parts, in turn. The main thread posts { part: { dir,
 * sample, cache } } to start a part (sample: its first DICT_SAMPLE reports; cache: the record
 * cache, src/lib/build/record-cache.ts, if the build keeps one), then { batch, from, reports }
 * to ask for a batch of it (from: its first report's place in the part); the worker answers
 * { batch, records, bytes, hash, reused } (or { error }; reused: how many of its records
 * came from the record cache).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import type { ReportData } from '../lib/schema.ts';
import { docFile } from '../lib/search/index-build.ts';
import { DICT_FILE } from '../lib/search/index-format.ts';
import { packDoc, textDictionary } from '../lib/search/doc-pack.ts';
import type { SearchRecord } from '../lib/search/records.ts';
import { recordFromReport } from '../lib/search/report-record.ts';
import { readRecord, writeRecord } from '../lib/build/record-cache.ts';
import { renderBody, renderMarkdown } from '../lib/site/render-body.ts';

/** A report to index: its id, its data as the report pages got it, and its file (absolute). */
export interface IndexedReport {
  id: string;
  data: ReportData;
  file: string;
  /** the name of its record in the record cache (src/lib/build/record-cache.ts), when the build keeps one */
  key?: string;
}

/** The record cache of the build: its folder, and whether records may be read from it (not in a full build). */
export interface RecordCache {
  dir: string;
  read: boolean;
}

// the renderer loads now, while the main thread waits for the build to finish (search-index.ts)
void renderMarkdown('').catch(() => {});

/** The part being written: its folder and its first reports. */
let dir = '';
let sampleReports: IndexedReport[] = [];

let cache: RecordCache | undefined;
/** records taken from the cache since the last batch answered */
let reused = 0;

/** Records in the order given: kept ones from the record cache, the others with the text rendered by the pages' own renderer, from the file. */
async function read(reports: IndexedReport[]): Promise<SearchRecord[]> {
  const kept = reports.map((r) => (cache?.read && r.key ? readRecord(cache.dir, r.key, r.id) : undefined));
  const bodies = await Promise.all(
    reports.map((r, i) => (kept[i] ? undefined : renderBody(r.file).catch((e: Error) => Promise.reject(new Error(`search index: ${r.file}: ${e.message}`))))),
  );
  reused += kept.filter(Boolean).length;
  return reports.map((r, i) => {
    if (kept[i]) return kept[i];
    const record = recordFromReport(r.id, r.data, bodies[i]!.html);
    if (cache && r.key) writeRecord(cache.dir, r.key, record);
    return record;
  });
}

/** The part's first reports, read once for the dictionary and kept for their batches. */
let sample: SearchRecord[] = [];
let dictionary: Uint8Array | undefined;

async function batch(from: number, reports: IndexedReport[]) {
  const hash = createHash('sha256');
  let bytes = 0;
  if (!dictionary) {
    sample = await read(sampleReports);
    dictionary = textDictionary(sample.map(docFile));
    const stored = gzipSync(dictionary, { level: 9 });
    await writeFile(path.join(dir, DICT_FILE), stored);
    hash.update(stored);
    bytes += stored.length;
  }
  const to = from + reports.length;
  const records = to <= sample.length ? sample.slice(from, to) : await read(reports);
  const packed = records.map((r) => packDoc(docFile(r), dictionary!));
  await Promise.all(packed.map((data, i) => writeFile(path.join(dir, 'd', `${from + i}.bin`), data)));
  // the part folder is named by a hash of everything in it (search-index.ts); this batch's share
  for (const f of packed) hash.update(f);
  const taken = reused;
  reused = 0;
  return { records, bytes: bytes + packed.reduce((n, f) => n + f.length, 0), hash: hash.digest('hex'), reused: taken };
}

type Message = { part: { dir: string; sample: IndexedReport[]; cache?: RecordCache } } | { batch: number; from: number; reports: IndexedReport[] };

let queue = Promise.resolve();
parentPort?.on('message', (m: Message) => {
  // one message at a time, in the order sent
  queue = queue.then(async () => {
    if ('part' in m) {
      ({ dir, sample: sampleReports, cache } = m.part);
      sample = [];
      dictionary = undefined;
      return;
    }
    try {
      parentPort!.postMessage({ batch: m.batch, ...(await batch(m.from, m.reports)) });
    } catch (e) {
      parentPort!.postMessage({ batch: m.batch, error: (e as Error).message });
    }
  });
});
