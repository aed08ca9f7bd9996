/**
 * The reports loader: every content/reports/<town-slug>/<year>.md becomes one
 * entry "<town-slug>/<year>" holding its validated frontmatter, and nothing else.
 *
 * Why not Astro's glob loader: it makes each entry a Vite module (deferRender)
 * or stores its rendered HTML (one JSON document that outgrows the longest
 * JavaScript string at ≈ 20,000 reports). As modules, 2,000 reports cost 16 s of
 * bundling and ~27,000 warning lines; 25,000 took almost 4 minutes and 13 GiB.
 * Report pages read and render their own file instead (src/lib/site/render-body.ts),
 * so the store keeps only data, and the bundle does not grow with the archive.
 *
 * Also unlike glob(): a missing or empty folder fails the build (a mistyped
 * CONTENT_DIR used to build an empty site), and an entry whose file is unchanged
 * (same digest, same schema sources) is not parsed or validated again: the
 * validation cache (src/lib/report/validate-cache.ts, in Astro's cacheDir) keeps
 * each file's findings and facts, and the checks across the archive run every time.
 */
import { createHash } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { ArchiveValidation, type Finding } from '../lib/report/validate.ts';
import { ValidationCache, codeVersion } from '../lib/report/validate-cache.ts';
import { contentDir } from '../lib/paths.ts';
import { readRedirects } from '../lib/redirects.ts';
import { readFrontmatter } from '../lib/report/frontmatter.ts';
import { readSettings } from '../lib/settings.ts';

/** Files read at once: far below the usual 1,024 open-file limit (EMFILE). */
const BATCH = 256;

/**
 * The sources the stored data depends on besides the file itself. Astro clears
 * the store only when content.config.ts changes; a schema edit must re-validate too.
 */
const SCHEMA_SOURCES = ['src/lib/schema.ts', 'src/lib/stats/template.ts', 'src/loaders/reports.ts', 'src/lib/report/frontmatter.ts', 'src/lib/report/body.ts', 'src/lib/report/validate.ts'];

/** <town-slug>/<name>.md under dir, as glob('*\/*.md') lists them (no dot files). */
export async function listReports(dir: string): Promise<string[]> {
  const towns = await fs.readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const t of towns) {
    if (!t.isDirectory() || t.name.startsWith('.')) continue;
    for (const f of await fs.readdir(path.join(dir, t.name), { withFileTypes: true })) {
      if (f.isFile() && !f.name.startsWith('.') && /\.md$/i.test(f.name)) files.push(`${t.name}/${f.name}`);
    }
  }
  return files.sort();
}

/** Fails loudly when the folder is missing or holds no report: an empty site is never what was meant. */
async function listOrFail(dir: string): Promise<string[]> {
  const given = readSettings().contentDirSetting;
  const hint = given
    ? `CONTENT_DIR is "${given}"`
    : 'CONTENT_DIR is not set, so the default content/reports is used';
  let files: string[];
  try {
    files = await listReports(dir);
  } catch (e) {
    throw new Error(`The reports folder ${dir} cannot be read (${(e as Error).message}); ${hint}. Set CONTENT_DIR to the folder that holds <town-slug>/<year>.md.`);
  }
  if (files.length === 0) {
    throw new Error(`The reports folder ${dir} holds no <town-slug>/<year>.md files; ${hint}. Set CONTENT_DIR to the folder that holds them.`);
  }
  return files;
}

/**
 * The archive rules of `npm run check`, run before anything is rendered, over every file at once:
 * the build accepts and rejects exactly what check does, with the same messages. The error has no
 * stack: it is about the content, not the code.
 */
function failOnFindings(findings: Finding[]): void {
  const errors = findings.filter((f) => f.level === 'error');
  if (errors.length === 0) return;
  const lines = errors.map((f) => `  ${f.file}${f.line ? `:${f.line}` : ''}  ${f.field ? `${f.field}: ` : ''}${f.message}`);
  const err = new Error(`${errors.length} error${errors.length > 1 ? 's' : ''} in the reports (the same as npm run check shows):\n${lines.join('\n')}\nFix them and build again.`);
  err.stack = err.message;
  throw err;
}

function schemaDigest(root: string): string {
  const h = createHash('sha256');
  for (const f of SCHEMA_SOURCES) {
    try {
      h.update(readFileSync(path.join(root, f)));
    } catch {
      h.update(`missing ${f}`);
    }
  }
  return h.digest('hex').slice(0, 16);
}

