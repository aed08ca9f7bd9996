/**
 * Ranking (issue 11): title, then town/county name, then section headings, then how often the
 * query occurs per length of the text, then newest year. A small index is built in memory
 * from hand-written records and searched with the browser engine (src/lib/search/client.ts)
 * through a stubbed fetch; the expected orders below follow from the records by hand.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArchiveSearch } from '../../src/lib/search/client.ts';
import { docFile, PartBuilder } from '../../src/lib/search/index-build.ts';
import { packDoc, textDictionary } from '../../src/lib/search/doc-pack.ts';
import { FORMAT_VERSION } from '../../src/lib/search/index-format.ts';
import { recordFromHtml, type SearchRecord } from '../../src/lib/search/records.ts';

/** Filler without any character of the queries below. */
const filler = (len: number) => '本镇年度工作报告'.repeat(Math.ceil(len / 8)).slice(0, len);

interface Spec {
  slug: string;
  year: number;
  title?: string;
  headings?: string[];
  /** the text's body after title and headings */
  body: string;
  town?: string;
}
const TERM = '政务公开';
const specs: Spec[] = [
  // A: the term in the title; once in a long text
  { slug: 'a', year: 2018, title: `甲镇${TERM}年度报告`, body: filler(20000) },
  // B: the term in a section heading; once in a long text
  { slug: 'b', year: 2018, headings: [`三、${TERM}情况`], body: filler(20000) },
  // C: three times in a short text (1,000 characters): 30 per 10,000
  { slug: 'c', year: 2017, body: `${TERM}，${TERM}，${TERM}。${filler(985)}` },
  // D: once in a long text (20,000 characters), the newest year
  { slug: 'd', year: 2022, body: `${TERM}。${filler(19995)}` },
  // E: once in a short text, older year: 10 per 10,000
  { slug: 'e', year: 2019, body: `${TERM}。${filler(995)}` },
  // F: 政务公 ten times but the whole term once, short text: its bound is the rarest gram's (务公开 once), as E's; newer than E
  { slug: 'f', year: 2021, body: `${'政务公告，'.repeat(9)}${TERM}。${filler(945)}` },
  // G: no match at all
  { slug: 'g', year: 2020, body: filler(1000) },
  // H and I: the town 红星镇 (I's title names it, H's does not, only H's metadata line in the text: the query 红星 still ranks H before text and heading matches)
  { slug: 'h', year: 2016, town: '红星镇', title: '2016年政府信息公开工作年度报告', body: `某县红星镇。${filler(1000)}` },
  { slug: 'i', year: 2020, town: '红星镇', body: filler(1000) },
  // J: 红星 in a heading and five times in a short text, another town
  { slug: 'j', year: 2021, headings: ['红星村'], body: `${'红星，'.repeat(5)}${filler(985)}` },
];

function record(s: Spec): SearchRecord {
  const town = s.town ?? `${s.slug}镇`;
  const title = s.title ?? `${town}${s.year}年政府信息公开工作年度报告`;
  const headings = s.headings ?? [];
  // the searchable text holds the title and headings, as on a report page
  const text = [title, ...headings, s.body].join('\n');
  return { id: `${s.slug}/${s.year}`, url: `/reports/${s.slug}/${s.year}/`, title, town, county: '某县', province: '某省', year: String(s.year), format: '自由格式', text, headings: headings.join('\n') };
}

const records = specs.map(record);
const files = new Map<string, Uint8Array<ArrayBuffer>>();
/** every path the engine asked for, in order */
const fetched: string[] = [];
const realFetch = globalThis.fetch;
const hadLocation = 'location' in globalThis;

beforeAll(() => {
  const b = new PartBuilder();
  for (const r of records) b.addReport(r);
  const { table, names, buckets } = b.finish();
  files.set('/search-index/parts.json', gzipSync(JSON.stringify({ version: FORMAT_VERSION, parts: ['0/'] })));
  files.set('/search-index/0/part.bin', gzipSync(JSON.stringify(table)));
  files.set('/search-index/0/names.bin', gzipSync(JSON.stringify(names)));
  buckets.forEach((bytes, k) => files.set(`/search-index/0/b/${k}.bin`, gzipSync(bytes)));
  const dict = textDictionary(records.map(docFile));
  files.set('/search-index/0/dict.bin', gzipSync(dict));
  records.forEach((r, i) => files.set(`/search-index/0/d/${i}.bin`, packDoc(docFile(r), dict)));
  globalThis.fetch = (async (input: string | URL) => {
    const url = new URL(String(input));
    fetched.push(url.pathname);
    const body = files.get(url.pathname);
    return body ? new Response(new Uint8Array(body)) : new Response('not found', { status: 404 });
  }) as typeof fetch;
  if (!hadLocation) (globalThis as { location?: unknown }).location = { href: 'http://archive.test/search/' };
});
afterAll(() => {
  globalThis.fetch = realFetch;
  if (!hadLocation) delete (globalThis as { location?: unknown }).location;
});

const slugs = (hits: { url: string }[]) => hits.map((h) => h.url.split('/')[2]);

