/**
 * Incremental builds (src/lib/build/incremental.ts): after one report is
 * edited, one figure of another corrected and a third deleted, the second build renders only the reports
 * whose inputs changed, and its output is byte for byte what a full build of
 * the same content writes — the deleted report gone, the edit in the page, the
 * search index and the exports up to date.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FULL_DIST, INCREMENTAL_CONTENT, INCREMENTAL_DIST, INCREMENTAL_LOG } from '../helpers/global-setup.ts';

function files(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel)).flatMap((n) => (statSync(path.join(dir, rel, n)).isDirectory() ? files(dir, path.join(rel, n)) : [path.join(rel, n)]));
}

describe('incremental build', () => {
  it('renders only what changed', () => {
    const log = readFileSync(INCREMENTAL_LOG, 'utf8');
    const m = /(\d+) of (\d+) report pages unchanged and kept/.exec(log);
    expect(m, log).not.toBeNull();
    const reports = readdirSync(INCREMENTAL_CONTENT).flatMap((t) => readdirSync(path.join(INCREMENTAL_CONTENT, t)));
    expect(Number(m![2])).toBe(reports.length);
    // unchanged reports are not parsed or validated again (the validation cache); the full build it is compared with trusts no cache
    const v = /validated (\d+) reports: (\d+) parsed and checked, (\d+) unchanged \(validation cache\)/.exec(log);
    expect(v, log).not.toBeNull();
    expect(v!.slice(1).map(Number)).toEqual([reports.length, 2, reports.length - 2]);
    // the search texts of the unchanged reports come from the record cache, but not the two damaged records (global-setup)
    const reused = /(\d+) of the texts from the record cache/.exec(log);
    expect(reused, log).not.toBeNull();
    expect(Number(reused![1])).toBe(reports.length - 2 - 2);
    // the edited report, the corrected one, the deleted one's neighbours and the corrected one's next year at most
    expect(Number(m![1])).toBeGreaterThanOrEqual(reports.length - 6);
    expect(Number(m![1])).toBeLessThan(reports.length);
    // town, county, year and check pages: those of the changed reports rendered, the rest kept
    const pages = /(\d+) of (\d+) town, county, year and check pages kept/.exec(log);
    expect(pages, log).not.toBeNull();
    expect(Number(pages![1])).toBeGreaterThan(Number(pages![2]) / 2);
    expect(Number(pages![1])).toBeLessThan(Number(pages![2]));
  });

  it('writes exactly what a full build writes', () => {
    const inc = files(INCREMENTAL_DIST).sort();
    expect(inc).toEqual(files(FULL_DIST).sort());
    for (const f of inc) expect(readFileSync(path.join(INCREMENTAL_DIST, f)).equals(readFileSync(path.join(FULL_DIST, f))), f).toBe(true);
    expect(inc.some((f) => f.endsWith('index.html') && readFileSync(path.join(INCREMENTAL_DIST, f), 'utf8').includes('核对增量构建'))).toBe(true);
  });
});
