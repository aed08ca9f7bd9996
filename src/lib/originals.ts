/**
 * The original documents: the file each report was imported from, kept in
 * the archive beside the reports as sources/<town-slug>/<year>.<ext>
 * (content/sources/… by default; <CONTENT_DIR>/../sources/… otherwise) with
 * its sha256 in the report's `source.sha256`. The build copies them to the
 * site for 下载原件, the manifest lists them, and check verifies their bytes.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { contentDir } from './paths.ts';

/** Kinds of original the archive keeps, with what a reader is told they are. */
export const ORIGINAL_KINDS: Record<string, string> = {
  '.pdf': 'PDF',
  '.docx': 'Word',
  '.doc': 'Word',
  '.wps': 'WPS',
  '.html': '网页',
  '.htm': '网页',
  '.txt': '文本',
  '.text': '文本',
};

export const sourcesDir = (root = process.cwd()) => path.join(path.dirname(contentDir(root)), 'sources');

/** The extension an original of this file name is kept under, or undefined for kinds not kept. */
export function originalExt(sourceFile: string): string | undefined {
  const ext = path.extname(sourceFile).toLowerCase();
  return ext in ORIGINAL_KINDS ? ext : undefined;
}

/** sources/<id>.<ext> relative to the sources folder's parent (and to the site root). */
export function originalRel(id: string, sourceFile: string): string | undefined {
  const ext = originalExt(sourceFile);
  return ext ? `sources/${id}${ext}` : undefined;
}

export interface OriginalInfo {
  /** path relative to the archive folder: sources/<id>.<ext> */
  rel: string;
  /**
   * path relative to the site root. A saved web page is served as <id>.html.txt: as HTML on the
   * site's own origin, a page from elsewhere could run its scripts there.
   */
  siteRel: string;
  abs: string;
  bytes: number;
  kind: string;
}

/** The original of a report when the archive holds it. */
export function originalOf(id: string, sourceFile: string, root = process.cwd()): OriginalInfo | undefined {
  const rel = originalRel(id, sourceFile);
  if (!rel) return undefined;
  const abs = path.join(path.dirname(sourcesDir(root)), rel);
  if (!existsSync(abs)) return undefined;
  const ext = path.extname(rel);
  return { rel, siteRel: ext === '.html' || ext === '.htm' ? `${rel}.txt` : rel, abs, bytes: statSync(abs).size, kind: ORIGINAL_KINDS[ext]! };
}

export const sha256File = (abs: string) => createHash('sha256').update(readFileSync(abs)).digest('hex');

/** 12.3 KB, 1.4 MB — for the download link. */
export function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

/** The message for an original whose bytes are not the ones its report records (check and build say the same). */
export function originalMismatch(original: string, actual: string, report: string, recorded: string): string {
  return `${original}: its sha256 is ${actual.slice(0, 12)}…, but ${report} records source.sha256 ${recorded.slice(0, 12)}…: the original was changed or replaced. Restore the original file (git checkout), or import the new one with npm run import -- --force`;
}

export interface OriginalFinding {
  file: string;
  level: 'error' | 'warning';
  message: string;
}

/**
 * Each held original against the sha256 its report records, and files in the sources folder that
 * belong to no report (check; the build says the same for mismatches while it copies them).
 */
export function checkOriginals(reports: { id: string; file: string; sourceFile: string; sha256: string }[], listed: string[], root = process.cwd()): OriginalFinding[] {
  const out: OriginalFinding[] = [];
  const expected = new Set<string>();
  for (const r of reports) {
    const rel = originalRel(r.id, r.sourceFile);
    if (rel) expected.add(rel);
    const o = originalOf(r.id, r.sourceFile, root);
    if (!o) continue;
    const actual = sha256File(o.abs);
    if (actual !== r.sha256) out.push({ file: path.relative(root, o.abs), level: 'error', message: originalMismatch(path.relative(root, o.abs), actual, r.file, r.sha256) });
  }
  for (const rel of listed) {
    if (!expected.has(rel)) {
      out.push({ file: path.join(path.relative(root, path.dirname(sourcesDir(root))), rel), level: 'warning', message: `no report keeps this file as its original (expected sources/<town-slug>/<year>.<ext> named after a report and its source.file's extension): move it or remove it` });
    }
  }
  return out;
}
