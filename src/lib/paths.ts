/**
 * Where content lives. CONTENT_DIR (absolute or relative to the project root)
 * points every command that reads content (build, check, benchmarks) at another
 * reports tree: the folder that holds <town-slug>/<year>.md.
 */
import { contentDirOf, readSettings } from './settings.ts';

export function contentDir(root: string = process.cwd()): string {
  return contentDirOf(readSettings(), root);
}
