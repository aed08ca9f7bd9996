/**
 * Fixity: a manifest in `sha256sum -c` format. Content files and the original
 * documents the archive holds (content/sources/<town-slug>/<year>.<ext>, each
 * verified against the sha256 its report records) are listed with the sha256
 * of their bytes, paths relative to the repository, so that
 * `sha256sum -c data/manifest-sha256.txt` in a checkout verifies both. An
 * original the archive does not hold is not listed.
 */
import { createHash } from 'node:crypto';

export interface ManifestInput {
  contentFiles: { path: string; bytes: Uint8Array }[];
  originals: { path: string; sha256: string }[];
}

export const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

export function manifest(input: ManifestInput): string {
  // strictly "hash  path" lines (no comments), so every sha256sum accepts the file
  const lines = [
    ...input.contentFiles.sort((a, b) => a.path.localeCompare(b.path)).map((f) => `${sha256(f.bytes)}  ${f.path}`),
    ...input.originals.sort((a, b) => a.path.localeCompare(b.path)).map((o) => `${o.sha256}  ${o.path}`),
  ];
  return `${lines.join('\n')}\n`;
}
