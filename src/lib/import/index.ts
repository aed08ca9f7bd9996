/**
 * The importer: one source file → one report file (frontmatter + Markdown),
 * with everything it noticed. Stages: extract (per file kind) → clean
 * (artifacts, chrome) → tables (statutory tables → stats) → metadata →
 * narrative (Markdown) → validate (the archive's schema) → serialize.
 * Used by scripts/import.ts; pure apart from reading the input file.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseReport, type ReportData } from '../schema.ts';
import { townSlug } from '../slug.ts';
import { clean } from './clean.ts';
import { extractFile, ImportError, type Extracted } from './extract.ts';
import { extractMetadata, repeatedTitleLines, type MetadataOverrides } from './metadata.ts';
import { toMarkdown, type NarrativeLine } from './narrative.ts';
import { serializeReport } from './serialize.ts';
import { extractStatTables, type TableKind } from './tables.ts';

export { ImportError, SUPPORTED } from './extract.ts';

export interface Fidelity {
  /** Narrative lines of the input (outside tables, chrome and metadata). */
  total: number;
  kept: number;
  /** kept / total, 1 when there is nothing to keep */
  share: number;
  missing: { line: number; text: string }[];
}

export interface ImportResult {
  file: string;
  ok: boolean;
  error?: string;
  id?: string;
  /** Path relative to the output folder: <town-slug>/<year>.md */
  relPath?: string;
  data?: ReportData;
  content?: string;
  encoding?: Extracted['encoding'];
  tablesFound: TableKind[];
  cellsRead: number;
  warnings: string[];
  fidelity?: Fidelity;
}

export interface ImportOptions extends MetadataOverrides {}

export async function importFile(file: string, opts: ImportOptions = {}): Promise<ImportResult> {
  const base: ImportResult = { file, ok: false, tablesFound: [], cellsRead: 0, warnings: [] };
  try {
    const bytes = new Uint8Array(await readFile(file));
    return importBytes(path.basename(file), bytes, await extractFile(file, bytes), opts, base);
  } catch (e) {
    if (e instanceof ImportError) return { ...base, error: e.message };
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') return { ...base, error: 'file not found' };
    if (err.code === 'EISDIR') return { ...base, error: 'is a folder, not a file' };
    return { ...base, error: `could not be read: ${err.message}` };
  }
}

function importBytes(fileName: string, bytes: Uint8Array, extracted: Extracted, opts: ImportOptions, base: ImportResult): ImportResult {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const cleaned = clean(extracted.lines);
  const lines = cleaned.lines;
  const tables = extractStatTables(lines);
  const inTable = new Set<number>();
  for (const b of tables.blocks) for (let i = b.start; i < b.end; i++) inTable.add(i);

  const meta = extractMetadata(lines, opts);
  const warnings = [...meta.warnings, ...tables.warnings];
  const consumed = new Set<number>(meta.titleLines);
  if (meta.title) for (const i of repeatedTitleLines(lines, meta.title, meta.titleLines)) consumed.add(i);

  const narrative: NarrativeLine[] = [];
  lines.forEach((text, i) => {
    if (!inTable.has(i) && !consumed.has(i) && text.trim()) narrative.push({ source: i + 1, text });
  });
  const { markdown, kept } = toMarkdown(narrative);
  const missing = narrative.filter((n) => !kept.has(n.source)).map((n) => ({ line: n.source, text: n.text.trim() }));
  // every kept line must be found again in the Markdown (escapes aside)
  // compare without Markdown's own marks (escapes, heading #) and spacing: a line split into sections is still whole
  const body = markdown.replace(/<(https?:[^>\s]+)>/g, '$1').replace(/\\(.)/g, '$1').replace(/^#+ /gm, '').replace(/\s+/g, '');
  for (const n of narrative) {
    if (kept.has(n.source) && !body.includes(n.text.replace(/\s+/g, ''))) missing.push({ line: n.source, text: n.text.trim() });
  }
  const total = narrative.length;
  const fidelity: Fidelity = { total, kept: total - missing.length, share: total ? (total - missing.length) / total : 1, missing };

  const notes: string[] = [];
  const removals = [...extracted.removed.map((r) => ({ line: 0, ...r })), ...cleaned.removed];
  const byWhy = new Map<string, string[]>();
  for (const r of removals) {
    const where = r.line ? `第${r.line}行 ` : '';
    if (!byWhy.has(r.why)) byWhy.set(r.why, []);
    byWhy.get(r.why)!.push(`${where}${r.text}`);
  }
  for (const [why, items] of byWhy) notes.push(`导入时删除（${why}）：${items.join('；')}`);
  for (const w of meta.warnings) if (/damaged|left out/.test(w)) notes.push(`导入提示：${w}`);

  // one file, one report: a second, different report title further down is a second report
  const titles = lines
    .map((l, i) => ({ i, t: l.replace(/\s+/g, '') }))
    .filter(({ i, t }) => !consumed.has(i) && t.length <= 60 && /(?:19|20)\d{2}年.{0,30}(?:年度|工作).{0,12}报告$/.test(t) && !/[。；，,]/.test(t) && t !== meta.title);
  const second = titles.find(({ t }) => /((?:19|20)\d{2})年/.exec(t)?.[1] !== String(meta.year) || !meta.title);
  if (meta.title && second) {
    return {
      ...base,
      warnings,
      error: `holds two reports: "${meta.title}" and "${second.t}" (line ${second.i + 1}); split the file at line ${second.i + 1} into two files and import each`,
    };
  }

  const missingFields = (['town', 'county', 'year'] as const).filter((k) => meta[k] === undefined);
  if (missingFields.length > 0) {
    return { ...base, warnings, error: `could not find ${missingFields.join(', ')} in the text; pass ${missingFields.map((k) => `--${k}`).join(' ')} to set them` };
  }
  const published = cleaned.published ?? extracted.published;
  const indexNo = cleaned.indexNo ?? extracted.indexNo;
  const data: Record<string, unknown> = {
    title: meta.title,
    town: meta.town,
    county: meta.county,
    ...(meta.city ? { city: meta.city } : {}),
    ...(meta.province ? { province: meta.province } : {}),
    year: meta.year,
    agency: meta.agency,
    ...(meta.code ? { code: meta.code } : {}),
    ...(indexNo ? { indexNo } : {}),
    ...(meta.date ? { date: meta.date } : {}),
    ...(published ? { published } : {}),
    format: tables.format,
    source: { file: fileName, sha256 },
    ...(tables.stats ? { stats: tables.stats } : {}),
    ...(notes.length ? { notes } : {}),
  };
  const parsed = parseReport(data);
  if (!parsed.ok) {
    return {
      ...base,
      warnings,
      error: `the imported data does not fit the report format: ${parsed.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    };
  }
  const slug = townSlug(meta.county!, meta.town!);
  const id = `${slug}/${meta.year}`;
  return {
    ...base,
    ok: true,
    id,
    relPath: `${id}.md`,
    data: parsed.data,
    encoding: extracted.encoding,
    tablesFound: tables.tablesFound,
    cellsRead: tables.cellsRead,
    warnings,
    fidelity,
    content: serializeReport(parsed.data, markdown),
  };
}
