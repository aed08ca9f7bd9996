/**
 * Incremental builds (src/lib/build/incremental.ts): before the build, loads
 * the last successful build's cache when the code and settings are the same,
 * and then keeps the output folder instead of emptying it; after the build
 * (first of the build:done hooks), removes every file this build neither
 * wrote nor kept (deleted reports, old assets). The cache is saved by a
 * second integration that runs after every other build:done hook, atomically,
 * with the sizes of the files it vouches for: a build killed at any point
 * leaves no cache (the next build is full) or a cache whose kept files are
 * checked against it.
 */
import { existsSync, rmSync, readdirSync, rmdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { CACHE_VERSION, cacheFile, fingerprint, incrementalState, outputSizes, readCache, staleFiles, writeCacheAtomically } from '../lib/build/incremental.ts';
import { INDEX_DIR } from '../lib/search/index-format.ts';
import { readSettings } from '../lib/settings.ts';

/** Removes the folders that removing `files` left empty, up to (not including) root. */
function removeEmptyParents(root: string, files: string[]) {
  const dirs = [...new Set(files.map((f) => path.dirname(f)))].sort((a, b) => b.length - a.length);
  for (let d of dirs) {
    while (d.startsWith(root) && d !== root && existsSync(d) && readdirSync(d).length === 0) {
      rmdirSync(d);
      d = path.dirname(d);
    }
  }
}

let file = '';

export default function incremental(): AstroIntegration {
  return {
    name: 'nianbao:incremental',
    hooks: {
      'astro:config:setup': ({ command, config, updateConfig, logger }) => {
        if (command !== 'build' || readSettings().fullBuild) return;
        const s = incrementalState();
        const root = fileURLToPath(config.root);
        s.outDir = fileURLToPath(config.outDir);
        s.started = Date.now();
        s.fingerprint = fingerprint(root, s.outDir, readSettings());
        file = cacheFile(root, s.outDir);
        s.previous = readCache(file, s.fingerprint);
        // a build that fails or is killed half-way must not be trusted next time
        rmSync(file, { force: true });
        if (s.previous) {
          updateConfig({ vite: { build: { emptyOutDir: false } } });
          logger.info('same code and settings as the last build: unchanged reports are kept, not rendered again');
        }
      },
      'astro:build:done': ({ logger }) => {
        const s = incrementalState();
        if (!s.outDir || !s.fingerprint || !s.previous) return;
        // the search index folder is rewritten whole by its own integration
        const stale = staleFiles(s.outDir, s.started, s.kept, [INDEX_DIR], s.keptPages);
        for (const f of stale) rmSync(f);
        removeEmptyParents(s.outDir.replace(/\/$/, ''), stale);
        const reports = Object.keys(s.current).filter((k) => !k.startsWith('page:')).length;
        const pages = Object.keys(s.current).length - reports;
        logger.info(`${s.kept.size} of ${reports} report pages unchanged and kept; ${s.keptPages.size} of ${pages} town, county, year and check pages kept; ${stale.length} stale files removed`);
      },
    },
  };
}

/** Must be the last integration: its build:done hook runs when every output is written. */
export function incrementalCache(): AstroIntegration {
  return {
    name: 'nianbao:incremental-cache',
    hooks: {
      'astro:build:done': () => {
        const s = incrementalState();
        if (!s.outDir || !s.fingerprint || !file) return;
        const ids = Object.keys(s.current);
        writeCacheAtomically(file, { version: CACHE_VERSION, fingerprint: s.fingerprint, pages: s.current, sizes: outputSizes(s.outDir, ids) });
      },
    },
  };
}
