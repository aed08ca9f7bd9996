/**
 * Where content lives. CONTENT_DIR (absolute or relative to the project root)
 * points every command that reads content (build, check, benchmarks) at another
 * reports tree: the folder that holds <town-slug>/<year>.md.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { contentDirOf, readSettings } from './settings.ts';

export function contentDir(root: string = process.cwd()): string {
  return contentDirOf(readSettings(), root);
}

/**
 * Astro's cacheDir for a build from another content folder (CONTENT_DIR: benchmarks, tests),
 * relative to the project root, so that its content store and validation cache never mix with
 * another folder's; undefined for the default folder (Astro's own node_modules/.astro).
 */
export function contentCacheDir(contentDirSetting: string | undefined): string | undefined {
  if (!contentDirSetting) return undefined;
  const key = createHash('sha256').update(path.resolve(contentDirSetting)).digest('hex').slice(0, 12);
  return `./node_modules/.astro-content-${key}`;
}
