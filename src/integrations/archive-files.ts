/**
 * Build-time files for archivists and server administrators, written into
 * the output after the build: data/manifest-sha256.txt (fixity), web.config
 * (IIS) and .htaccess (Apache) with the MIME types Pagefind needs.
 */
import { readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { readFrontmatter } from '../lib/report/frontmatter.ts';
import { manifest, sha256 } from '../lib/manifest.ts';
import { originalMismatch, originalOf, sourcesDir } from '../lib/originals.ts';
import { contentDir } from '../lib/paths.ts';
import { htaccess, webConfig } from '../lib/hosting/server-config.ts';

async function contentFiles(dir: string) {
  const out: { path: string; abs: string }[] = [];
  for (const town of (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory())) {
    for (const f of (await readdir(path.join(dir, town.name))).filter((n) => n.endsWith('.md'))) {
      const abs = path.join(dir, town.name, f);
      out.push({ abs, path: path.relative(process.cwd(), abs).split(path.sep).join('/') });
    }
  }
  return out;
}

/** The report ids the sources folder holds a file for (sources/<id>.<ext>), whatever the extension. */
async function heldIds(dir: string): Promise<Set<string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return new Set(entries.filter((e) => e.isFile()).map((e) => {
    const rel = path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/');
    return rel.slice(0, rel.length - path.extname(rel).length);
  }));
}

export default function archiveFiles(): AstroIntegration {
  let base = '/';
  return {
    name: 'nianbao:archive-files',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base;
      },
      'astro:build:done': async ({ dir }) => {
        const out = fileURLToPath(dir);
        const files = await contentFiles(contentDir());
        // in batches: tens of thousands of files opened at once exhaust the file descriptors
        const read: ((typeof files)[number] & { bytes: Uint8Array })[] = [];
        for (let i = 0; i < files.length; i += 256) {
          read.push(...(await Promise.all(files.slice(i, i + 256).map(async (f) => ({ ...f, bytes: new Uint8Array(await readFile(f.abs)) })))));
        }
        const reportsDir = contentDir();
        // the originals the archive holds: copied for 下载原件, verified against the sha256 each report records
        const originals: { path: string; sha256: string }[] = [];
        const mismatched: string[] = [];
        // an original is sources/<id>.<ext>: only a report with such a file is read for its source (10,000 frontmatters less to parse)
        const held = await heldIds(sourcesDir());
        for (const f of read) {
          const id = path.relative(reportsDir, f.abs).replace(/\.md$/i, '').split(path.sep).join('/');
          if (!held.has(id)) continue;
          const fm = readFrontmatter(Buffer.from(f.bytes).toString('utf8'));
          const d = (fm.ok ? fm.value.data : {}) as { source?: { file: string; sha256: string } };
          if (!d.source?.file) continue;
          const o = originalOf(id, d.source.file);
          if (!o) continue;
          const bytes = await readFile(o.abs);
          const actual = sha256(bytes);
          if (actual !== d.source.sha256) {
            mismatched.push(originalMismatch(path.relative(process.cwd(), o.abs), actual, f.path, d.source.sha256));
            continue;
          }
          await mkdir(path.dirname(path.join(out, o.siteRel)), { recursive: true });
          await writeFile(path.join(out, o.siteRel), bytes);
          originals.push({ path: path.relative(process.cwd(), o.abs).split(path.sep).join('/'), sha256: actual });
        }
        if (mismatched.length) throw new Error(mismatched.join('\n'));
        await mkdir(path.join(out, 'data'), { recursive: true });
        await writeFile(path.join(out, 'data/manifest-sha256.txt'), manifest({ contentFiles: read, originals }));
        await writeFile(path.join(out, 'web.config'), webConfig(base));
        await writeFile(path.join(out, '.htaccess'), htaccess(base));
      },
    },
  };
}
