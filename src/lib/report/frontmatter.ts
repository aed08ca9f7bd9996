/**
 * The one reader of a report file's frontmatter, used by the reports loader
 * (the build), `npm run check` (src/lib/report/validate.ts), the archive files
 * and page rendering (src/lib/site/render-body.ts). YAML only: a file must open
 * with a line that is exactly `---` (gray-matter would `eval` a `---js` block),
 * no custom tags (`!!js/function` …), a bounded number of alias expansions
 * (a "billion laughs" file would take the build down), no duplicate keys.
 * A UTF-8 BOM and CRLF line ends are accepted. Dates stay the text written
 * (no YAML timestamps: js-yaml and yaml 1.1 turn 2020-02-30 into 2020-03-01);
 * the schema checks that YYYY-MM-DD is a real calendar day.
 */
import { LineCounter, parseDocument, type Document } from 'yaml';

/** Aliases a frontmatter may expand: a report has no use for many. */
const MAX_ALIASES = 100;

export interface FrontmatterError {
  line: number;
  message: string;
}

export interface Frontmatter {
  /** The YAML data (plain objects, arrays, strings, numbers, Dates, null). */
  data: unknown;
  /** The Markdown after the closing `---`. */
  body: string;
  /** Line (1-based, in the whole file) where the body starts. */
  bodyLine: number;
  doc: Document;
  counter: LineCounter;
}

const OPEN = /^\uFEFF?---[ \t]*\r?\n/;
const CLOSE = /^---[ \t]*\r?$/m;

/** Splits and parses; an error names the line and says how to fix it. */
export function readFrontmatter(text: string): { ok: true; value: Frontmatter } | { ok: false; error: FrontmatterError } {
  const open = OPEN.exec(text);
  if (!open) {
    const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
    const hint = /^---\S/.test(first)
      ? `the first line is "${first.slice(0, 20)}": only YAML frontmatter is read (no ---js, ---json or other engines); write a line that is exactly "---"`
      : 'the file must start with a line "---", the fields, and another "---"';
    return { ok: false, error: { line: 1, message: `no YAML frontmatter: ${hint}` } };
  }
  const rest = text.slice(open[0].length);
  const close = CLOSE.exec(rest);
  if (!close) return { ok: false, error: { line: 1, message: 'the frontmatter is not closed: add a line "---" after the last field' } };
  const yamlText = rest.slice(0, close.index);
  const afterClose = rest.slice(close.index + close[0].length).replace(/^\n/, '');
  const counter = new LineCounter();
  const doc = parseDocument(yamlText, {
    lineCounter: counter,
    uniqueKeys: true,
    schema: 'core',
    prettyErrors: false,
  });
  // the YAML starts on the file's line 2, and linePos counts from 1
  const lineAt = (pos: number) => counter.linePos(pos).line + 1;
  const problem = doc.errors[0] ?? doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (problem) {
    const msg = problem.code === 'TAG_RESOLVE_FAILED'
      ? `${problem.message.split('\n')[0]}: custom YAML tags are not allowed; write the value as plain text or a number`
      : `the YAML frontmatter cannot be read: ${problem.message.split('\n')[0]}`;
    return { ok: false, error: { line: lineAt(problem.pos[0]), message: msg } };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    return { ok: false, error: { line: 2, message: `the YAML frontmatter cannot be read: ${(e as Error).message.split('\n')[0]} (at most ${MAX_ALIASES} alias expansions)` } };
  }
  const yamlLines = yamlText.split('\n').length - (yamlText.endsWith('\n') ? 1 : 0);
  return {
    ok: true,
    value: { data, body: afterClose, bodyLine: yamlLines + 3, doc, counter },
  };
}
