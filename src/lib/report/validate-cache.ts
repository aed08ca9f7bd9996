/**
 * The validation cache: each file's facts (validate.ts) kept between builds, so
 * an unchanged file is neither parsed nor checked again. A file's entry is
 * keyed by the sha256 of its paths and text; the whole cache by a code version:
 * the sources validation runs (validate.ts followed through its relative
 * imports), the installed packages (package-lock.json) and the calendar year
 * (the schema refuses years after it). The checks across the archive and
 * against today's date run on every build, from the facts, and a cached file's
 * own findings are given again every time: a file that failed fails again.
 *
 * Safe when wrong: a cache that cannot be read, does not match its own
 * checksum, or was written by other code is not used, and every file is
 * validated; it is written atomically (a temporary file renamed), so a killed
 * build leaves the old cache or the new one. It holds only the files of the
 * last run (a removed report's entry goes).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FactsCache, FileFacts, SourceFile } from './validate.ts';

/** Bumped when the file's layout changes. */
const FORMAT = 1;
const MAGIC = 'nianbao-validation-cache';

const sha = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

/** validate.ts and every module it imports by a relative path, sorted (repository-relative). */
export function validationSources(root: string): string[] {
  const seen = new Set<string>();
  const visit = (abs: string) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    let text: string;
    try {
      text = readFileSync(abs, 'utf8');
    } catch {
      return;
    }
    for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?['"](\.{1,2}\/[^'"]+)['"]/g)) visit(path.resolve(path.dirname(abs), m[1]!));
  };
  visit(path.join(root, 'src/lib/report/validate.ts'));
  return [...seen].map((f) => path.relative(root, f).split(path.sep).join('/')).sort();
}

/** The code version: what a file's facts depend on besides the file. */
export function codeVersion(root: string, year = new Date().getUTCFullYear()): string {
  const h = createHash('sha256');
  h.update(`${MAGIC} ${FORMAT}\0year ${year}\0`);
  for (const f of [...validationSources(root), 'package-lock.json']) {
    const abs = path.join(root, f);
    h.update(`${f}\0${existsSync(abs) ? sha(readFileSync(abs)) : 'missing'}\0`);
  }
  return h.digest('hex');
}

const keyOf = (f: SourceFile) => sha(`${f.file}\0${f.rel}\0${f.text}`);

function isFacts(x: unknown): x is FileFacts {
  const f = x as FileFacts | null;
  return !!f && typeof f === 'object' && Array.isArray(f.local) && !!f.lines && typeof f.lines === 'object' && (f.report === undefined || (typeof f.report === 'object' && Array.isArray(f.report.stats) && Array.isArray(f.report.links)));
}

export class ValidationCache implements FactsCache {
  /** entries read from the file */
  private readonly old: Map<string, FileFacts>;
  /** entries of this run: read and used, or put */
  private readonly now = new Map<string, FileFacts>();
  private dirty = false;
  hits = 0;
  misses = 0;

  private readonly file: string;
  private readonly version: string;
  /** why the file's entries were not used, if they were not */
  readonly unusable: string | undefined;

  private constructor(file: string, version: string, old: Map<string, FileFacts>, unusable?: string) {
    this.file = file;
    this.version = version;
    this.old = old;
    this.unusable = unusable;
  }

  /** An empty cache that will be written to file (a full build: nothing is trusted). */
  static fresh(file: string, version: string): ValidationCache {
    return new ValidationCache(file, version, new Map());
  }

  /** Reads the cache file; any doubt about it gives an empty cache (and says why). */
  static load(file: string, version: string): ValidationCache {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return new ValidationCache(file, version, new Map());
    }
    const nl = text.indexOf('\n');
    const [magic, format, ver, checksum] = text.slice(0, nl < 0 ? 0 : nl).split(' ');
    const body = text.slice(nl + 1);
    const empty = (why: string) => new ValidationCache(file, version, new Map(), why);
    if (magic !== MAGIC || format !== String(FORMAT)) return empty('not a validation cache of this format');
    if (ver !== version) return empty('written by other code or another year');
    if (checksum !== sha(body)) return empty('its checksum does not match (a damaged file)');
    let entries: unknown;
    try {
      entries = JSON.parse(body);
    } catch {
      return empty('it is not valid JSON');
    }
    if (!entries || typeof entries !== 'object' || Array.isArray(entries)) return empty('it holds no entries');
    const old = new Map<string, FileFacts>();
    for (const [k, v] of Object.entries(entries)) {
      if (!/^[0-9a-f]{64}$/.test(k) || !isFacts(v)) return empty(`an entry is malformed (${k.slice(0, 12)})`);
      old.set(k, v);
    }
    return new ValidationCache(file, version, old);
  }

  key(f: SourceFile): string {
    return keyOf(f);
  }

  get(k: string): FileFacts | undefined {
    const facts = this.old.get(k);
    if (!facts) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.now.set(k, facts);
    return facts;
  }

  put(k: string, facts: FileFacts): void {
    this.now.set(k, facts);
    this.dirty = true;
  }

  /** Writes this run's entries when they differ from the file's: atomically, never failing the build. */
  save(): string | undefined {
    if (!this.dirty && this.now.size === this.old.size && !this.unusable) return undefined;
    const body = JSON.stringify(Object.fromEntries(this.now));
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      writeFileSync(tmp, `${MAGIC} ${FORMAT} ${this.version} ${sha(body)}\n${body}`);
      renameSync(tmp, this.file);
      return undefined;
    } catch (e) {
      return `the validation cache ${this.file} cannot be written (${(e as Error).message}); the next build validates every file again`;
    }
  }
}
