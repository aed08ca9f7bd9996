/**
 * A national archive built as shards: one ordinary build per province (or
 * prefecture city), each on its own machine or CI job, published side by side
 * under one host as /<base>/<shard>/. Each shard's search page also reads the
 * other shards' search-index/parts.json, so a query on any shard covers all.
 *
 * Pure planning only: which reports go to which shard, and the settings each
 * shard's build gets (CONTENT_DIR, BASE_PATH, SEARCH_EXTRA_INDEXES).
 */
import { regionSlug } from '../slug.ts';

export type ShardBy = 'province' | 'city';

export interface ShardReport {
  /** <town-slug>/<year>.md */
  rel: string;
  province: string;
  city?: string | undefined;
}

export interface Shard {
  /** URL segment and folder name: the region's slug (jilin, jilin-changchun). */
  name: string;
  /** The region as written in the reports (吉林省, 吉林省长春市). */
  label: string;
  reports: string[];
}

export class ShardPlanError extends Error {}

/** Groups reports into shards; a report with no city when sharding by city is an error naming it. */
export function planShards(reports: ShardReport[], by: ShardBy): Shard[] {
  const shards = new Map<string, Shard>();
  for (const r of reports) {
    if (by === 'city' && !r.city) throw new ShardPlanError(`${r.rel}: city is empty, so the report has no prefecture shard: fill in city, or shard by province`);
    const label = by === 'city' ? `${r.province}${r.city}` : r.province;
    const name = by === 'city' ? `${regionSlug(r.province)}-${regionSlug(r.city!)}` : regionSlug(r.province);
    const s = shards.get(name) ?? { name, label, reports: [] };
    if (s.label !== label) throw new ShardPlanError(`${r.rel}: "${label}" and "${s.label}" would share the shard name "${name}": shard by city, or rename one in the plan`);
    s.reports.push(r.rel);
    shards.set(name, s);
  }
  return [...shards.values()].sort((a, b) => a.name.localeCompare(b.name)).map((s) => ({ ...s, reports: s.reports.sort() }));
}

/** Joins a base path and a segment: ('/gk/ndbg/', 'jilin') → '/gk/ndbg/jilin/'. */
export function shardBase(base: string, name: string): string {
  const b = base.endsWith('/') ? base : `${base}/`;
  return `${b.startsWith('/') ? b : `/${b}`}${name}/`;
}

/**
 * The environment of one shard's build: its own reports, its place under the common base, and
 * the other shards' search indexes (relative to this shard's search-index/ folder, so the joined
 * site works under any host and any base).
 */
export function shardEnv(shards: Shard[], name: string, contentDir: string, base = '/'): Record<string, string> {
  if (!shards.some((s) => s.name === name)) throw new ShardPlanError(`no shard "${name}": the plan has ${shards.map((s) => s.name).join(', ')}`);
  return {
    CONTENT_DIR: contentDir,
    BASE_PATH: shardBase(base, name),
    SEARCH_EXTRA_INDEXES: shards
      .filter((s) => s.name !== name)
      .map((s) => `../../${s.name}/search-index/parts.json`)
      .join(','),
  };
}
