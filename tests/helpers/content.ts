/** Reads the archive's content files the way an outside tool would (gray-matter), for expectations in tests. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { ROOT } from './build.ts';

export interface ContentFile {
  id: string;
  file: string;
  data: Record<string, any>;
  body: string;
}

export function readContent(dir = path.join(ROOT, 'content/reports')): ContentFile[] {
  const out: ContentFile[] = [];
  for (const town of readdirSync(dir).sort()) {
    for (const f of readdirSync(path.join(dir, town)).filter((x) => x.endsWith('.md')).sort()) {
      const file = path.join(dir, town, f);
      const parsed = matter(readFileSync(file, 'utf8'));
      out.push({ id: `${town}/${f.replace(/\.md$/, '')}`, file, data: parsed.data, body: parsed.content });
    }
  }
  return out;
}