export function reportsLoader(): Loader {
  return {
    name: 'nianbao-reports',
    load: async (ctx: LoaderContext) => {
      const { store, meta, logger, parseData, generateDigest, config, watcher } = ctx;
      const root = fileURLToPath(config.root);
      const dir = contentDir(root);

      const schema = schemaDigest(root);
      if (meta.get('schema-digest') !== schema) {
        store.clear();
        meta.set('schema-digest', schema);
      }

      /** Stores one validated file's data (its YAML as read), under its digest. */
      async function store1(rel: string, digest: string, yaml: unknown): Promise<void> {
        const id = rel.replace(/\.md$/, '');
        const file = path.join(dir, rel);
        const data = await parseData({ id, data: yaml as Record<string, unknown>, filePath: file });
        // no body and no rendered HTML: the page renders the file itself
        store.set({ id, data, filePath: path.relative(root, file).split(path.sep).join('/'), digest });
      }
      /** The YAML of a file's text (validated: an error here would be a bug, named with its line). */
      const yamlOf = (rel: string, text: string) => {
        const fm = readFrontmatter(text);
        if (!fm.ok) throw new Error(`${path.join(dir, rel)}:${fm.error.line}: ${fm.error.message}`);
        return fm.value.data;
      };
      /** Stores one file, unless the stored entry has the same digest (the dev server's edits). */
      const sync = async (rel: string) => {
        const text = await fs.readFile(path.join(dir, rel), 'utf8');
        const digest = generateDigest(text);
        if (store.get(rel.replace(/\.md$/, ''))?.digest !== digest) await store1(rel, digest, yamlOf(rel, text));
      };

      const files = await listOrFail(dir);
      // NIANBAO_FULL_BUILD=1 trusts no cache: every file is validated (and the cache written afresh)
      const version = codeVersion(root);
      const cachePath = path.join(fileURLToPath(config.cacheDir), 'nianbao-validation.json');
      const cache = readSettings().fullBuild ? ValidationCache.fresh(cachePath, version) : ValidationCache.load(cachePath, version);
      if (cache.unusable) logger.warn(`the validation cache is not used: ${cache.unusable}; every file is validated`);
      const validation = new ArchiveValidation({ redirects: await readRedirects(), cache });
      // one batch of texts at a time: the store needs only the YAML of files whose digest changed
      const toStore: { rel: string; digest: string; yaml?: unknown; text?: string }[] = [];
      for (let i = 0; i < files.length; i += BATCH) {
        const batch = files.slice(i, i + BATCH);
        const texts = await Promise.all(batch.map((rel) => fs.readFile(path.join(dir, rel), 'utf8')));
        batch.forEach((rel, k) => {
          const text = texts[k]!;
          const abs = path.join(dir, rel);
          const { data } = validation.add({ file: path.relative(process.cwd(), abs), rel, text }, () => readFileSync(abs, 'utf8'));
          const digest = generateDigest(text);
          if (store.get(rel.replace(/\.md$/, ''))?.digest === digest) return;
          // validation has read a valid file's YAML; one from the validation cache is read once validation passed
          toStore.push(data !== undefined ? { rel, digest, yaml: data } : { rel, digest, text });
        });
      }
      const findings = validation.finish();
      // saved before failing: a failing file's findings are kept (and given again next time) too
      const unsaved = cache.save();
      if (unsaved) logger.warn(unsaved);
      logger.info(`validated ${files.length} reports: ${cache.misses} parsed and checked, ${cache.hits} unchanged (validation cache)`);
      failOnFindings(findings);
      const seen = new Set(files.map((rel) => rel.replace(/\.md$/, '')));
      for (let i = 0; i < toStore.length; i += BATCH) {
        await Promise.all(toStore.slice(i, i + BATCH).map((f) => store1(f.rel, f.digest, f.yaml ?? yamlOf(f.rel, f.text!))));
      }
      const parsed = toStore.length;
      let removed = 0;
      for (const id of store.keys()) {
        if (!seen.has(id)) {
          store.delete(id);
          removed++;
        }
      }
      logger.info(`${files.length} reports: ${parsed} parsed, ${files.length - parsed} unchanged, ${removed} removed`);

      if (!watcher) return;
      // dev server: follow edits, additions and deletions of report files
      watcher.add(dir);
      const relOf = (changed: string) => {
        const rel = path.relative(dir, changed).split(path.sep).join('/');
        return /^[^./][^/]*\/[^./][^/]*\.md$/.test(rel) ? rel : undefined;
      };
      const onChange = async (changed: string) => {
        const rel = relOf(changed);
        if (!rel) return;
        try {
          await sync(rel);
          logger.info(`Reloaded ${rel}`);
        } catch (e) {
          logger.error(`Failed to reload ${rel}: ${(e as Error).message}`);
        }
      };
      watcher.on('change', onChange);
      watcher.on('add', onChange);
      watcher.on('unlink', (deleted: string) => {
        const rel = relOf(deleted);
        if (rel) store.delete(rel.replace(/\.md$/, ''));
      });
    },
  };
}
