/**
 * The archive's cross-report findings (src/lib/findings/cross.ts), computed
 * once per build from the collection and each report's text.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { crossFindings, type CrossFinding } from '../lib/findings/cross.ts';
import { contentDir } from '../lib/paths.ts';
import { readFrontmatter } from '../lib/report/frontmatter.ts';
import { loadReports } from './collection.ts';

let cache: Promise<{ all: CrossFinding[]; byReport: Map<string, CrossFinding[]> }> | undefined;

export function archiveFindings() {
  cache ??= (async () => {
    const { entries } = await loadReports();
    const inputs = [];
    // in batches: tens of thousands of files opened at once exhaust the file descriptors
    for (let i = 0; i < entries.length; i += 256) {
      inputs.push(
        ...(await Promise.all(
          entries.slice(i, i + 256).map(async (e) => {
            const fm = readFrontmatter(await readFile(path.join(contentDir(), `${e.id}.md`), 'utf8'));
            return { id: e.id, data: e.data, body: fm.ok ? fm.value.body : '' };
          }),
        )),
      );
    }
    const all = crossFindings(inputs).sort((a, b) => a.id.localeCompare(b.id) || a.code.localeCompare(b.code));
    const byReport = new Map<string, CrossFinding[]>();
    for (const f of all) byReport.set(f.id, [...(byReport.get(f.id) ?? []), f]);
    return { all, byReport };
  })();
  return cache;
}
