/**
 * Incremental builds. Astro renders every page on every build; at 10,000
 * reports that is most of a build, though an edit touches one report. So a
 * report's three outputs (page, report.md, report.json) are rendered again
 * only when what they show may have changed: its file (digest), its prev/next
 * years, its county's page, its git history — under the same code, settings
 * and output folder (the fingerprint). Anything else (a changed component, a
 * new dependency, BASE_PATH) changes the fingerprint and gives a full build.
 *
 * report.md and report.json are not Astro routes: written from the rendered
 * reports after the build (src/integrations/report-files.ts), as two routes
 * they cost a quarter of the page-generation time.
 *
 * The state lives on globalThis because the integration (src/integrations/
 * incremental.ts) and the bundled pages are different module instances in one
 * process. NIANBAO_FULL_BUILD=1 turns it off.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ReportData } from '../schema.ts';
import { redirectsFile } from '../redirects.ts';
import { settingsKey, type Settings } from '../settings.ts';

export const CACHE_VERSION = 2;
/** A report's outputs, relative to the output folder. */
export const reportOutputs = (id: string) => [`reports/${id}/index.html`, `reports/${id}/report.md`, `reports/${id}/report.json`];
/** Cache keys of other pages (towns, counties, years …) start with this; a report id never does. */
const PAGE = 'page:';
/** The outputs a cache key vouches for: a report's three files, or a page's index.html. */
export const outputsOf = (key: string) => (key.startsWith(PAGE) ? [`${key.slice(PAGE.length)}/index.html`] : reportOutputs(key));

export interface BuildCache {
  version: number;
  fingerprint: string;
  /** report id → hash of its page inputs */
  pages: Record<string, string>;
  /** report id → byte sizes of its outputs (reportOutputs order) when the cache was written: a kept file must still have them */
  sizes: Record<string, number[]>;
}

export interface IncrementalState {
  /** set for `astro build` only */
  outDir?: string;
  fingerprint?: string;
  /** the last successful build's cache when it matches this build's fingerprint */
  previous?: BuildCache | undefined;
  started: number;
  current: Record<string, string>;
  kept: Set<string>;
  /** other pages kept from the last build (their index.html, relative to the output folder) */
  keptPages: Set<string>;
  /** the reports rendered in this build (their report.md and report.json are written after it) */
  rendered: { id: string; data: ReportData }[];
  /**
   * every report of this build, rendered or kept, with its file (relative to the project root, as the
   * store keeps it): the search index is built from their data after the build; undefined until the
   * report pages have listed them
   */
  reports?: { id: string; data: ReportData; filePath: string; digest: string }[];
}

const KEY = Symbol.for('nianbao.incremental');
export function incrementalState(): IncrementalState {
  const g = globalThis as unknown as Record<symbol, IncrementalState | undefined>;
  return (g[KEY] ??= { started: Date.now(), current: {}, kept: new Set(), keptPages: new Set(), rendered: [] });
}

const sha = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

/** Every file the output can depend on besides content: code, styles, public files, settings, dependencies. */
function codeFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(path.join(root, 'src'));
  walk(path.join(root, 'public'));
  for (const f of ['astro.config.mjs', 'package-lock.json', 'tsconfig.json']) if (existsSync(path.join(root, f))) out.push(path.join(root, f));
  if (existsSync(redirectsFile(root))) out.push(redirectsFile(root));
  return out.sort();
}

export function fingerprint(root: string, outDir: string, settings: Settings): string {
  const h = createHash('sha256');
  h.update(`v${CACHE_VERSION}\0${outDir}\0`);
  h.update(`${settingsKey(settings, root)}\0`);
  for (const f of codeFiles(root)) h.update(`${path.relative(root, f)}\0${sha(readFileSync(f))}\0`);
  return h.digest('hex');
}

export const cacheFile = (root: string, outDir: string) => path.join(root, 'node_modules/.cache/nianbao', `build-${sha(outDir).slice(0, 16)}.json`);

export function readCache(file: string, fp: string): BuildCache | undefined {
  try {
    const c = JSON.parse(readFileSync(file, 'utf8')) as BuildCache;
    return c.version === CACHE_VERSION && c.fingerprint === fp && c.sizes && typeof c.sizes === 'object' ? c : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Must this report's outputs be rendered? Records its input hash for the next
 * build either way; false only when the last build had the same inputs and
 * its outputs are still there.
 */
export function mustRender(id: string, inputs: unknown): boolean {
  if (!unchanged(id, inputs)) return true;
  incrementalState().kept.add(id);
  return false;
}

/**
 * The same for another page (a town's, a county's, a year's …), named by its route
 * (`towns/<slug>`): everything it shows besides code and settings must be in inputs.
 */
export function mustRenderPage(route: string, inputs: unknown): boolean {
  if (!unchanged(`${PAGE}${route}`, inputs)) return true;
  incrementalState().keptPages.add(`${route}/index.html`);
  return false;
}

function unchanged(key: string, inputs: unknown): boolean {
  const s = incrementalState();
  const hash = sha(JSON.stringify(inputs));
  s.current[key] = hash;
  if (!s.outDir || s.previous?.pages[key] !== hash) return false;
  // a kept output must be the file the last build finished: same size, not empty (a killed write leaves it short)
  const sizes = s.previous.sizes[key];
  return outputsOf(key).every((f, i) => {
    const file = path.join(s.outDir!, f);
    if (!existsSync(file)) return false;
    const size = statSync(file).size;
    return size > 0 && size === sizes?.[i];
  });
}

/**
 * Files in dir (recursively) last written before `before`: what an incremental
 * build leaves stale. A kept report's folder is not looked into (at 10,000
 * reports that saves 30,000 stat calls); `skip` folders are managed by their
 * own integration (the search index is rewritten whole).
 */
export function staleFiles(dir: string, before: number, keptReports: Set<string>, skip: string[] = [], keptPages: Set<string> = new Set()): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (skip.includes(r) || (r.startsWith('reports/') && keptReports.has(r.slice('reports/'.length)))) continue;
        walk(r);
      } else if (!keptPages.has(r) && statSync(path.join(dir, r)).mtimeMs < before) out.push(path.join(dir, r));
    }
  };
  walk('');
  return out;
}

/** The sizes of every report's outputs as they are now (for the cache written at the end of a build). */
export function outputSizes(outDir: string, ids: string[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const id of ids) {
    out[id] = outputsOf(id).map((f) => {
      try {
        return statSync(path.join(outDir, f)).size;
      } catch {
        return -1;
      }
    });
  }
  return out;
}

/** Writes the cache so that a kill at any moment leaves either the old file, no file or the whole new one. */
export function writeCacheAtomically(file: string, cache: BuildCache): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(cache));
  renameSync(tmp, file);
}
