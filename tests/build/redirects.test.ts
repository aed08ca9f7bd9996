/** content/redirects.yml with a real entry: the build succeeds, the old URL sends readers on, search skips it. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REDIRECT_DIST, REDIRECT_FROM, REDIRECT_TO } from '../helpers/global-setup.ts';

describe('redirects', () => {
  it('the old URL is a page that sends readers to the new one', () => {
    const html = readFileSync(path.join(REDIRECT_DIST, 'reports', REDIRECT_FROM, 'index.html'), 'utf8');
    expect(html).toMatch(new RegExp(`http-equiv="refresh" content="0;url=/reports/${REDIRECT_TO}/"`));
    expect(html).toContain(`href="/reports/${REDIRECT_TO}/"`);
    expect(html).not.toContain('data-pagefind-body');
  });
  it('the new URL is the report; the old one is in neither search index nor data', () => {
    expect(existsSync(path.join(REDIRECT_DIST, 'reports', REDIRECT_TO, 'index.html'))).toBe(true);
    const data = JSON.parse(readFileSync(path.join(REDIRECT_DIST, 'data/reports.json'), 'utf8')) as { reports?: { id: string }[] } | { id: string }[];
    const ids = (Array.isArray(data) ? data : (data.reports ?? [])).map((r) => r.id);
    expect(ids).toContain(REDIRECT_TO);
    expect(ids).not.toContain(REDIRECT_FROM);
    const parts = JSON.parse(readFileSync(path.join(REDIRECT_DIST, 'search-index/parts.json'), 'utf8')) as { parts: string[] };
    expect(parts.parts).toHaveLength(1);
  });
});
