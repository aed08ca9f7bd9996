/**
 * Each rendered report's downloads, written after the build: report.md (the
 * archived file, byte for byte) and report.json (its data, notes and checks).
 * Not Astro endpoints: two routes per report were a quarter of page generation
 * (2,000 reports: pages 10.3 s → 7.5 s without them). Runs after the
 * incremental integration's clean-up, so a kept report keeps its files.
 */
import { copyFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { incrementalState } from '../lib/build/incremental.ts';
import { reportJson } from '../lib/exports/reports.ts';
import { contentDir } from '../lib/paths.ts';

export default function reportFiles(): AstroIntegration {
  return {
    name: 'nianbao:report-files',
    hooks: {
      'astro:build:done': async ({ dir }) => {
        const out = fileURLToPath(dir);
        const reports = incrementalState().rendered;
        // in batches: tens of thousands of files opened at once exhaust the file descriptors
        for (let i = 0; i < reports.length; i += 128) {
          await Promise.all(
            reports.slice(i, i + 128).flatMap(({ id, data }) => [
              copyFile(path.join(contentDir(), `${id}.md`), path.join(out, 'reports', id, 'report.md')),
              writeFile(path.join(out, 'reports', id, 'report.json'), reportJson(id, data)),
            ]),
          );
        }
      },
    },
  };
}
