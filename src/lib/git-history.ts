/**
 * Revision history of content files from git, read once per build with one
 * `git log --name-status` over the content folder (not one process per page:
 * that is slow and, at thousands of pages, hits process and buffer limits).
 * Renames are followed. A shallow clone or a folder outside git gives
 * "unavailable" rather than a wrong, truncated history.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export interface Revision {
  hash: string;
  short: string;
  /** ISO date of the commit (committer date) */
  date: string;
  subject: string;
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

export function readHistory(dir: string): History {
  try {
    const top = git(dir, ['rev-parse', '--show-toplevel']).trim();
    if (git(dir, ['rev-parse', '--is-shallow-repository']).trim() === 'true') {
      return { available: false, reason: '仓库为浅克隆（shallow clone），修订历史不完整，暂不显示' };
    }
    const rel = path.relative(top, dir) || '.';
    const out = git(top, ['log', `--format=${SEP}%H%x09%h%x09%cI%x09%s`, '--name-status', '-M', '--', rel]);
    return { available: true, byFile: parseLog(out), top };
  } catch {
    return { available: false, reason: '内容目录不在 git 仓库中，无法读取修订历史' };
  }
}

/** Revisions of one file (absolute path), newest first. */
export function revisionsOf(history: History, file: string): Revision[] {
  if (!history.available) return [];
  return history.byFile.get(path.relative(history.top, file)) ?? [];
}
