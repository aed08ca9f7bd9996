/**
 * Validates the archive without building: every file against the schema (as
 * the build does), plus what only a view of the whole archive shows —
 * duplicate town+year, folder and file names vs. slug and year, dates in the
 * future or before 2008, the 勾稽关系 (warnings), links between reports and
 * the redirects file. Each finding names the file, the field and its line.
 * Pure apart from the data handed in; scripts/check.ts reads the files.
 */
import path from 'node:path';
import { isMap, isSeq, type Node } from 'yaml';
import { readFrontmatter } from './frontmatter.ts';
import { bodyFindings } from './body.ts';
import { FIRST_YEAR, parseReport } from '../schema.ts';
import { townSlug } from '../slug.ts';
import { checkStats } from '../stats/checks.ts';
import type { NationalFormat } from '../stats/template.ts';

export interface Finding {
  file: string;
  line?: number | undefined;
  field?: string | undefined;
  level: 'error' | 'warning';
  message: string;
}

export interface SourceFile {
  /** Path shown to the user (relative to the repository). */
  file: string;
  /** Path relative to the reports folder: <town-slug>/<year>.md */
  rel: string;
  text: string;
}

/**
 * What validation learns from one file alone: a pure function of its paths and
 * text under this code (and this calendar year: the schema refuses later
 * years), JSON throughout, so a cache can keep it (validate-cache.ts). The
 * checks against the whole archive and today's date run on these every time.
 */
export interface FileFacts {
  /** Findings of the file alone, in order: frontmatter, schema, body, file name. */
  local: Finding[];
  /** Set when the schema accepts the file: what the checks across the archive need of its data. */
  report?: {
    county: string;
    town: string;
    year: number;
    date?: string;
    published?: string;
    retrieved?: string;
    /** townSlug(county, town) */
    slug: string;
    /** the 勾稽关系 the figures break (the finding's message) */
    stats: string[];
    /** links to other reports in the body: the linked id and the line in the file */
    links: { id: string; line: number }[];
  };
  /** Lines of fields looked up so far (JSON of the path → 1-based line, null for none). */
  lines: Record<string, number | null>;
}

interface Parsed {
  /** the file's paths (its text is not kept) */
  file: { file: string; rel: string };
  /** its key in the cache */
  key?: string;
  facts: FileFacts;
  lineOf: (path: (string | number)[]) => number | undefined;
}

/**
 * Stores facts between runs. key() names this very file (its paths and text, under this code);
 * get() gives the facts kept under a key or nothing; put() is called with a file's facts when
 * they are new or have learnt a line.
 */
export interface FactsCache {
  key(f: SourceFile): string;
  get(key: string): FileFacts | undefined;
  put(key: string, facts: FileFacts): void;
}

/** Reads the frontmatter (the one reader) and maps a field path to its line (1-based, in the whole file). */
function parseFile(f: SourceFile): { yaml?: unknown; body: string; bodyLine: number; lineOf: Parsed['lineOf']; error?: Finding } {
  const r = readFrontmatter(f.text);
  if (!r.ok) return { body: f.text, bodyLine: 1, lineOf: () => undefined, error: { file: f.file, line: r.error.line, level: 'error', message: r.error.message } };
  const fm = r.value;
  // positions are parsed only when a finding needs a line (fm.doc is built on first use)
  const lineOf = (path: (string | number)[]): number | undefined => {
    const { doc, counter } = fm;
    for (let n = path.length; n > 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as Node | undefined;
      const pair = findKey(doc.contents as Node, path.slice(0, n));
      const range = pair?.range ?? node?.range;
      if (range) return counter.linePos(range[0]).line + 1;
    }
    return undefined;
  };
  return { yaml: r.value.data, body: r.value.body, bodyLine: r.value.bodyLine, lineOf };
}

/** The key node of a path, so the line points at "field:" rather than its value. */
function findKey(root: Node, path: (string | number)[]): Node | undefined {
  let cur: Node | undefined = root;
  let key: Node | undefined;
  for (const p of path) {
    if (isMap(cur)) {
      const pair = cur.items.find((it) => (it.key as { value?: unknown })?.value === p);
      if (!pair) return key;
      key = pair.key as Node;
      cur = pair.value as Node;
    } else if (isSeq(cur) && typeof p === 'number') {
      cur = cur.items[p] as Node;
      key = cur;
    } else return key;
  }
  return key;
}

/** The facts of one file, parsed and checked. */
export function fileFacts(f: SourceFile): FileFacts {
  return computeFacts(f).facts;
}

