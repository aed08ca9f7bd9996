/**
 * What a revision of a report file changed, in words a reader follows: which
 * figures went from what to what (with the official labels), which fields,
 * and how many paragraphs were added, removed or changed. Pure: the git
 * history reader (git-history.ts) hands it the file before and after.
 */
import { diffArrays } from 'diff';
import { exportColumns } from './exports/columns.ts';
import { readFrontmatter } from './report/frontmatter.ts';

export interface FigureChange {
  key: string;
  label: string;
  from: number | null;
  to: number | null;
}

export interface RevisionChange {
  /** the file did not exist before this revision */
  created: boolean;
  figures: FigureChange[];
  /** other frontmatter fields that changed (title, town, date …) */
  fields: { key: string; from: string | null; to: string | null }[];
  paragraphs: { added: number; removed: number; changed: number };
}

type Flat = Map<string, unknown>;

function flatten(v: unknown, prefix: string, out: Flat): Flat {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v)) flatten(x, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, Array.isArray(v) ? JSON.stringify(v) : v);
  return out;
}

function read(text: string | undefined): { meta: Flat; paragraphs: string[] } {
  if (text === undefined) return { meta: new Map(), paragraphs: [] };
  const fm = readFrontmatter(text);
  if (!fm.ok) return { meta: new Map(), paragraphs: text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean) };
  return { meta: flatten(fm.value.data, '', new Map()), paragraphs: fm.value.body.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean) };
}

let labels: Map<string, string> | undefined;
const labelOf = (key: string) => (labels ??= new Map(exportColumns().map((c) => [c.key, c.label]))).get(key) ?? key;

export function revisionChange(before: string | undefined, after: string | undefined): RevisionChange {
  const a = read(before);
  const b = read(after);
  const figures: FigureChange[] = [];
  const fields: RevisionChange['fields'] = [];
  for (const key of new Set([...a.meta.keys(), ...b.meta.keys()])) {
    const from = a.meta.get(key);
    const to = b.meta.get(key);
    if (from === to) continue;
    if (key.startsWith('stats.')) {
      const k = key.slice('stats.'.length);
      figures.push({ key: k, label: labelOf(k), from: typeof from === 'number' ? from : null, to: typeof to === 'number' ? to : null });
    } else if (before !== undefined) {
      fields.push({ key, from: from === undefined || from === null ? null : String(from), to: to === undefined || to === null ? null : String(to) });
    }
  }
  // paragraphs: a removal next to an addition is a change
  let added = 0;
  let removed = 0;
  let changed = 0;
  if (before !== undefined) {
    const parts = diffArrays(a.paragraphs, b.paragraphs);
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      const next = parts[i + 1];
      if (p.removed && next?.added) {
        const pair = Math.min(p.count ?? p.value.length, next.count ?? next.value.length);
        changed += pair;
        removed += (p.count ?? p.value.length) - pair;
        added += (next.count ?? next.value.length) - pair;
        i++;
      } else if (p.removed) removed += p.count ?? p.value.length;
      else if (p.added) added += p.count ?? p.value.length;
    }
  }
  return { created: before === undefined, figures: before === undefined ? [] : figures, fields, paragraphs: { added, removed, changed } };
}

/** One line for the revision list: 更正数字 … ；修改段落 1 处. */
export function describeChange(c: RevisionChange): string {
  if (c.created) return '首次收录';
  const parts: string[] = [];
  if (c.figures.length) parts.push(`更正数字 ${c.figures.length} 处：${c.figures.slice(0, 5).map((f) => `${f.label} ${f.from ?? '空'} → ${f.to ?? '空'}`).join('；')}${c.figures.length > 5 ? ' 等' : ''}`);
  const FIELD: Record<string, string> = { title: '标题', town: '乡镇', county: '所属县', year: '年度', agency: '发布机构', date: '成文日期', published: '发布日期', format: '格式', 'source.url': '原始网址' };
  const named = c.fields.filter((f) => FIELD[f.key]);
  if (named.length) parts.push(`修改${named.map((f) => `${FIELD[f.key]}（${f.from ?? '空'} → ${f.to ?? '空'}）`).join('、')}`);
  const { added, removed, changed } = c.paragraphs;
  if (changed) parts.push(`修改段落 ${changed} 处`);
  if (added) parts.push(`新增段落 ${added} 处`);
  if (removed) parts.push(`删除段落 ${removed} 处`);
  return parts.length ? parts.join('；') : '文字格式调整';
}
