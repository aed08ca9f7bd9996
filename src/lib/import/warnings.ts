/**
 * What the importer tells the archivist, typed (src/lib/warnings.ts): a stable
 * code to act on, English for the terminal, and — for what a reader of the
 * published report should know (a damaged date left out, figures that do not
 * add up) — Chinese wording that goes into the report's `notes`.
 */
import type { Warning } from '../warnings.ts';

export type ImportWarningCode =
  | 'meta.no-title'
  | 'meta.title-from-text'
  | 'meta.year-conflict'
  | 'meta.year-from-body'
  | 'meta.no-year'
  | 'meta.no-town'
  | 'meta.town-not-in-gazetteer'
  | 'meta.town-ambiguous'
  | 'meta.county-as-written'
  | 'meta.no-county'
  | 'meta.county-from-text'
  | 'meta.date-damaged'
  | 'text.replacement-characters'
  | 'text.control-characters'
  | 'table.arithmetic'
  | 'table.cells'
  | 'table.note';

export interface ImportWarning extends Warning<ImportWarningCode> {
  /** Shown on the public page (its `zh` goes into the report's notes). */
  public?: boolean;
}

export function warning(code: ImportWarningCode, message: string, more: Omit<ImportWarning, 'code' | 'message'> = {}): ImportWarning {
  return { code, message, ...more };
}

/** Table readers still report plain sentences: kept, under a code by what they say. */
export function asImportWarning(w: string | ImportWarning): ImportWarning {
  if (typeof w !== 'string') return w;
  if (w.startsWith('勾稽关系不符')) return { code: 'table.arithmetic', message: w, zh: w.replace(/; figures kept as published$/, '；按原文录入'), public: true };
  if (/values for \d+ (?:columns|cells)/.test(w)) return { code: 'table.cells', message: w };
  return { code: 'table.note', message: w };
}