/** The facts and the parsed file's own line lookup (so the checks across the archive need not parse it again). */
function computeFacts(f: SourceFile): { facts: FileFacts; lineOf: Parsed['lineOf']; data?: unknown } {
  const p = parseFile(f);
  const lines: FileFacts['lines'] = {};
  const lineOf = memoLines(lines, () => p.lineOf);
  const done = (facts: FileFacts, data?: unknown) => ({ facts, lineOf: p.lineOf, ...(data !== undefined ? { data } : {}) });
  if (p.error) return done({ local: [p.error], lines });
  const local: Finding[] = [];
  const r = parseReport(p.yaml);
  if (!r.ok) {
    for (const i of r.issues) local.push({ file: f.file, line: lineOf(i.path), field: i.path.join('.') || undefined, level: 'error', message: i.message } as Finding);
  }
  for (const b of bodyFindings(p.body, p.bodyLine)) local.push({ file: f.file, line: b.line, level: 'error', message: b.message });
  if (!/\.md$/.test(f.rel)) local.push({ file: f.file, level: 'error', message: `the file name ends "${path.extname(f.rel)}": name it <year>.md in lower case` });
  if (!r.ok) return done({ local, lines });
  const d = r.data;
  const stats = d.format !== 'free' && d.stats ? checkStats(d.format as NationalFormat, d.stats).filter((c) => c.ok === false).map((c) => `勾稽关系不符: ${c.label} (${c.left} ≠ ${c.right}); kept as published`) : [];
  // links between reports, with their lines in the whole file
  const bodyLines = p.body.split('\n');
  const fmLines = f.text.split('\n').length - bodyLines.length;
  const links: { id: string; line: number }[] = [];
  bodyLines.forEach((l, i) => {
    for (const m of l.matchAll(/\]\((?:\.\.\/)*\/?reports\/([a-z0-9-]+\/\d{4})\/?\)/g)) links.push({ id: m[1]!, line: fmLines + i + 1 });
  });
  const report: NonNullable<FileFacts['report']> = { county: d.county, town: d.town, year: d.year, slug: townSlug(d.county, d.town), stats, links };
  if (d.date) report.date = d.date;
  if (d.published) report.published = d.published;
  if (d.source.retrieved) report.retrieved = d.source.retrieved;
  return done({ local, report, lines }, p.yaml);
}

/** lineOf through the facts' memo: a line not looked up before is found in the parsed file (parsed on first need). */
function memoLines(lines: FileFacts['lines'], parsed: () => Parsed['lineOf'], learnt?: () => void): Parsed['lineOf'] {
  return (p) => {
    const key = JSON.stringify(p);
    if (!Object.hasOwn(lines, key)) {
      lines[key] = parsed()(p) ?? null;
      learnt?.();
    }
    return lines[key] ?? undefined;
  };
}

export interface ValidationOptions {
  today?: string;
  redirects?: Record<string, string>;
  cache?: FactsCache;
}

export function validateArchive(files: SourceFile[], opts: ValidationOptions = {}): Finding[] {
  const v = new ArchiveValidation(opts);
  for (const f of files) v.add(f);
  return v.finish();
}

/**
 * validateArchive one file at a time, so that a caller need not hold every file's text at once
 * (100,000 reports are a gigabyte of text): add() each file, then finish() gives the findings,
 * in the order validateArchive gives them. add() runs the file's own checks while its text is at
 * hand (so the lines they name are known); finish() the checks across the archive. Where those
 * need a line the facts do not hold (a report in the archive twice), `reread` gives the text again.
 */
export class ArchiveValidation {
  private readonly opts: ValidationOptions;
  private readonly today: string;
  private readonly locals: Finding[] = [];
  private readonly parsed: Parsed[] = [];
  private readonly rels: string[] = [];
  /** files whose facts are to be (re)stored: computed now, or a line learnt */
  private readonly changed = new Set<Parsed>();

  constructor(opts: ValidationOptions = {}) {
    this.opts = opts;
    this.today = opts.today ?? new Date().toISOString().slice(0, 10);
  }

  /** Adds a file; gives its YAML data when it was read now (not from the cache) and the schema accepts it. */
  add(f: SourceFile, reread: () => string = () => f.text): { data?: unknown } {
    const key = this.opts.cache?.key(f);
    const cached = key === undefined ? undefined : this.opts.cache!.get(key);
    // a cached file is parsed again only if a check needs a line its facts do not hold
    const computed = cached ? undefined : computeFacts(f);
    const facts = cached ?? computed!.facts;
    const { file, rel } = f;
    let lineOf = computed?.lineOf;
    let current: string | undefined = f.text;
    const p: Parsed = { file: { file, rel }, ...(key !== undefined ? { key } : {}), facts, lineOf: () => undefined };
    p.lineOf = memoLines(facts.lines, () => (lineOf ??= parseFile({ file, rel, text: current ?? reread() }).lineOf), () => this.changed.add(p));
    if (!cached) this.changed.add(p);
    this.rels.push(f.rel);
    this.locals.push(...facts.local);
    if (facts.report) {
      this.parsed.push(p);
      // the file's own checks now, for the lines they name (their findings are given by finish())
      this.fileChecks(p, () => true, []);
    }
    // the text is not kept: a line still needed later reads the file again
    lineOf = undefined;
    current = undefined;
    return computed?.data !== undefined ? { data: computed.data } : {};
  }

