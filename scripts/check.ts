/**
 * npm run check [-- --json]: validates every report in content/reports (or
 * CONTENT_DIR) and the originals kept beside them (sources/) without building. Prints findings grouped by file with line
 * numbers; exit 1 on errors, 0 with only warnings.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { validateArchive, type Finding, type SourceFile } from '../src/lib/report/validate.ts';
import { readRedirects } from '../src/lib/redirects.ts';
import { contentDir } from '../src/lib/paths.ts';
import { checkOriginals, sourcesDir } from '../src/lib/originals.ts';
import { readFrontmatter } from '../src/lib/report/frontmatter.ts';
import { parseReport } from '../src/lib/schema.ts';
import { CROSS_KINDS, crossFindings } from '../src/lib/findings/cross.ts';
import { existsSync } from 'node:fs';

const { values } = parseArgs({ options: { json: { type: 'boolean', default: false } } });
const dir = contentDir();
const files: SourceFile[] = [];
for (const town of (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
  for (const name of (await readdir(path.join(dir, town))).filter((n) => /\.md$/i.test(n)).sort()) {
    const full = path.join(dir, town, name);
    files.push({ file: path.relative(process.cwd(), full), rel: `${town}/${name}`, text: await readFile(full, 'utf8') });
  }
}
const started = Date.now();
const findings = validateArchive(files, { redirects: await readRedirects() });
// the originals the archive holds (content/sources/…) against the sha256 their reports record
const reports = files.flatMap((f) => {
  const fm = readFrontmatter(f.text);
  const d = (fm.ok ? fm.value.data : undefined) as { source?: { file?: unknown; sha256?: unknown } } | undefined;
  return typeof d?.source?.file === 'string' && typeof d.source.sha256 === 'string'
    ? [{ id: f.rel.replace(/\.md$/i, ''), file: f.file, sourceFile: d.source.file, sha256: d.source.sha256 }]
    : [];
});
const held = existsSync(sourcesDir())
  ? (await readdir(sourcesDir(), { recursive: true, withFileTypes: true })).filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => path.relative(path.dirname(sourcesDir()), path.join(e.parentPath, e.name)).split(path.sep).join('/'))
  : [];
findings.push(...checkOriginals(reports, held));
// checks across reports (continuity, text against table, gaps, format against year): warnings, as on the 数据核查 pages
const crossInputs = files.flatMap((f) => {
  const fm = readFrontmatter(f.text);
  const p = fm.ok ? parseReport(fm.value.data) : undefined;
  return fm.ok && p?.ok ? [{ id: f.rel.replace(/\.md$/i, ''), data: p.data, body: fm.value.body, file: f.file, bodyLine: fm.value.bodyLine }] : [];
});
const fileOf = new Map(crossInputs.map((c) => [c.id, c]));
for (const c of crossFindings(crossInputs)) {
  const src = fileOf.get(c.id)!;
  findings.push({ file: src.file, ...(c.line ? { line: src.bodyLine + c.line - 1 } : {}), ...(c.field ? { field: c.field } : {}), level: 'warning', message: `${CROSS_KINDS[c.code]}：${c.zh}` } as Finding);
}
const errors = findings.filter((f) => f.level === 'error');
if (values.json) {
  console.log(JSON.stringify({ files: files.length, errors: errors.length, warnings: findings.length - errors.length, findings }, null, 2));
} else {
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  for (const [file, list] of byFile) {
    console.log(`\n${file}`);
    for (const f of list.sort((a, b) => (a.line ?? 0) - (b.line ?? 0))) {
      console.log(`  ${f.line ? `line ${f.line}` : '       '}  ${f.level === 'error' ? 'error  ' : 'warning'}  ${f.field ? `${f.field}: ` : ''}${f.message}`);
    }
  }
  console.log(`\nchecked ${files.length} reports in ${Date.now() - started} ms: ${errors.length} errors, ${findings.length - errors.length} warnings`);
}
process.exit(errors.length ? 1 : 0);
