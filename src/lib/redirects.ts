/**
 * Stable URLs: when a report is renamed or moved, its old id stays reachable
 * through content/redirects.yml (old id: new id). The build writes a redirect
 * page at each old URL; `npm run check` validates the file.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import { contentDir } from './paths.ts';

export const REDIRECTS_FILE = 'content/redirects.yml';

export function parseRedirects(text: string): Record<string, string> {
  const data = (YAML.parse(text) ?? {}) as unknown;
  if (typeof data !== 'object' || Array.isArray(data)) throw new Error(`${REDIRECTS_FILE}: expected lines "old-slug/2019: new-slug/2019"`);
  const out: Record<string, string> = {};
  for (const [from, to] of Object.entries(data as Record<string, unknown>)) {
    if (!/^[a-z0-9]+-[a-z0-9]+\/\d{4}$/.test(from) || typeof to !== 'string' || !/^[a-z0-9]+-[a-z0-9]+\/\d{4}$/.test(to)) {
      throw new Error(`${REDIRECTS_FILE}: "${from}: ${String(to)}" — expected "old-slug/year: new-slug/year", e.g. "gongzhuling-maochengzi/2019: changchun-maochengzi/2019"`);
    }
    out[from] = to;
  }
  return out;
}

/** The redirects file sits beside the reports folder: content/redirects.yml, or <CONTENT_DIR>/../redirects.yml. */
export function redirectsFile(root = process.cwd()): string {
  return path.join(path.dirname(contentDir(root)), 'redirects.yml');
}

export async function readRedirects(root = process.cwd()): Promise<Record<string, string>> {
  const text = await readFile(redirectsFile(root), 'utf8').catch(() => '');
  return parseRedirects(text);
}
