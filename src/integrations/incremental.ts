/**
 * Incremental builds (src/lib/build/incremental.ts): before the build, loads
 * the last successful build's cache when the code and settings are the same,
 * and then keeps the output folder instead of emptying it; after the build
 * (first of the build:done hooks), removes every file this build neither
 * wrote nor kept (deleted reports, old assets), and saves the new cache.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync, readdirSync, rmdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { CACHE_VERSION, cacheFile, fingerprint, incrementalState, readCache, staleFiles } from '../lib/build/incremental.ts';
import { INDEX_DIR } from '../lib/search/index-format.ts';

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

export default function incremental(): AstroIntegration {
  let file = '';
  return {
    name: 'nianbao:incremental',
    hooks: {
      'astro:config:setup': ({ command, config, updateConfig, logger }) => {
        if (command !== 'build' || process.env['NIANBAO_FULL_BUILD'] === '1') return;
        const s = incrementalState();
        const root = fileURLToPath(config.root);
        s.outDir = fileURLToPath(config.outDir);
        s.started = Date.now();
        s.fingerprint = fingerprint(root, s.outDir, process.env);
        file = cacheFile(root, s.outDir);
        s.previous = readCache(file, s.fingerprint);
        // a build that fails half-way must not be trusted next time
        rmSync(file, { force: true });
        if (s.previous) {
          updateConfig({ vite: { build: { emptyOutDir: false } } });
          logger.info('same code and settings as the last build: unchanged reports are kept, not rendered again');
        }
      },
      'astro:build:done': ({ logger }) => {
        const s = incrementalState();
        if (!s.outDir || !s.fingerprint) return;
        if (s.previous) {
          // the search index folder is rewritten whole by its own integration
          const stale = staleFiles(s.outDir, s.started, s.kept, [INDEX_DIR]);
          for (const f of stale) rmSync(f);
          removeEmptyParents(s.outDir.replace(/\/$/, ''), stale);
          logger.info(`${s.kept.size} of ${Object.keys(s.current).length} report pages unchanged and kept; ${stale.length} stale files removed`);
        }
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, JSON.stringify({ version: CACHE_VERSION, fingerprint: s.fingerprint, pages: s.current }));
      },
    },
  };
}
