// @ts-check
import { defineConfig } from 'astro/config';
import { site } from './src/site.config.ts';
import searchIndex from './src/integrations/search-index.ts';

/** BASE_PATH overrides the configured base path at build time (/gk/ndbg/). */
function basePath() {
  const raw = process.env.BASE_PATH ?? site.basePath ?? '/';
  const trimmed = raw.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

export default defineConfig({
  site: site.url || undefined,
  base: basePath(),
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'never' },
  // Nothing is fetched from other hosts: no prefetch, no dev toolbar telemetry.
  devToolbar: { enabled: false },
  integrations: [searchIndex()],
});
