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
import { manifest } from '../lib/manifest.ts';
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
        const sources = read.map((f) => {
          const fm = readFrontmatter(Buffer.from(f.bytes).toString('utf8'));
          const d = (fm.ok ? fm.value.data : {}) as { source?: { file: string; sha256: string } };
          return { file: d.source?.file ?? '', sha256: d.source?.sha256 ?? '', report: f.path };
        });
        await mkdir(path.join(out, 'data'), { recursive: true });
        await writeFile(path.join(out, 'data/manifest-sha256.txt'), manifest({ contentFiles: read, sources: sources.filter((s) => s.file) }));
        await writeFile(path.join(out, 'web.config'), webConfig(base));
        await writeFile(path.join(out, '.htaccess'), htaccess(base));
      },
    },
  };
}
