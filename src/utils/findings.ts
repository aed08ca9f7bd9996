/**
 * The archive's cross-report findings (src/lib/findings/cross.ts), computed
 * once per build from the collection and each report's text.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { crossFindings, type CrossFinding } from '../lib/findings/cross.ts';
import { contentDir } from '../lib/paths.ts';
import { splitFrontmatter } from '../lib/report/frontmatter.ts';
import { loadReports } from './collection.ts';
import { regionOfReport } from '../lib/findings/regions.ts';

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
            // every file passed validation (the loader), so its frontmatter need not be read again: only split off
            return { id: e.id, data: e.data, body: splitFrontmatter(await readFile(path.join(contentDir(), `${e.id}.md`), 'utf8'))?.body ?? '' };
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

let regional:
  | Promise<{
      where: Map<string, { province: string; county: string }>;
      names: Map<string, { town: string; year: number }>;
      byProvince: Map<string, CrossFinding[]>;
      byCounty: Map<string, CrossFinding[]>;
    }>
  | undefined;

/**
 * The findings by province and by county (`<province>/<county>` slugs), each in the order of
 * `all`, with where each report belongs and each report's name: computed once per build, not
 * once per 数据核查 page (1,355 county pages at 10,000 reports).
 */
export function regionalFindings() {
  regional ??= (async () => {
    const { regions, entries } = await loadReports();
    const where = regionOfReport(regions);
    const names = new Map(entries.map((e) => [e.id, { town: e.data.town, year: e.data.year }]));
    const byProvince = new Map<string, CrossFinding[]>();
    const byCounty = new Map<string, CrossFinding[]>();
    const add = (m: Map<string, CrossFinding[]>, k: string, f: CrossFinding) => {
      const list = m.get(k);
      if (list) list.push(f);
      else m.set(k, [f]);
    };
    for (const f of (await archiveFindings()).all) {
      const w = where.get(f.id);
      if (!w) continue;
      add(byProvince, w.province, f);
      add(byCounty, `${w.province}/${w.county}`, f);
    }
    return { where, names, byProvince, byCounty };
  })();
  return regional;
}