  /** One file's checks that need no other file but the archive's ids (links). */
  private fileChecks(p: Parsed, has: (id: string) => boolean, findings: Finding[]): void {
    const d = p.facts.report!;
    const today = this.today;
    const at = (field: string, level: Finding['level'], message: string) =>
      findings.push({ file: p.file.file, line: p.lineOf(field.split('.')), field, level, message });
    // folder and file name
    const [folder, name] = p.file.rel.split('/');
    const slug = d.slug;
    const [countyPart, townPart] = slug.split('-');
    // no URL can be made from a name without a pinyin reading (rare or private-use characters, only symbols)
    if (!countyPart) at('county', 'error', `county "${d.county}" has no pinyin reading, so its pages get no URL: write the name in standard characters as the government publishes it (e.g. 抚远市)`);
    if (!townPart) at('town', 'error', `town "${d.town}" has no pinyin reading, so its pages get no URL: write the name in standard characters as the government publishes it (e.g. 寒葱沟镇)`);
    if (!countyPart || !townPart) {
      /* the folder check below would only repeat this */
    } else if (!/^[a-z0-9]+-[a-z0-9]+$/.test(folder ?? '')) at('town', 'error', `folder "${folder}" is not a slug: lower-case pinyin of county and town joined by "-" (expected "${slug}")`);
    else if (folder !== slug) at('town', 'error', `the folder is "${folder}" but county "${d.county}" and town "${d.town}" give the slug "${slug}": move the file to ${slug}/${d.year}.md (and add a redirect) or correct the names`);
    if (name !== `${d.year}.md`) at('year', 'error', `the file is "${name}" but year is ${d.year}: name it ${d.year}.md`);
    // dates
    for (const field of ['date', 'published'] as const) {
      const v = d[field];
      if (!v) continue;
      if (v > today) at(field, 'error', `${field} ${v} is in the future (today is ${today})`);
      if (v < `${FIRST_YEAR}-01-01`) at(field, 'error', `${field} ${v} is before ${FIRST_YEAR}, when the regulations took effect`);
      if (Number(v.slice(0, 4)) < d.year) at(field, 'warning', `${field} ${v} is before the end of the report year ${d.year}`);
    }
    if (d.retrieved && d.retrieved > today) at('source.retrieved', 'error', `source.retrieved ${d.retrieved} is in the future`);
    // arithmetic
    for (const message of d.stats) at('stats', 'warning', message);
    // links between reports
    for (const l of d.links) {
      if (!has(l.id)) findings.push({ file: p.file.file, line: l.line, level: 'error', message: `link to report "${l.id}" which is not in the archive` });
    }
  }

  /** The findings of every file added, and of the checks across them. */
  finish(): Finding[] {
    const findings = [...this.locals];
    const ids = new Set(this.rels.map((r) => r.replace(/\.md$/, '')));
    const has = (id: string) => ids.has(id);
    const byTownYear = new Map<string, Parsed[]>();
    for (const p of this.parsed) {
      const d = p.facts.report!;
      this.fileChecks(p, has, findings);
      // duplicates
      const key = `${d.county}|${d.town}|${d.year}`;
      const group = byTownYear.get(key);
      if (group) group.push(p);
      else byTownYear.set(key, [p]);
    }
    for (const [, group] of byTownYear) {
      if (group.length > 1) {
        for (const p of group) {
          findings.push({ file: p.file.file, line: p.lineOf(['year']), field: 'year', level: 'error', message: `${p.facts.report!.town} ${p.facts.report!.year} is in the archive more than once: ${group.map((g) => g.file.file).join(', ')}` });
        }
      }
    }
    for (const [from, to] of Object.entries(this.opts.redirects ?? {})) {
      if (ids.has(from)) findings.push({ file: 'content/redirects.yml', level: 'error', message: `redirect from "${from}" but a report still exists there: remove the redirect or the report` });
      if (!ids.has(to)) findings.push({ file: 'content/redirects.yml', level: 'error', message: `redirect "${from}" → "${to}" points to a report that does not exist` });
    }
    if (this.opts.cache) for (const p of this.changed) this.opts.cache.put(p.key!, p.facts);
    return findings;
  }
}
