/**
 * The importer: one source file → one report file (frontmatter + Markdown),
 * with everything it noticed. Stages: extract (per file kind) → clean
 * (artifacts, chrome) → tables (statutory tables → stats) → metadata →
 * narrative (Markdown) → validate (the archive's schema) → serialize.
 * Used by scripts/import.ts; pure apart from reading the input file.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseReport, type ReportData } from '../schema.ts';
import { townSlug } from '../slug.ts';
import { clean } from './clean.ts';
import { extractFile, ImportError, type Extracted } from './extract.ts';
import { extractMetadata, repeatedTitleLines, type MetadataOverrides } from './metadata.ts';
import { toMarkdown, type NarrativeLine } from './narrative.ts';
import { serializeReport } from '../report/write.ts';
import { extractStatTables, type TableKind } from './tables.ts';
import { DecodeError } from './decode.ts';
import { bodyFindings } from '../report/body.ts';
import { renderMarkdown } from '../site/render-body.ts';
import { DomUtils, parseDocument } from 'htmlparser2';

/** Text compared without spacing and table pipes. */
const flat = (t: string) => t.replace(/[\s|]+/g, '');
import { checkSize, LimitError, LIMITS } from './limits.ts';
import { lineList, textQuality } from './text-quality.ts';
import { asImportWarning, warning, type ImportWarning } from './warnings.ts';

export type { ImportWarning, ImportWarningCode } from './warnings.ts';

export { ImportError, SUPPORTED } from './extract.ts';

export interface Fidelity {
  /** Narrative lines of the input (outside tables, chrome and metadata). */
  total: number;
  kept: number;
  /** lines kept whole / total, 1 when there is nothing to keep */
  share: number;
  missing: { line: number; text: string }[];
  /** kept, but with characters decoding could not read (�) */
  damaged: { line: number; text: string }[];
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
  warnings: ImportWarning[];
  fidelity?: Fidelity;
}

export interface ImportOptions extends MetadataOverrides {}

export async function importFile(file: string, opts: ImportOptions = {}): Promise<ImportResult> {
  const base: ImportResult = { file, ok: false, tablesFound: [], cellsRead: 0, warnings: [] };
  try {
    const size = (await stat(file)).size;
    checkSize('the file', size, LIMITS.fileBytes);
    const bytes = new Uint8Array(await readFile(file));
    return await importBytes(path.basename(file), bytes, await extractFile(file, bytes), opts, base);
  } catch (e) {
    if (e instanceof ImportError || e instanceof LimitError || e instanceof DecodeError) return { ...base, error: e.message };
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') return { ...base, error: 'file not found' };
    if (err.code === 'EISDIR') return { ...base, error: 'is a folder, not a file' };
    return { ...base, error: `could not be read: ${err.message}` };
  }
}

