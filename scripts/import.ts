/**
 * npm run import -- <files or folders…> [--out content/reports] [--dry-run] [--force] [--json]
 *                   [--town 某某镇] [--county 某某县] [--year 2020]
 * Imports source reports (txt in any Chinese encoding, html, docx, pdf) into
 * the archive, and keeps each original beside it (<out>/../sources/<town-slug>/<year>.<ext>).
 * Never overwrites a report or an original unless --force (and then shows the
 * diff); the same input always gives the same bytes; exit 1 if any file failed.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createTwoFilesPatch } from 'diff';
import { SUPPORTED, type ImportResult } from '../src/lib/import/index.ts';
import { importIsolated } from '../src/lib/import/isolated.ts';
import { formatWarning } from '../src/lib/warnings.ts';
import { originalRel } from '../src/lib/originals.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    out: { type: 'string', default: 'content/reports' },
    'dry-run': { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    town: { type: 'string' },
    county: { type: 'string' },
    year: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help || positionals.length === 0) {
  console.log(`usage: npm run import -- <files or folders…> [--out content/reports] [--dry-run] [--force] [--json] [--town 名] [--county 名] [--year 年]
  Supported: ${SUPPORTED.join(' ')}`);
  process.exit(positionals.length === 0 && !values.help ? 2 : 0);
}

async function expand(p: string): Promise<string[]> {
  const s = await stat(p).catch(() => undefined);
  if (!s || !s.isDirectory()) return [p];
  const out: string[] = [];
  for (const e of (await readdir(p, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(p, e.name);
    if (e.isDirectory()) out.push(...(await expand(full)));
    else if (SUPPORTED.includes(path.extname(e.name).toLowerCase())) out.push(full);
  }
  return out;
}

type Outcome = ImportResult & { original?: string; written?: string; status?: 'written' | 'unchanged' | 'would write' | 'exists' | 'overwritten'; diff?: string };

const files = (await Promise.all(positionals.map(expand))).flat();
const outcomes: Outcome[] = [];
const claimed = new Map<string, string>();
const importOpts = {
  ...(values.town ? { town: values.town } : {}),
  ...(values.county ? { county: values.county } : {}),
  ...(values.year ? { year: Number(values.year) } : {}),
};
// each file in a worker with its own memory and time limits: one bad file fails alone and the batch goes on
for await (const result of importIsolated(files, importOpts)) {
  const file = result.file;
  const r: Outcome = result;
  if (r.ok && r.relPath && r.content) {
    const target = path.join(values.out!, r.relPath);
    r.written = target;
    const other = claimed.get(target);
    if (other) {
      r.ok = false;
      r.error = `${other} and this file both import to ${target} (same town and year); import one of them, or fix --town/--year`;
    } else {
      claimed.set(target, file);
      const existing = existsSync(target) ? await readFile(target, 'utf8') : undefined;
      // the original document is kept beside the reports: <out>/../sources/<town-slug>/<year>.<ext>
      const originalRelPath = originalRel(r.id!, r.data!.source.file);
      const originalTarget = originalRelPath ? path.join(path.dirname(values.out!), originalRelPath) : undefined;
      const originalBytes = originalTarget ? await readFile(file) : undefined;
      const existingOriginal = originalTarget && existsSync(originalTarget) ? await readFile(originalTarget) : undefined;
      const originalDiffers = existingOriginal !== undefined && originalBytes !== undefined && !existingOriginal.equals(originalBytes);
      if (originalDiffers && !values.force) {
        r.ok = false;
        r.status = 'exists';
        r.error = `${originalTarget} already holds a different original for this report; nothing was written. Re-run with --force to replace both`;
      } else if (existing === r.content && !originalDiffers && (existingOriginal !== undefined || !originalTarget)) r.status = 'unchanged';
      else if (existing !== undefined && existing !== r.content && !values.force) {
        r.ok = false;
        r.status = 'exists';
        r.error = `${target} already exists with different content; nothing was written. Re-run with --force to replace it (the diff will be shown)`;
      } else {
        if (existing !== undefined) r.diff = createTwoFilesPatch(target, target, existing, r.content, 'archive', 'import');
        if (values['dry-run']) r.status = 'would write';
        else {
          // the original first: a report never points at an original that is not there
          if (originalTarget && originalBytes) {
            await mkdir(path.dirname(originalTarget), { recursive: true });
            await writeFile(originalTarget, originalBytes);
            r.original = originalTarget;
          }
          await mkdir(path.dirname(target), { recursive: true });
          await writeFile(target, r.content);
          r.status = existing !== undefined ? (existing === r.content ? 'written' : 'overwritten') : 'written';
        }
      }
    }
  }
  outcomes.push(r);
}

if (values.json) {
  console.log(JSON.stringify(outcomes.map(({ content, ...rest }) => rest), null, 2));
} else {
  for (const r of outcomes) {
    console.log(`\n${r.ok ? '✔' : '✘'} ${r.file}`);
    if (r.error) console.log(`  error: ${r.error}`);
    if (r.data) {
      const d = r.data;
      console.log(`  ${r.status ?? ''} → ${r.written}${r.original ? ` (original kept as ${r.original})` : ''}`);
      console.log(`  ${d.title}`);
      console.log(`  town ${d.town} · county ${d.county}${d.city ? ` · city ${d.city}` : ''}${d.province ? ` · province ${d.province}` : ''}${d.code ? ` · code ${d.code}` : ''}`);
      console.log(`  year ${d.year} · agency ${d.agency} · date ${d.date ?? '—'} · published ${d.published ?? '—'} · encoding ${r.encoding}`);
      console.log(`  format ${d.format} · tables ${r.tablesFound.length ? r.tablesFound.join(', ') : 'none'} · cells read ${r.cellsRead}`);
    }
    if (r.fidelity) {
      const f = r.fidelity;
      console.log(`  fidelity ${(f.share * 100).toFixed(1)} % (${f.kept}/${f.total} narrative lines kept)`);
      for (const m of f.missing) console.log(`    not kept, line ${m.line}: ${m.text}`);
    }
    for (const w of r.warnings) console.log(`  warning: ${formatWarning(w)}`);
    if (r.diff) console.log(r.diff);
  }
  const failed = outcomes.filter((r) => !r.ok).length;
  console.log(`\n${outcomes.length - failed} imported, ${failed} failed${values['dry-run'] ? ' (dry run: nothing written)' : ''}`);
}
process.exit(outcomes.some((r) => !r.ok) ? 1 : 0);
