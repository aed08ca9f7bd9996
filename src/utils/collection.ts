/**
 * The report collection, loaded once per build and shaped by src/lib/site.
 * The only module besides content.config.ts that touches astro:content.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import type { ReportData } from '../lib/schema.ts';
import path from 'node:path';
import { byRegion, countyPathOf, neighbourMap, regions, summarize, type Neighbours, type Province, type ReportSummary } from '../lib/site/reports.ts';
import { incrementalState, mustRender, mustRenderPage } from '../lib/build/incremental.ts';
import { revisionsOf } from '../lib/git-history.ts';
import { contentDir } from '../lib/paths.ts';
import { history } from './history.ts';
import { originalOf } from '../lib/originals.ts';

export type ReportEntry = CollectionEntry<'reports'> & { data: ReportData };

let cache:
  | Promise<{ entries: ReportEntry[]; summaries: ReportSummary[]; inRegionOrder: ReportEntry[]; regions: Province[]; neighbours: Map<string, Neighbours> }>
  | undefined;

export function loadReports() {
  cache ??= getCollection('reports').then((all) => {
    const entries = all as ReportEntry[];
    // the search index (src/integrations/search-index.ts) is built from these after the build
    incrementalState().reports = entries.map((e) => ({ id: e.id, data: e.data, filePath: e.filePath!, digest: String(e.digest ?? '') }));
    const summaries = entries.map((e) => summarize({ id: e.id, data: e.data }));
    // the archive's fixed order (province, county, town, year) for the data exports
    const inRegionOrder = entries.map((e, i) => ({ e, s: summaries[i]! })).sort((a, b) => byRegion(a.s, b.s)).map((x) => x.e);
    return { entries, summaries, inRegionOrder, regions: regions(summaries), neighbours: neighbourMap(summaries) };
  });
  return cache;
}

/**
 * The reports whose page, report.md and report.json must be written in this
 * build: all of them, except in an incremental build those whose inputs are
 * unchanged (src/lib/build/incremental.ts). Everything a report page shows
 * besides code and settings must be in these inputs.
 */
let toRender: Promise<ReportEntry[]> | undefined;
export function reportsToRender(): Promise<ReportEntry[]> {
  toRender ??= loadReports().then(async ({ entries, regions, neighbours }) => {
    const h = history();
    // a report page shows its cross-report findings, which other reports can change (./findings.ts imports this module)
    const { byReport } = await (await import('./findings.ts')).archiveFindings();
    const list = entries.filter((e) => {
      const n = neighbours.get(e.id);
      const revisions = revisionsOf(h, path.join(contentDir(), `${e.id}.md`));
      const original = originalOf(e.id, e.data.source.file);
      return mustRender(e.id, [e.digest, n?.prev?.id, n?.next?.id, countyPathOf(regions, e.data), h.available, revisions, original?.bytes ?? null, byReport.get(e.id) ?? []]);
    });
    incrementalState().rendered = list.map((e) => ({ id: e.id, data: e.data }));
    return list;
  });
  return toRender;
}

/**
 * The static paths of a page other than a report's that must be rendered in this build: in an
 * incremental build, those whose inputs changed (route: the page's path without the base, e.g.
 * `towns/<slug>`; inputs: everything the page shows besides code and settings — its props and
 * whatever else it reads).
 */
export function changedPaths<P>(paths: P[], route: (p: P) => string, inputs: (p: P) => unknown): P[] {
  return paths.filter((p) => mustRenderPage(route(p), inputs(p)));
}
