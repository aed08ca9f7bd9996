/**
 * npm run gen:corpus -- --count N --out DIR [--seed S]
 * Writes N realistic, deterministic reports as DIR/<town-slug>/<year>.md;
 * point any command at them with CONTENT_DIR=DIR. DIR is emptied first, but
 * only if it is empty, missing or a folder this command made (it holds the
 * marker file): pointed at content/reports or any other folder it refuses.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CORPUS_MARKER, generateCorpus } from '../src/lib/corpus/generate.ts';

const usage = 'usage: npm run gen:corpus -- --count N --out DIR [--seed S]';
let values: { count: string; out?: string; seed: string };
try {
  values = parseArgs({ options: { count: { type: 'string', default: '1000' }, out: { type: 'string' }, seed: { type: 'string', default: '1' } } }).values as typeof values;
} catch (e) {
  console.error(`gen:corpus: ${(e as Error).message}\n${usage}`);
  process.exit(2);
}
if (!values.out) {
  console.error(usage);
  process.exit(2);
}
const count = Number(values.count);
if (!Number.isSafeInteger(count) || count < 1) {
  console.error(`gen:corpus: --count "${values.count}": expected a whole number ≥ 1\n${usage}`);
  process.exit(2);
}
const out = path.resolve(values.out);
if (existsSync(out)) {
  const entries = await readdir(out).catch(() => null);
  if (entries === null) {
    console.error(`gen:corpus: ${out} exists and is not a folder; choose another --out`);
    process.exit(2);
  }
  if (entries.length > 0 && !entries.includes(CORPUS_MARKER)) {
    console.error(
      `gen:corpus: ${out} holds ${entries.length} entries and was not made by gen:corpus (no ${CORPUS_MARKER} file); nothing was deleted. ` +
        'Choose an empty or new folder for --out (a generated corpus is never written over an archive).',
    );
    process.exit(2);
  }
  await rm(out, { recursive: true, force: true });
}
const started = Date.now();
let n = 0;
const dirs = new Set<string>();
await mkdir(out, { recursive: true });
await writeFile(path.join(out, CORPUS_MARKER), 'Made by npm run gen:corpus: generated reports, not an archive. gen:corpus may delete this folder.\n');
for (const r of generateCorpus(count, Number(values.seed))) {
  const file = path.join(out, r.path);
  const dir = path.dirname(file);
  if (!dirs.has(dir)) {
    await mkdir(dir, { recursive: true });
    dirs.add(dir);
  }
  await writeFile(file, r.content);
  n++;
}
console.log(`wrote ${n} reports in ${dirs.size} towns to ${out} in ${Date.now() - started} ms (seed ${values.seed})`);
