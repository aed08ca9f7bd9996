/**
 * Builds the sub-path variant of the site (/gk/ndbg/) once for all browser
 * tests. Astro builds in the same project must not run at the same time (they
 * share .astro/), so no test file builds on its own.
 */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, buildSite } from './build.ts';

export const SUBPATH_DIST = path.join(ROOT, 'test-artifacts/site-gk-ndbg');

export default async function setup() {
  await rm(SUBPATH_DIST, { recursive: true, force: true });
  await mkdir(SUBPATH_DIST, { recursive: true });
  await buildSite({ outDir: SUBPATH_DIST, basePath: '/gk/ndbg/' });
}
