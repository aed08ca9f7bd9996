/**
 * The one reader of a report file's frontmatter, used by the reports loader
 * (the build), `npm run check` (src/lib/report/validate.ts), the archive files
 * and page rendering (src/lib/site/render-body.ts). YAML only: a file must open
 * with a line that is exactly `---` (gray-matter would `eval` a `---js` block),
 * no custom tags (`!!js/function` …), a bounded number of alias expansions
 * (a "billion laughs" file would take the build down), no duplicate keys.
 * A UTF-8 BOM and CRLF line ends are accepted. Dates stay the text written
 * (the core schema has no timestamps: a YAML 1.1 reader turns 2020-02-30 into 2020-03-01);
 * the schema checks that YYYY-MM-DD is a real calendar day.
 */
import jsyaml from 'js-yaml';
import { LineCounter, parseDocument, type Document } from 'yaml';

/**
 * Nodes the data may hold once aliases are followed: a report has a few
 * hundred; a "billion laughs" file has 10⁹ (js-yaml shares aliased nodes, so
 * the bomb would go off later, in whatever walks the data).
 */
const MAX_NODES = 100_000;

export interface FrontmatterError {
  line: number;
  message: string;
}

export interface Frontmatter {
  /** The YAML data (plain objects, arrays, strings, numbers, booleans, null). */
  data: unknown;
  /** The Markdown after the closing `---`. */
  body: string;
  /** Line (1-based, in the whole file) where the body starts. */
  bodyLine: number;
  /**
   * The YAML as a document with positions, for messages that name a line: built on first use
   * (js-yaml reads the data ten times faster than the yaml package, which keeps positions).
   */
  readonly doc: Document;
  readonly counter: LineCounter;
  /** Line (1-based, in the whole file) of the YAML's first line. */
  yamlLine: number;
}

const OPEN = /^\uFEFF?---[ \t]*\r?\n/;
const CLOSE = /^---[ \t]*\r?$/m;

/** The YAML text and the body, as readFrontmatter splits them; undefined when the frontmatter is not closed. */
function split(text: string, open: RegExpExecArray): { yamlText: string; body: string } | undefined {
  const rest = text.slice(open[0].length);
  const close = CLOSE.exec(rest);
  if (!close) return undefined;
  return { yamlText: rest.slice(0, close.index), body: rest.slice(close.index + close[0].length).replace(/^\n/, '') };
}

/**
 * The body of a file the build has validated and the line it starts on (as readFrontmatter(text)
 * gives them), without reading the YAML: for what needs every report's text on every build (the
 * checks across reports) or the text of each page rendered. undefined where readFrontmatter finds
 * no frontmatter to split off.
 */
export function splitFrontmatter(text: string): { body: string; bodyLine: number } | undefined {
  const open = OPEN.exec(text);
  const parts = open ? split(text, open) : undefined;
  return parts && { body: parts.body, bodyLine: yamlLineCount(parts.yamlText) + 3 };
}

const yamlLineCount = (yamlText: string) => yamlText.split('\n').length - (yamlText.endsWith('\n') ? 1 : 0);

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
  const parts = split(text, open);
  if (!parts) return { ok: false, error: { line: 1, message: 'the frontmatter is not closed: add a line "---" after the last field' } };
  const { yamlText, body: afterClose } = parts;
  // the YAML starts on the file's line 2
  const raw = rawControl(yamlText);
  if (raw) return { ok: false, error: raw };
  let data: unknown;
  try {
    data = jsyaml.load(yamlText, { schema: jsyaml.CORE_SCHEMA, json: false });
  } catch (e) {
    const err = e as { reason?: string; message: string; mark?: { line: number } };
    const line = (err.mark?.line ?? 0) + 2;
    const reason = err.reason ?? err.message.split('\n')[0]!;
    if (/unknown tag/.test(reason)) return { ok: false, error: { line, message: `${reason}: custom YAML tags are not allowed; write the value as plain text or a number` } };
    if (/duplicated mapping key/.test(reason)) return { ok: false, error: { line, message: 'the same key is written twice: keys must be unique in the frontmatter; keep one' } };
    return { ok: false, error: { line, message: `the YAML frontmatter cannot be read: ${reason}` } };
  }
  const nodes = countNodes(data, MAX_NODES);
  if (nodes > MAX_NODES) {
    return { ok: false, error: { line: 2, message: `the YAML frontmatter expands to more than ${MAX_NODES.toLocaleString('en')} values through its aliases (*name): a report has a few hundred; write the values out instead of aliasing them` } };
  }
  const yamlLines = yamlLineCount(yamlText);
  let positions: { doc: Document; counter: LineCounter } | undefined;
  const located = () => {
    if (!positions) {
      const counter = new LineCounter();
      positions = { doc: parseDocument(yamlText, { lineCounter: counter, uniqueKeys: true, schema: 'core', prettyErrors: false }), counter };
    }
    return positions;
  };
  return {
    ok: true,
    value: {
      data,
      body: afterClose,
      bodyLine: yamlLines + 3,
      yamlLine: 2,
      get doc() {
        return located().doc;
      },
      get counter() {
        return located().counter;
      },
    },
  };
}

/** A control character written into the YAML itself (the parser would only say "cannot be read"). */
function rawControl(yamlText: string): FrontmatterError | undefined {
  const m = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.exec(yamlText);
  if (!m) return undefined;
  const before = yamlText.slice(0, m.index).split('\n');
  const key = [...before].reverse().map((l) => /^\s*([A-Za-z][\w.]*)\s*:/.exec(l)?.[1]).find(Boolean);
  const code = `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  return { line: before.length + 1, message: `${key ? `${key}: ` : ''}control character ${code} in the frontmatter: remove it (no report field holds one; it usually comes from a damaged copy)` };
}

/** Values in data, following shared (aliased) nodes each time they are reached; stops counting past limit. */
function countNodes(data: unknown, limit: number): number {
  let n = 0;
  const stack: unknown[] = [data];
  while (stack.length > 0 && n <= limit) {
    const v = stack.pop();
    n++;
    if (Array.isArray(v)) for (const x of v) stack.push(x);
    else if (v !== null && typeof v === 'object') for (const x of Object.values(v)) stack.push(x);
  }
  return n;
}
