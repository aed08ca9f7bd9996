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
import { FIRST_YEAR, parseReport, type ReportData } from '../schema.ts';
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

interface Parsed {
  file: SourceFile;
  data?: ReportData;
  body: string;
  lineOf: (path: (string | number)[]) => number | undefined;
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

export function validateArchive(files: SourceFile[], opts: { today?: string; redirects?: Record<string, string> } = {}): Finding[] {
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  const findings: Finding[] = [];
  const parsed: Parsed[] = [];
  for (const f of files) {
    const p = parseFile(f);
    if (p.error) {
      findings.push(p.error);
      continue;
    }
    const r = parseReport(p.yaml);
    if (!r.ok) {
      for (const i of r.issues) findings.push({ file: f.file, line: p.lineOf(i.path), field: i.path.join('.') || undefined, level: 'error', message: i.message } as Finding);
      parsed.push({ file: f, body: p.body, lineOf: p.lineOf });
    } else parsed.push({ file: f, data: r.data, body: p.body, lineOf: p.lineOf });
    for (const b of bodyFindings(p.body, p.bodyLine)) findings.push({ file: f.file, line: b.line, level: 'error', message: b.message });
    if (!/\.md$/.test(f.rel)) findings.push({ file: f.file, level: 'error', message: `the file name ends "${path.extname(f.rel)}": name it <year>.md in lower case` });
  }

  const ids = new Set(files.map((f) => f.rel.replace(/\.md$/, '')));
  const byTownYear = new Map<string, Parsed[]>();
  for (const p of parsed) {
    const d = p.data;
    if (!d) continue;
    const at = (field: string, level: Finding['level'], message: string) =>
      findings.push({ file: p.file.file, line: p.lineOf(field.split('.')), field, level, message });
    // folder and file name
    const [folder, name] = p.file.rel.split('/');
    const slug = townSlug(d.county, d.town);
    const [countyPart, townPart] = slug.split('-');
    // no URL can be made from a name without a pinyin reading (rare or private-use characters, only symbols)
    if (!countyPart) at('county', 'error', `county "${d.county}" has no pinyin reading, so its pages get no URL: write the name in standard characters as the government publishes it (e.g. 抚远市)`);
    if (!townPart) at('town', 'error', `town "${d.town}" has no pinyin reading, so its pages get no URL: write the name in standard characters as the government publishes it (e.g. 寒葱沟镇)`);
    if (!countyPart || !townPart) {
      /* the folder check below would only repeat this */
    } else if (!/^[a-z0-9]+-[a-z0-9]+$/.test(folder ?? '')) at('town', 'error', `folder "${folder}" is not a slug: lower-case pinyin of county and town joined by "-" (expected "${slug}")`);
    else if (folder !== slug) at('town', 'error', `the folder is "${folder}" but county "${d.county}" and town "${d.town}" give the slug "${slug}": move the file to ${slug}/${d.year}.md (and add a redirect) or correct the names`);
    if (name !== `${d.year}.md`) at('year', 'error', `the file is "${name}" but year is ${d.year}: name it ${d.year}.md`);
    // duplicates
    const key = `${d.county}|${d.town}|${d.year}`;
    byTownYear.set(key, [...(byTownYear.get(key) ?? []), p]);
    // dates
    for (const field of ['date', 'published'] as const) {
      const v = d[field];
      if (!v) continue;
      if (v > today) at(field, 'error', `${field} ${v} is in the future (today is ${today})`);
      if (v < `${FIRST_YEAR}-01-01`) at(field, 'error', `${field} ${v} is before ${FIRST_YEAR}, when the regulations took effect`);
      if (Number(v.slice(0, 4)) < d.year) at(field, 'warning', `${field} ${v} is before the end of the report year ${d.year}`);
    }
    if (d.source.retrieved && d.source.retrieved > today) at('source.retrieved', 'error', `source.retrieved ${d.source.retrieved} is in the future`);
    // arithmetic
    if (d.format !== 'free' && d.stats) {
      for (const c of checkStats(d.format as NationalFormat, d.stats)) {
        if (c.ok === false) at('stats', 'warning', `勾稽关系不符: ${c.label} (${c.left} ≠ ${c.right}); kept as published`);
      }
    }
    // links between reports
    const lines = p.body.split('\n');
    const fmLines = p.file.text.split('\n').length - lines.length;
    lines.forEach((l, i) => {
      for (const m of l.matchAll(/\]\((?:\.\.\/)*\/?reports\/([a-z0-9-]+\/\d{4})\/?\)/g)) {
        if (!ids.has(m[1]!)) findings.push({ file: p.file.file, line: fmLines + i + 1, level: 'error', message: `link to report "${m[1]}" which is not in the archive` });
      }
    });
  }
  for (const [, group] of byTownYear) {
    if (group.length > 1) {
      for (const p of group) {
        findings.push({ file: p.file.file, line: p.lineOf(['year']), field: 'year', level: 'error', message: `${p.data!.town} ${p.data!.year} is in the archive more than once: ${group.map((g) => g.file.file).join(', ')}` });
      }
    }
  }
  for (const [from, to] of Object.entries(opts.redirects ?? {})) {
    if (ids.has(from)) findings.push({ file: 'content/redirects.yml', level: 'error', message: `redirect from "${from}" but a report still exists there: remove the redirect or the report` });
    if (!ids.has(to)) findings.push({ file: 'content/redirects.yml', level: 'error', message: `redirect "${from}" → "${to}" points to a report that does not exist` });
  }
  return findings;
}
