/**
 * 数据核查 on a generated archive (the sharded build of tests/helpers/global-setup.ts): the pages, the
 * findings API and `npm run check` report the same cross-report findings.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/build.ts';
import { SHARDED_CONTENT, SHARDED_DIST } from '../helpers/global-setup.ts';

const read = (rel: string) => readFileSync(path.join(SHARDED_DIST, rel), 'utf8');
const findings = JSON.parse(read('data/findings.json')) as { id: string; url: string; kind: string; message: string; keys: string[] }[];

describe('数据核查', () => {
  it('the generated archive has findings of several kinds (so the test means something)', () => {
    expect(new Set(findings.map((f) => f.kind)).size).toBeGreaterThanOrEqual(2);
  });
  it('the archive page lists every finding, counted by kind, each linking to a report that exists', () => {
    const $ = cheerio.load(read('checks/index.html'));
    expect($('.finding-list li')).toHaveLength(findings.length);
    const counted = $('.findings-counts tbody tr').toArray().reduce((n, tr) => n + Number($(tr).find('td').last().text()), 0);
    expect(counted).toBe(findings.length);
    for (const a of $('.finding-list li a').toArray()) {
      const target = $(a).attr('href')!.replace(/#.*$/, '');
      expect(existsSync(path.join(SHARDED_DIST, target, 'index.html')), target).toBe(true);
    }
  });
  it('province and county pages split the same findings', () => {
    const $ = cheerio.load(read('checks/index.html'));
    let sum = 0;
    for (const a of $('ul.count-list a').toArray()) sum += cheerio.load(read(`${$(a).attr('href')!.replace(/^\//, '')}index.html`))('.finding-list li').length;
    expect(sum).toBe(findings.length);
  });
  it('each report page shows its own findings', () => {
    const f = findings[0]!;
    const $ = cheerio.load(read(`${f.url.replace(/^\//, '')}index.html`));
    expect($('#cross-title').length).toBe(1);
    expect($('section[aria-labelledby="cross-title"] li').text()).toContain(f.message);
  });
  it('npm run check reports the same findings', () => {
    let out = '';
    try {
      out = execFileSync(path.join(ROOT, 'node_modules/.bin/node'), ['scripts/check.ts', '--json'], { cwd: ROOT, env: { ...process.env, CONTENT_DIR: SHARDED_CONTENT }, maxBuffer: 64 << 20 }).toString();
    } catch (e) {
      out = (e as { stdout: Buffer }).stdout.toString();
    }
    const check = JSON.parse(out) as { findings: { message: string }[] };
    const cross = check.findings.filter((f) => /^(结转数不衔接|正文与表格不一致|年度缺失|格式与年度不符)：/.test(f.message)).map((f) => f.message.replace(/^[^：]+：/, ''));
    expect(cross.sort()).toEqual(findings.map((f) => f.message).sort());
  });
  it('data/findings.csv has one row per finding and Chinese headers', () => {
    const csv = read('data/findings.csv');
    expect(csv.startsWith('\ufeff报告编号,报告网址,类型代码,类型')).toBe(true);
    expect(csv.trim().split('\r\n')).toHaveLength(findings.length + 1);
  });
});
