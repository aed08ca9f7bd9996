/**
 * The one shape of a warning, wherever it is raised (importer, check, build,
 * cross-report findings). Code that reacts to a warning matches its `code`,
 * never its wording; `message` is for the person at the terminal, `zh` for a
 * public page (a report's notes, a 数据核查 list), so no English developer text
 * reaches citizens.
 *
 * Each module declares its own codes as a string-literal union next to the
 * code that raises them (e.g. `type TableWarningCode = 'table.cell-unreadable' | …`)
 * and narrows `Warning<…>` with it; codes are dotted, lower-case, stable.
 */
export interface Warning<Code extends string = string> {
  /** Stable machine-readable kind, e.g. "table.cell-unreadable". */
  code: Code;
  /** English, for the CLI: names the file, line or field, what was found and what was expected. */
  message: string;
  /** Chinese wording for a public page, where the warning is shown there. */
  zh?: string;
  /** File the warning is about (path as shown to the user). */
  file?: string;
  /** 1-based line in that file. */
  line?: number;
  /** Field path, e.g. "stats.applications.received.natural". */
  field?: string;
}

/** "file:line: message" for a terminal. */
export function formatWarning(w: Warning): string {
  const where = w.file ? `${w.file}${w.line ? `:${w.line}` : ''}: ` : w.line ? `line ${w.line}: ` : '';
  return `${where}${w.message}${w.field && !w.message.includes(w.field) ? ` (${w.field})` : ''} [${w.code}]`;
}