describe('ranking', () => {
  it('title, then heading, then frequency per length, then newest year', async () => {
    const engine = new ArchiveSearch('/');
    // A title; B heading; C 30 per 10,000; F and E 10 per 10,000 (F newer; F's 政务公告 does not raise its bound); D 0.5 per 10,000
    expect(slugs(await engine.search(TERM))).toEqual(['a', 'b', 'c', 'f', 'e', 'd']);
    const { list } = await engine.candidates(TERM);
    expect(list.map((c) => c.tier)).toEqual([0, 2, 3, 3, 3, 3]);
    expect(list[2]!.score).toBeGreaterThan(list[3]!.score);
    expect(list[3]!.score).toBe(list[4]!.score);
    expect(list[4]!.score).toBeGreaterThan(list[5]!.score);
  });

  it('a query of 1–3 characters ranks by frequency too (the gram itself)', async () => {
    const engine = new ArchiveSearch('/');
    // 务公: C three times in 1,000; F and E ten times (F) or once (E) — F 务公 ten times per 1,000 characters
    expect(slugs(await engine.search('务公'))).toEqual(['a', 'b', 'f', 'c', 'e', 'd']);
  });

  it('a town name puts that town’s reports first, newest first; then headings, then text', async () => {
    const engine = new ArchiveSearch('/');
    expect(slugs(await engine.search('红星'))).toEqual(['i', 'h', 'j']);
    const { list } = await engine.candidates('红星');
    // I's title names the town; H is 红星镇's by its place alone; J has 红星 in a heading and five times in its text
    expect(list.map((c) => c.tier)).toEqual([0, 1, 2]);
  });

  it('year sorting still wins over tiers, ties by tier and frequency', async () => {
    const engine = new ArchiveSearch('/');
    expect(slugs(await engine.search(TERM, { sort: 'year-asc' }))).toEqual(['c', 'a', 'b', 'e', 'f', 'd']);
    expect(slugs(await engine.search(TERM, { sort: 'year-desc' }))).toEqual(['d', 'f', 'e', 'a', 'b', 'c']);
  });

  it('several terms: a tier needs every term, frequency is each term’s bound summed; filters still apply', async () => {
    const engine = new ArchiveSearch('/');
    // 工作 is in every filler (level 15 everywhere), but not in A's title nor B's heading: both rank by their text,
    // 政务公开 once in 20,000 like D, and older than D (A before B: same year, id order)
    expect(slugs(await engine.search(`${TERM} 工作`))).toEqual(['c', 'f', 'e', 'd', 'a', 'b']);
    const { list } = await engine.candidates(`${TERM} 工作`);
    expect(list.map((c) => c.tier)).toEqual([3, 3, 3, 3, 3, 3]);
    expect(slugs(await engine.search(TERM, { filters: { year: ['2017', '2019'] } }))).toEqual(['c', 'e']);
  });
});

describe('what a query downloads', () => {
  it('names of places only for a filter by place: a query alone ranks 红星镇 first without them', async () => {
    fetched.length = 0;
    const engine = new ArchiveSearch('/');
    expect(slugs(await engine.search('红星'))).toEqual(['i', 'h', 'j']);
    expect(fetched.filter((f) => f.endsWith('names.bin'))).toEqual([]);
    // by year: still no names
    expect(slugs(await engine.search(TERM, { filters: { year: '2018' } }))).toEqual(['a', 'b']);
    expect(fetched.filter((f) => f.endsWith('names.bin'))).toEqual([]);
    // by town: the names, once
    expect(slugs(await engine.search('红星', { filters: { town: '红星镇' } }))).toEqual(['i', 'h']);
    expect(slugs(await engine.search(TERM, { filters: { county: '某县', town: 'c镇' } }))).toEqual(['c']);
    expect(fetched.filter((f) => f.endsWith('names.bin'))).toEqual(['/search-index/0/names.bin']);
  });

  it('report files are inflated with the part’s dictionary, fetched once; a cut report file is an error, not a result', async () => {
    fetched.length = 0;
    const engine = new ArchiveSearch('/');
    const hits = await engine.search(TERM);
    expect(hits.map((h) => h.title)).toEqual(['a', 'b', 'c', 'f', 'e', 'd'].map((slug) => records.find((r) => r.id.startsWith(`${slug}/`))!.title));
    expect(fetched.filter((f) => f.endsWith('dict.bin'))).toEqual(['/search-index/0/dict.bin']);
    const whole = files.get('/search-index/0/d/2.bin')!;
    try {
      files.set('/search-index/0/d/2.bin', whole.slice(0, whole.length >> 1));
      await expect(new ArchiveSearch('/').search(TERM)).rejects.toThrow(/d\/2\.bin cannot be read/);
    } finally {
      files.set('/search-index/0/d/2.bin', whole);
    }
  });
});

describe('headings in search records', () => {
  it('are the h2–h6 of the searchable region, not its h1, nor ignored parts, nor outside it', () => {
    const html = `<html><body><h2>页外</h2><main data-pagefind-body data-report-id="x/2020"><h1>标题</h1><p>正文</p><h2>一、<em>概述</em></h2><section data-pagefind-ignore><h2>目录</h2></section><h3>（一）主动公开</h3><p>更多</p></main><h2>页脚</h2></body></html>`;
    const r = recordFromHtml(html)!;
    expect(r.title).toBe('标题');
    expect(r.headings).toBe('一、概述\n（一）主动公开');
    expect(r.text).toBe('标题\n正文\n一、概述\n（一）主动公开\n更多');
  });
});
