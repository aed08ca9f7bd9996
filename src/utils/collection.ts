/**
 * The report collection, loaded once per build and shaped by src/lib/site.
 * The only module besides content.config.ts that touches astro:content.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import type { ReportData } from '../lib/schema.ts';
import { neighbourMap, regions, summarize, type Neighbours, type Province, type ReportSummary } from '../lib/site/reports.ts';

export type ReportEntry = CollectionEntry<'reports'> & { data: ReportData };

let cache:
  | Promise<{ entries: ReportEntry[]; summaries: ReportSummary[]; regions: Province[]; neighbours: Map<string, Neighbours> }>
  | undefined;

export function loadReports() {
  cache ??= getCollection('reports').then((all) => {
    const entries = all as ReportEntry[];
    const summaries = entries.map((e) => summarize({ id: e.id, data: e.data }));
    return { entries, summaries, regions: regions(summaries), neighbours: neighbourMap(summaries) };
  });
  return cache;
}
