/**
 * Every setting of a build, in one place: the administrator's file
 * (src/site.config.ts) and the environment variables that override it.
 * Everything that reads a setting reads it here, so the incremental
 * fingerprint (src/lib/build/incremental.ts) hashes exactly what a build
 * depends on — a setting added here is part of the fingerprint.
 */
import path from 'node:path';
import { site, type SiteConfig } from '../site.config.ts';

export interface Settings {
  /** Site fields from src/site.config.ts (basePath replaced by the effective one). */
  site: SiteConfig;
  /** The path the site is served under, always with a leading and a trailing slash: "/" or "/gk/ndbg/". */
  basePath: string;
  /** CONTENT_DIR as given ('' = the default content/reports). */
  contentDirSetting: string;
  /** Reports per search-index part (SEARCH_SHARD_SIZE). */
  searchShardSize: number;
  /** Other sites' search-index/parts.json (SEARCH_EXTRA_INDEXES, comma-separated, else the site file). */
  extraSearchIndexes: string[];
  /** NIANBAO_FULL_BUILD=1: no incremental build. */
  fullBuild: boolean;
}

/** The environment variables a build reads, with what each does (README lists them from here). */
export const ENVIRONMENT = {
  BASE_PATH: 'path the site is served under, e.g. /gk/ndbg/ (overrides basePath in src/site.config.ts)',
  CONTENT_DIR: 'folder holding <town-slug>/<year>.md (default content/reports)',
  SEARCH_SHARD_SIZE: 'reports per search-index part (default 50000)',
  SEARCH_EXTRA_INDEXES: "other sites' search-index/parts.json, comma-separated",
  NIANBAO_FULL_BUILD: '1 = render everything, no incremental build',
} as const;
export type SettingName = keyof typeof ENVIRONMENT;

export class SettingsError extends Error {}

type Env = Record<string, string | undefined>;

export function normaliseBasePath(raw: string): string {
  const trimmed = raw.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

export function readSettings(env: Env = process.env, config: SiteConfig = site): Settings {
  const basePath = normaliseBasePath(env['BASE_PATH'] ?? config.basePath ?? '/');
  if (/[\s?#\\]|\.\./.test(basePath)) {
    throw new SettingsError(`BASE_PATH "${basePath}": expected a plain path such as /gk/ndbg/ (no spaces, ?, #, \\ or ..)`);
  }
  const shardRaw = env['SEARCH_SHARD_SIZE'];
  let searchShardSize = 50_000;
  if (shardRaw !== undefined && shardRaw !== '') {
    searchShardSize = Number(shardRaw);
    if (!Number.isSafeInteger(searchShardSize) || searchShardSize < 1) {
      throw new SettingsError(`SEARCH_SHARD_SIZE "${shardRaw}": expected a whole number of reports ≥ 1, e.g. 50000`);
    }
  }
  const extra = env['SEARCH_EXTRA_INDEXES'];
  const full = env['NIANBAO_FULL_BUILD'];
  if (full !== undefined && full !== '' && full !== '0' && full !== '1') {
    throw new SettingsError(`NIANBAO_FULL_BUILD "${full}": expected 1 (full build) or 0`);
  }
  return {
    site: { ...config, basePath },
    basePath,
    contentDirSetting: env['CONTENT_DIR'] ?? '',
    searchShardSize,
    extraSearchIndexes: extra !== undefined ? extra.split(',').map((s) => s.trim()).filter(Boolean) : [...config.extraSearchIndexes],
    fullBuild: full === '1',
  };
}

/** The reports folder a build reads: CONTENT_DIR, absolute or relative to root, else content/reports. */
export function contentDirOf(s: Settings, root: string): string {
  return path.resolve(root, s.contentDirSetting || 'content/reports');
}

/** What of the settings changes the output: all of it, as one stable string for the build fingerprint. */
export function settingsKey(s: Settings, root: string): string {
  return JSON.stringify({
    site: s.site,
    basePath: s.basePath,
    contentDir: contentDirOf(s, root),
    searchShardSize: s.searchShardSize,
    extraSearchIndexes: s.extraSearchIndexes,
  });
}

/**
 * What the build says when the site's address (`url` in src/site.config.ts) is empty, the default: links
 * that leave the site must then be paths. Undefined when it is set.
 */
export function siteUrlWarning(s: Settings): string | undefined {
  if (s.site.url) return undefined;
  return (
    'url is empty in src/site.config.ts (网站地址未设置): citations end in a path instead of an address, ' +
    `sitemap.xml lists paths (<loc>${s.basePath}</loc> …, which search engines ignore), feed.xml ids are paths, ` +
    'and report metadata has no absolute URL. Set url to the address the site is served at, e.g. https://www.example.gov.cn.'
  );
}
