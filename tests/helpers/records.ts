/**
 * The search records of a built site: every report page's searchable text, read with the
 * project's page reader (recordFromHtml). The browser tests' truth for what a query must find.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { recordFromHtml, type SearchRecord } from '../../src/lib/search/records.ts';

export function siteRecords(dist: string): SearchRecord[] {
  const out: SearchRecord[] = [];
  const dir = path.join(dist, 'reports');
  for (const town of readdirSync(dir)) {
    for (const year of readdirSync(path.join(dir, town))) {
      const file = path.join(dir, town, year, 'index.html');
      const r = existsSync(file) ? recordFromHtml(readFileSync(file, 'utf8')) : undefined;
      if (r) out.push(r);
    }
  }
  return out;
}
