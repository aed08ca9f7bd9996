/**
 * npm run gen:corpus -- --count N --out DIR [--seed S]
 * Writes N realistic, deterministic reports as DIR/<town-slug>/<year>.md;
 * point any command at them with CONTENT_DIR=DIR.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateCorpus } from '../src/lib/corpus/generate.ts';

const { values } = parseArgs({ options: { count: { type: 'string', default: '1000' }, out: { type: 'string' }, seed: { type: 'string', default: '1' }, clean: { type: 'boolean', default: true } } });
if (!values.out) {
  console.error('usage: npm run gen:corpus -- --count N --out DIR [--seed S]');
  process.exit(2);
}
const count = Number(values.count);
const out = path.resolve(values.out);
if (values.clean) await rm(out, { recursive: true, force: true });
const started = Date.now();
let n = 0;
const dirs = new Set<string>();
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
