/**
 * History that shows what changed: a temporary git repository with fixed dates, a report imported, a
 * figure corrected, paragraphs edited, the file renamed. Each revision's change is read from one git
 * call and said in words: which figures went from what to what, which paragraphs were added or changed.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHistory, revisionsOf } from '../../src/lib/git-history.ts';
import { describeChange } from '../../src/lib/revision-changes.ts';
import { ROOT } from '../helpers/build.ts';

async function repo() {
  const dir = await mkdtemp(path.join(tmpdir(), 'nianbao-history-'));
  const git = (args: string[], date: string) =>
    execFileSync('git', args, { cwd: dir, env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x', GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
  git(['init', '-q', '-b', 'main'], '2021-01-01T00:00:00Z');
  const file = path.join(dir, 'content/reports/fuyuan-hanconggou/2020.md');
  await mkdir(path.dirname(file), { recursive: true });
  const original = await readFile(path.join(ROOT, 'content/reports/fuyuan-hanconggou/2020.md'), 'utf8');
  await writeFile(file, original);
  git(['add', '.'], '2021-02-01T08:00:00Z');
  git(['commit', '-qm', '导入寒葱沟镇2020年报告'], '2021-02-01T08:00:00Z');
  await writeFile(file, original.replace('received: { natural: 0,', 'received: { natural: 3,').replace(/(received: \{[^}]*total: )0 \}/, '$13 }'));
  git(['commit', '-qam', '更正：据原件，自然人申请为3件'], '2021-03-01T08:00:00Z');
  const now = await readFile(file, 'utf8');
  const paragraphs = now.split('\n\n');
  const last = paragraphs.length - 2;
  paragraphs[last] = `${paragraphs[last]}（已核对）`;
  await writeFile(file, `${paragraphs.join('\n\n').trimEnd()}\n\n新增的一段说明文字。\n`);
  git(['commit', '-qam', '补充说明'], '2021-04-01T08:00:00Z');
  return { dir, file };
}

describe('revision changes from git', () => {
  it('says which figures changed from what to what, and which paragraphs', async () => {
    const { dir, file } = await repo();
    const h = readHistory(path.join(dir, 'content/reports'));
    const revs = revisionsOf(h, file);
    expect(revs.map((r) => [r.date.slice(0, 10), r.subject])).toEqual([
      ['2021-04-01', '补充说明'],
      ['2021-03-01', '更正：据原件，自然人申请为3件'],
      ['2021-02-01', '导入寒葱沟镇2020年报告'],
    ]);
    const [notes, fix, imported] = revs.map((r) => r.change!);
    expect(imported!.created).toBe(true);
    expect(describeChange(imported!)).toBe('首次收录');
    expect(fix!.figures).toEqual([
      { key: 'applications.received.natural', label: '三、收到和处理政府信息公开申请情况｜一、本年新收政府信息公开申请数量｜自然人', from: 0, to: 3 },
      { key: 'applications.received.total', label: '三、收到和处理政府信息公开申请情况｜一、本年新收政府信息公开申请数量｜总计', from: 0, to: 3 },
    ]);
    expect(fix!.paragraphs).toEqual({ added: 0, removed: 0, changed: 0 });
    expect(notes!.figures).toEqual([]);
    expect(notes!.paragraphs).toEqual({ added: 1, removed: 0, changed: 1 });
    expect(describeChange(notes!)).toBe('修改段落 1 处；新增段落 1 处');
    expect(describeChange(fix!)).toMatch(/^更正数字 2 处：三、收到和处理政府信息公开申请情况｜一、本年新收政府信息公开申请数量｜自然人 0 → 3；/);
  });
});
