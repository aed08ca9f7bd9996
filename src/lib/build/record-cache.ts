/**
 * The search records of the last build, one file per report, so that an
 * incremental build renders again only the texts of the reports that changed
 * (rendering a report's text is most of the indexer's time: src/integrations/
 * search-records-worker.ts). A record is named by a hash of everything it is
 * made from: the build's fingerprint (code, settings, output folder:
 * src/lib/build/incremental.ts), the report's id and its file's digest. So a
 * record of other code, another site or another version of the file is never
 * found, only missed; a file that does not read back as the record of its id
 * is a miss too, and the text is rendered again.
 *
 * A full build (no earlier build cache, or NIANBAO_FULL_BUILD=1) reads no
 * record, so it is the same work whether or not the folder exists; every build
 * with a fingerprint writes the records it made and removes those it did not use.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SearchRecord } from '../search/records.ts';

/** The records' folder of a build's output folder. */
export const recordCacheDir = (root: string, outDir: string) =>
  path.join(root, 'node_modules/.cache/nianbao', `search-records-${createHash('sha256').update(outDir).digest('hex').slice(0, 16)}`);

/** The name of a report's record under a build's fingerprint. */
export function recordKey(fingerprint: string, id: string, digest: string): string {
  return createHash('sha256').update(`${fingerprint}\0${id}\0${digest}`).digest('hex').slice(0, 32);
}

/** A record kept under key, if there is one and it is the record of id. */
export function readRecord(dir: string, key: string, id: string): SearchRecord | undefined {
  try {
    const r = JSON.parse(readFileSync(path.join(dir, `${key}.json`), 'utf8')) as SearchRecord;
    const strings = ['id', 'url', 'title', 'headings', 'text', 'town', 'county', 'province', 'year', 'format'] as const;
    return r && r.id === id && strings.every((k) => typeof r[k] === 'string') ? r : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps a record (written whole or not at all: a killed build leaves no half file under its name). */
export function writeRecord(dir: string, key: string, record: SearchRecord): void {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${key}.json`);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(record));
  renameSync(tmp, file);
}

/** Removes every record not named in keep (the reports deleted or changed since, other code's). */
export function pruneRecords(dir: string, keep: Set<string>): number {
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const n of names) {
    if (keep.has(n.replace(/\.json$/, '')) && n.endsWith('.json')) continue;
    rmSync(path.join(dir, n), { force: true });
    removed++;
  }
  return removed;
}
