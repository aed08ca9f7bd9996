/**
 * npm run bench:import -- [--json] [--misses]
 * Imports every fixture of the real-report corpus (tests/fixtures/real/, and the
 * produced files of tests/fixtures/produced/index.json when present) and scores
 * it against its hand-written truth.json: metadata fields exact, statutory
 * cells exact, paragraphs kept whole, refusals right. Prints Markdown tables
 * per file, by producer, by format and by both, and the most frequent kinds of
 * failure. A benchmark, not a test: it always exits 0.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { scoreCorpus } from '../tests/fixtures/real/corpus.ts';
import { failureKinds, groupBy, markdownTable, tally } from '../src/lib/import/score.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { json: { type: 'boolean', default: false }, misses: { type: 'boolean', default: false } } });

let scores: Awaited<ReturnType<typeof scoreCorpus>> = [];
try {
  scores = await scoreCorpus(ROOT);
} catch (e) {
  // a benchmark reports, it does not fail: print the fault and score what there is (nothing)
  console.error(`bench:import could not score the corpus: ${(e as Error).message}`);
}
const byProducer = groupBy(scores, (s) => s.producer);
const byFormat = groupBy(scores, (s) => s.format);
const byBoth = groupBy(scores, (s) => `${s.producer} · ${s.format}`);

if (values.json) {
  const obj = (m: Map<string, unknown>) => Object.fromEntries(m);
  console.log(
    JSON.stringify(
      { total: tally(scores), byProducer: obj(byProducer), byFormat: obj(byFormat), byProducerFormat: obj(byBoth), failureKinds: failureKinds(scores), files: scores },
      null,
      2,
    ),
  );
} else {
  const perFile = groupBy(scores, (s) => `${s.producer} · ${s.id}`);
  console.log('## Per file\n');
  console.log(markdownTable('file', perFile));
  console.log('\n## By producer\n');
  console.log(markdownTable('producer', byProducer));
  console.log('\n## By format\n');
  console.log(markdownTable('format', byFormat));
  console.log('\n## By producer and format\n');
  console.log(markdownTable('producer · format', byBoth));
  console.log('\n## Total\n');
  console.log(markdownTable('all', new Map([['all', tally(scores)]])));
  console.log('\n## Failure kinds (files affected)\n');
  for (const [k, n] of failureKinds(scores)) console.log(`- ${n} × ${k}`);
  if (values.misses) {
    console.log('\n## Misses\n');
    for (const s of scores) {
      const lines = [
        ...(s.outcomeRight ? [] : [`outcome: expected ${s.expect}, error: ${s.error ?? '(none)'}`]),
        ...s.meta.misses.map((m) => `meta.${m.what}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.got)}`),
        ...s.cells.misses.slice(0, 8).map((m) => `stats.${m.what}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.got)}`),
        ...(s.cells.misses.length > 8 ? [`… ${s.cells.misses.length - 8} more cells`] : []),
        ...s.paragraphs.missing.slice(0, 4).map((p) => `paragraph not whole: ${p.slice(0, 50)}…`),
      ];
      if (lines.length) console.log(`### ${s.producer} · ${s.id}\n${lines.map((l) => `- ${l}`).join('\n')}\n`);
    }
  }
}
// exitCode, not process.exit(): exit() would cut off a large --json output still being written to a pipe
process.exitCode = 0;
