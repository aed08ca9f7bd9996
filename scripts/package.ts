/**
 * npm run package: the built site (dist/) as release/<name>-<date>.zip and
 * .tar.gz plus SHA256SUMS (sha256sum -c format), ready to hand to a server
 * administrator. Run `npm run build` first (with BASE_PATH if needed).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { zipSync } from 'fflate';
import * as tar from 'tar';

const { values } = parseArgs({ options: { dist: { type: 'string', default: 'dist' }, out: { type: 'string', default: 'release' }, name: { type: 'string', default: 'nianbao-site' } } });
const dist = path.resolve(values.dist!);
if (!existsSync(path.join(dist, 'index.html'))) {
  console.error(`${dist} holds no built site: run "npm run build" first`);
  process.exit(1);
}

async function walk(dir: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await walk(path.join(dir, e.name), r)));
    else out.push(r);
  }
  return out;
}

const files = await walk(dist);
const stamp = new Date().toISOString().slice(0, 10);
const base = `${values.name}-${stamp}`;
await mkdir(values.out!, { recursive: true });
const zipEntries: Record<string, [Uint8Array, { mtime: Date }]> = {};
for (const f of files) zipEntries[`${base}/${f}`] = [new Uint8Array(await readFile(path.join(dist, f))), { mtime: (await stat(path.join(dist, f))).mtime }];
const zipPath = path.join(values.out!, `${base}.zip`);
await writeFile(zipPath, zipSync(zipEntries, { level: 6 }));
const tgzPath = path.join(values.out!, `${base}.tar.gz`);
// the archive's top folder is named like the zip's, so both unpack the same way
await tar.create({ gzip: true, file: tgzPath, cwd: path.dirname(dist), prefix: '', portable: true, filter: () => true, onWriteEntry: (e) => { e.path = e.path.replace(new RegExp(`^${path.basename(dist)}`), base); } } as tar.TarOptionsWithAliasesAsyncFile, [path.basename(dist)]);
const sums: string[] = [];
for (const p of [zipPath, tgzPath]) sums.push(`${createHash('sha256').update(await readFile(p)).digest('hex')}  ${path.basename(p)}`);
await writeFile(path.join(values.out!, 'SHA256SUMS'), `${sums.join('\n')}\n`);
console.log(`packaged ${files.length} files:\n  ${zipPath}\n  ${tgzPath}\n  ${path.join(values.out!, 'SHA256SUMS')} (check with: cd ${values.out} && sha256sum -c SHA256SUMS)`);
