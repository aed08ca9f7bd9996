/**
 * Revision history of content files from git, read once per build with one
 * `git log --name-status` over the content folder (not one process per page:
 * that is slow and, at thousands of pages, hits process and buffer limits).
 * Renames are followed. A shallow clone or a folder outside git gives
 * "unavailable" rather than a wrong, truncated history.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { revisionChange, type RevisionChange } from './revision-changes.ts';

export interface Revision {
  hash: string;
  short: string;
  /** ISO date of the commit (committer date) */
  date: string;
  subject: string;
  /** what it changed in the file (figures, fields, paragraphs), when the log carried the patch */
  change?: RevisionChange;
}

export type History =
  | { available: true; byFile: Map<string, Revision[]>; top: string }
  | { available: false; reason: string };

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

const SEP = '\u001e';

/** Parses `git log --format=<SEP>%H%x09%h%x09%cI%x09%s --name-status -M` output, newest commit first. */
export function parseLog(out: string): Map<string, Revision[]> {
  const byFile = new Map<string, Revision[]>();
  const alias = new Map<string, string>(); // path at this point in history → path today
  const today = (p: string) => alias.get(p) ?? p;
  for (const block of out.split(SEP).slice(1)) {
    const [head, ...lines] = block.split('\n');
    const [hash, short, date, ...subject] = head!.split('\t');
    const rev: Revision = { hash: hash!, short: short!, date: date!, subject: subject.join('\t') };
    for (const line of lines) {
      if (!line.trim()) continue;
      const [status, a, b] = line.split('\t');
      if (!status || !a) continue;
      if (status.startsWith('R') && b) {
        const final = today(b);
        byFile.set(final, [...(byFile.get(final) ?? []), rev]);
        alias.set(a, final);
      } else if (status === 'D') {
        // a deleted path may be re-created later; its earlier history is not this file's
        continue;
      } else {
        const final = today(a);
        byFile.set(final, [...(byFile.get(final) ?? []), rev]);
      }
    }
  }
  return byFile;
}

/**
 * Parses `git log -p -M -U<all> --format=<SEP>%H%x09%h%x09%cI%x09%s` output: each revision of each file
 * with what it changed, from the patch whose context is the whole file (so the file before and after
 * are both in it). Newest commit first; renames followed.
 */
export function parsePatchLog(out: string): Map<string, Revision[]> {
  const byFile = new Map<string, Revision[]>();
  const alias = new Map<string, string>();
  const today = (p: string) => alias.get(p) ?? p;
  for (const block of out.split(SEP).slice(1)) {
    const nl = block.indexOf('\n');
    const [hash, short, date, ...subject] = block.slice(0, nl === -1 ? undefined : nl).split('\t');
    const base = { hash: hash!, short: short!, date: date!, subject: subject.join('\t') };
    for (const diff of (nl === -1 ? '' : block.slice(nl + 1)).split(/^diff --git /m).slice(1)) {
      const lines = diff.split('\n');
      const from = /^--- (?:a\/(.*)|\/dev\/null)$/m.exec(diff);
      const to = /^\+\+\+ (?:b\/(.*)|\/dev\/null)$/m.exec(diff);
      const renameFrom = /^rename from (.*)$/m.exec(diff)?.[1];
      const renameTo = /^rename to (.*)$/m.exec(diff)?.[1];
      const deleted = /^deleted file mode/m.test(diff);
      if (deleted) continue;
      const created = /^new file mode/m.test(diff);
      const newPath = renameTo ?? to?.[1] ?? /^a\/(\S+) b\/(\S+)/.exec(lines[0]!)?.[2];
      if (!newPath) continue;
      const final = today(newPath);
      if (renameFrom && renameTo) alias.set(renameFrom, final);
      // the whole file is context: ' ' and '-' lines are before, ' ' and '+' after
      const start = lines.findIndex((l) => l.startsWith('@@'));
      let change: RevisionChange | undefined;
      if (start !== -1) {
        const before: string[] = [];
        const after: string[] = [];
        for (const l of lines.slice(start + 1)) {
          if (l.startsWith('@@') || l.startsWith('\\')) continue;
          const mark = l[0];
          const text = l.slice(1);
          if (mark === ' ') before.push(text), after.push(text);
          else if (mark === '-') before.push(text);
          else if (mark === '+') after.push(text);
        }
        change = revisionChange(created || !from?.[1] ? undefined : `${before.join('\n')}\n`, `${after.join('\n')}\n`);
      }
      byFile.set(final, [...(byFile.get(final) ?? []), { ...base, ...(change ? { change } : {}) }]);
    }
  }
  return byFile;
}

export function readHistory(dir: string): History {
  try {
    const top = git(dir, ['rev-parse', '--show-toplevel']).trim();
    if (git(dir, ['rev-parse', '--is-shallow-repository']).trim() === 'true') {
      return { available: false, reason: '仓库为浅克隆（shallow clone），修订历史不完整，暂不显示' };
    }
    const rel = path.relative(top, dir) || '.';
    // one git call: each commit with its patch, the whole file as context, so each revision's change is known
    const out = git(top, ['log', `--format=${SEP}%H%x09%h%x09%cI%x09%s`, '-p', '-M', '--no-color', '--no-ext-diff', '-U100000000', '--', rel]);
    return { available: true, byFile: parsePatchLog(out), top };
  } catch {
    return { available: false, reason: '内容目录不在 git 仓库中，无法读取修订历史' };
  }
}

/** Revisions of one file (absolute path), newest first. */
export function revisionsOf(history: History, file: string): Revision[] {
  if (!history.available) return [];
  return history.byFile.get(path.relative(history.top, file)) ?? [];
}
