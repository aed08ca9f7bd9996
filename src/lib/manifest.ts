/**
 * Fixity: a manifest in `sha256sum -c` format. Content files are listed with
 * the sha256 of their bytes, paths relative to the repository; the original
 * source files (not in the repository) as sources/<file name> with the sha256
 * recorded in each report. In a checkout with the originals in sources/,
 * `sha256sum -c data/manifest-sha256.txt` verifies both; without them,
 * `sha256sum -c --ignore-missing` verifies the content files.
 */
import { createHash } from 'node:crypto';

export interface ManifestInput {
  contentFiles: { path: string; bytes: Uint8Array }[];
  sources: { file: string; sha256: string; report: string }[];
}

export const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

export function manifest(input: ManifestInput): string {
  // strictly "hash  path" lines (no comments), so every sha256sum accepts the file
  const lines = [
    ...input.contentFiles.sort((a, b) => a.path.localeCompare(b.path)).map((f) => `${sha256(f.bytes)}  ${f.path}`),
    ...[...new Map(input.sources.map((s) => [`${s.sha256}  sources/${s.file}`, s])).keys()].sort((a, b) => a.slice(66).localeCompare(b.slice(66))),
  ];
  return `${lines.join('\n')}\n`;
}