async function importBytes(fileName: string, bytes: Uint8Array, extracted: Extracted, opts: ImportOptions, base: ImportResult): Promise<ImportResult> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const quality = judgeText(extracted.lines);
  if (quality.error) return { ...base, encoding: extracted.encoding, error: quality.error };
  const cleaned = clean(extracted.lines);
  const lines = cleaned.lines;
  const tables = extractStatTables(lines);
  const inTable = new Set<number>();
  for (const b of tables.blocks) for (let i = b.start; i < b.end; i++) inTable.add(i);

  const meta = extractMetadata(lines, opts, extracted.agency ? { agency: extracted.agency } : {});
  const warnings: ImportWarning[] = [...quality.warnings, ...meta.warnings, ...tables.warnings.map(asImportWarning)];
  const consumed = new Set<number>(meta.titleLines);
  if (meta.title) for (const i of repeatedTitleLines(lines, meta.title, meta.titleLines)) consumed.add(i);

  const narrative: NarrativeLine[] = [];
  lines.forEach((text, i) => {
    if (!inTable.has(i) && !consumed.has(i) && text.trim()) narrative.push({ source: i + 1, text });
  });
  // a PDF, or pdftotext's copy of one (its pages end in form feeds): lines are cut at the page width
  const pageCut = extracted.encoding === 'pdf' || extracted.lines.some((l) => l.includes('\f'));
  const { markdown, kept } = toMarkdown(narrative, { pageCut });
  const missing = narrative.filter((n) => !kept.has(n.source)).map((n) => ({ line: n.source, text: n.text.trim() }));
  // every kept line must be found again in the page as a reader sees it: the body rendered the way report
  // pages are, its text without markup and spacing (a line split into sections, or a table row, is still whole)
  const page = flat(DomUtils.textContent(parseDocument((await renderMarkdown(markdown)).html)));
  for (const n of narrative) {
    if (kept.has(n.source) && !page.includes(flat(n.text))) missing.push({ line: n.source, text: n.text.trim() });
  }
  const total = narrative.length;
  // a line kept with characters decoding could not read is not kept whole
  const damaged = narrative.filter((n) => kept.has(n.source) && n.text.includes('\ufffd')).map((n) => ({ line: n.source, text: n.text.trim() }));
  const whole = total - missing.length - damaged.length;
  const fidelity: Fidelity = { total, kept: total - missing.length, share: total ? whole / total : 1, missing, damaged };

  const notes: string[] = [];
  const removals = [...extracted.removed.map((r) => ({ line: 0, ...r })), ...cleaned.removed];
  const byWhy = new Map<string, string[]>();
  for (const r of removals) {
    const where = r.line ? `第${r.line}行 ` : '';
    if (!byWhy.has(r.why)) byWhy.set(r.why, []);
    byWhy.get(r.why)!.push(`${where}${r.text}`);
  }
  for (const [why, items] of byWhy) notes.push(`导入时删除（${why}）：${items.join('；')}`);
  for (const w of warnings) if (w.public && w.zh) notes.push(`导入提示：${w.zh}`);

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

  // a 年报解读 (the portal's explanation of the report, published beside it) is not the report
  const compactLines = lines.map((l) => l.replace(/\s+/g, '')).filter(Boolean);
  const explains = compactLines.slice(0, 3).some((l) => /^.{0,40}(年度报告|年报).{0,6}解读|^.{0,10}解读.{0,30}(年度报告|年报)/.test(l) && l.length <= 60);
  const explainsByParts = compactLines.some((l) => /^[一二三四]、编制背景$/.test(l)) && compactLines.some((l) => /^[一二三四五]、编制(依据|目的)$/.test(l));
  if (explains || explainsByParts) {
    return { ...base, warnings, error: 'this is an explanation of an annual report (年报解读), not the report itself: import the report it explains (usually published beside it)' };
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
    // the portal's 发布机构 as written, else the signature (or the town's government)
    agency: cleaned.agency ?? extracted.agency ?? meta.agency,
    ...(meta.code ? { code: meta.code } : {}),
    ...(indexNo ? { indexNo } : {}),
    ...(meta.date ?? cleaned.date ? { date: meta.date ?? cleaned.date } : {}),
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
  const [countyPart, townPart] = slug.split('-');
  if (!countyPart || !townPart) {
    const which = !countyPart ? `county "${meta.county}"` : `town "${meta.town}"`;
    return { ...base, warnings, error: `${which} has no pinyin reading, so no URL can be made for it: pass --${!countyPart ? 'county' : 'town'} with the name in standard characters` };
  }
  const id = `${slug}/${meta.year}`;
  // what the importer writes must pass the archive's own body rules (check and build refuse it otherwise)
  const unsafe = bodyFindings(markdown, 1);
  if (unsafe.length > 0) {
    return { ...base, warnings, error: `the text would be written with content the archive refuses (${unsafe[0]!.message}, body line ${unsafe[0]!.line}); remove it from the source and import again` };
  }
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

/**
 * Refuses text that decoding damaged beyond use, and warns, with figures, of
 * damage that leaves it readable: a report imported with unreadable
 * characters never reports itself as whole.
 */
function judgeText(lines: string[]): { error?: string; warnings: ImportWarning[] } {
  const q = textQuality(lines.join('\n'));
  const warnings: ImportWarning[] = [];
  if (q.control > 0) {
    return {
      warnings,
      error: `holds ${q.control} control character${q.control > 1 ? 's' : ''} (NUL and the like) on line${q.controlLines.length > 1 ? 's' : ''} ${lineList(q.controlLines)}: it is not plain text, or it was saved in an encoding other than UTF-8, GB18030 or UTF-16. Open it in a text editor or Word and save it again as UTF-8 text`,
    };
  }
  if (q.repaired !== undefined) {
    const sample = q.repaired.replace(/\s+/g, '').slice(0, 24);
    return { warnings, error: `reads as mojibake: it is UTF-8 text that was once opened as GBK and saved again (re-read, it begins "${sample}"). Get the original file, or convert it back (GBK → bytes → UTF-8) and import that` };
  }
  if (q.han < 20) return { warnings, error: `holds only ${q.han} Chinese characters (${q.chars} characters in all): not a report's text. Is it the right file, with a text layer (not a scan)?` };
  const common = q.commonHan / q.han;
  if (common < 0.6) {
    return {
      warnings,
      error: `only ${(common * 100).toFixed(0)} % of its ${q.han} Chinese characters are common ones (a report has over 95 %): the text is garbled — a wrong encoding, a PDF without a proper text layer, or not a report. Check the file in a text editor; save it as UTF-8 or GB18030 text`,
    };
  }
  if (q.replacement > 0) {
    const share = q.replacement / q.chars;
    if (share > 0.01) {
      return {
        warnings,
        error: `${q.replacement} characters (${(share * 100).toFixed(1)} %) could not be decoded (shown as �) on lines ${lineList(q.replacementLines)}: the file is damaged or in an encoding other than UTF-8/GB18030/UTF-16. Get a clean copy or save it again as UTF-8`,
      };
    }
    warnings.push(
      warning('text.replacement-characters', `${q.replacement} character${q.replacement > 1 ? 's' : ''} could not be decoded (shown as �) on line${q.replacementLines.length > 1 ? 's' : ''} ${lineList(q.replacementLines)}; kept as �: check them against the original`, {
        line: q.replacementLines[0]!,
        zh: `原文有${q.replacement}处字符无法识别，以“�”标出`,
        public: true,
      }),
    );
  }
  return { warnings };
}

