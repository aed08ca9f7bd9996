/**
 * Builds that cannot rot: five edits, each built by a build killed (SIGKILL) at another
 * point — while starting to render, on the first report page, after the report pages, between
 * the stale-file sweep and the report files (where an early cache once vouched for empty files), and
 * after the search index — then one incremental build. It must write exactly what a full
 * build of the same content writes: no empty or stale report file kept.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { INTERRUPTED_DIST, INTERRUPTED_FULL_DIST, INTERRUPTED_LOG } from '../helpers/global-setup.ts';

function files(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel)).flatMap((n) => (statSync(path.join(dir, rel, n)).isDirectory() ? files(dir, path.join(rel, n)) : [path.join(rel, n)]));
}

describe('a build killed at any point', () => {
  it('was really killed at each point', () => {
    const head = readFileSync(INTERRUPTED_LOG, 'utf8').split('\n---\n')[0]!;
    expect(head.split('\n').filter((l) => l.endsWith(': killed'))).toHaveLength(5);
  });
  it('is followed by an incremental build identical to a full one', () => {
    const inc = files(INTERRUPTED_DIST).sort();
    expect(inc).toEqual(files(INTERRUPTED_FULL_DIST).sort());
    const differ = inc.filter((f) => !readFileSync(path.join(INTERRUPTED_DIST, f)).equals(readFileSync(path.join(INTERRUPTED_FULL_DIST, f))));
    expect(differ).toEqual([]);
    expect(inc.filter((f) => statSync(path.join(INTERRUPTED_DIST, f)).size === 0)).toEqual([]);
    for (let k = 1; k <= 5; k++) expect(inc.some((f) => f.endsWith('report.md') && readFileSync(path.join(INTERRUPTED_DIST, f), 'utf8').includes(`第${k}处修改`)), `edit ${k}`).toBe(true);
  });
});
