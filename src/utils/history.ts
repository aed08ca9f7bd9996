/** Git history of the content folder, read once per build (see src/lib/git-history.ts). */
import { readHistory, type History } from '../lib/git-history.ts';
import { contentDir } from '../lib/paths.ts';

let cache: History | undefined;
export function history(): History {
  cache ??= readHistory(contentDir());
  return cache;
}
