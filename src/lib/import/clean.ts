/**
 * Removes what extraction left behind that is not the report: Word artifacts
 * ([image: …], [bookmark: …]), the data labels of a chart that was an image,
 * and web-page chrome (登录 注册, 发布日期/点击数 lines, 【打印本页】 …). Every
 * removal is returned so the importer can list it in `notes`: nothing
 * disappears silently. Used by the importer (index.ts).
 */
import { toHalfWidth } from './normalize.ts';

export interface Removal {
  line: number;
  text: string;
  why: string;
}

export interface Cleaned {
  lines: string[];
  removed: Removal[];
  /** Facts the chrome carried (发布日期, 索引号) before it was removed. */
  published?: string;
  indexNo?: string;
  /** 发布机构/发布单位 of a portal's metadata panel, as written */
  agency?: string;
  /** 成文日期 of a portal's metadata panel */
  date?: string;
}

const CHROME: { re: RegExp; why: string }[] = [
  { re: /^(登录|注册|登录\s*(\|\s*)?注册|首页|当前位置[:：].*|您当前的位置[:：].*|网站首页.*)$/, why: '网页导航' },
  // an accessibility switch on a line of its own (无障碍浏览 under 登录 注册)
  { re: /^(无障碍|无障碍浏览|无障碍阅读)$/, why: '网页导航' },
  { re: /^【?(打印本页|关闭窗口|打印|关闭|收藏|分享到?)】?(\s*【?(打印本页|关闭窗口|打印|关闭|收藏)】?)*$/, why: '网页“打印/关闭”链接' },
  { re: /^(发布日期|发布时间|日期)[:：]\s*\S+.*(点击数|浏览次数|访问量|来源)[:：]?.*$/, why: '网页发布信息行' },
  // 来源:X镇发布时间:2024-01-26 17:49:57访问量: · 文号: 公开日期: 2015-08-03 10:13 (a label before it, anywhere in the page)
  { re: /^.{0,30}?(发布日期|发布时间|公开日期)\s*[:：]\s*\d{4}-\d{1,2}-\d{1,2}(\s+\d{1,2}:\d{2}(:\d{2})?)?(\s*(来源|信息来源|访问量|点击数?|浏览(次数)?|字体|字号|作者)[:：]?.*)?$/, why: '网页发布信息行' },
  { re: /^(点击数|浏览次数|字号)[:：].*$/, why: '网页点击数/字号' },
  { re: /^索引号[:：].*$/, why: '网页索引号栏' },
  { re: /^(附件|相关附件)[:：]?\s*\S*\.(docx?|pdf|xlsx?|wps)$/i, why: '网页附件链接' },
];

/**
 * Portal labels typeset with spaces between the characters (`索 引 号`,
 * `发 布 日 期`) read as the label itself, so the chrome rules below see them.
 */
const SPACED_LABEL = /^(索\s*引\s*号|发\s*布\s*机\s*构|发\s*布\s*日\s*期|发\s*布\s*时\s*间|成\s*文\s*日\s*期|发\s*文\s*日\s*期|点\s*击\s*数)\s*(?=[:：])/;
export function despaceLabel(line: string): string {
  return line.replace(SPACED_LABEL, (m) => m.replace(/\s+/g, ''));
}

export function clean(input: string[]): Cleaned {
  const lines: string[] = [];
  const removed: Removal[] = [];
  let published: string | undefined;
  let indexNo: string | undefined;
  let agency: string | undefined;
  let date: string | undefined;
  let inChart = false;
  let panelValues = -1;
  input.forEach((raw, i) => {
    if (i === panelValues) {
      removed.push({ line: i + 1, text: raw.trim(), why: '网页信息公开元数据栏' });
      lines.push('');
      return;
    }
    let line = raw.replace(/\u00a0/g, ' ');
    // inline Word bookmarks ([bookmark: _GoBack]) are markers, not text
    const bookmark = /\[bookmark:[^\]]*\]/g;
    if (bookmark.test(line)) {
      for (const m of raw.match(bookmark) ?? []) removed.push({ line: i + 1, text: m, why: 'Word 书签标记' });
      line = line.replace(bookmark, '');
    }
    const image = /\[image:[^\]]*\]/g;
    if (image.test(line)) {
      for (const m of raw.match(image) ?? []) removed.push({ line: i + 1, text: m, why: '图片占位符，图片本身未随文本提供' });
      const rest = line.replace(image, '').trim();
      inChart = true;
      if (rest) removed.push({ line: i + 1, text: rest, why: '原为图片的图表残留的数据标签' });
      lines.push('');
      return;
    }
    const t = line.trim();
    if (inChart) {
      // a chart's labels and numbers come out as short fragments; a caption (△…) or prose ends them
      if (t === '') {
        lines.push('');
        return;
      }
      if (t.length <= 12 && !/[。；]/.test(t) && !/^[△▲]/.test(t) && !/^[一二三四五六七八九十]+、|^[（(][一二三四五六七八九十]+[)）]/.test(t)) {
        removed.push({ line: i + 1, text: t, why: '原为图片的图表残留的数据标签' });
        lines.push('');
        return;
      }
      inChart = false;
    }
    // a portal's metadata panel flattened as a table: 索引号: | /2015-26440 | 公开方式: | … (a bullet before it)
    const half = despaceLabel(toHalfWidth(t).replace(/\s*\|\s*/g, ' ').trim().replace(/^[•·●▪\-–—]\s*/, ''));
    // …or as a row of labels over a row of values: 索引号 | 公开方式 | 发布机构 |  /  1162…/2010-00023 | 主动公开 | 某某镇人民政府 |
    const row = i < 20 ? panelRow(t, input[i + 1]) : undefined;
    // …or label and value side by side with no colon: 索 引 号 1133…/2024-104757 公开方式 主动公开
    const pairs = row || i >= 20 ? undefined : panelPairs(half);
    const panel = row ?? pairs;
    if (panel) {
      indexNo ??= panel['索引号'];
      agency ??= panel['发布机构'] ?? panel['发布单位'];
      const pub = panel['发布日期'] ?? panel['公开日期'];
      if (pub && !published) published = publicationLine(`日期:${pub}`);
      const written = panel['成文日期'];
      if (written && !date) date = publicationLine(`日期:${written}`);
      removed.push({ line: i + 1, text: t, why: '网页信息公开元数据栏' });
      lines.push('');
      if (row) panelValues = i + 1;
      return;
    }
    // the panel's 发布机构 and 成文日期 (the line itself stays: the town may be read from it)
    // …first on its line, or near the top among other label: value pairs (发文日期: 2009-01-07 发布机构: 某某镇人民政府,
    // 索引号: … 文件编号: 发布机构: 前吴乡); the value is never the next label (发布机构: 主题分类: …)
    const by = (i < 20 ? /(?:^|\s)[•·●▪]?\s*(发布机构|发布单位):\s*([\u4e00-\u9fa5（）()]{2,30})(?=\s|$)/ : /^[•·●▪]?\s*(发布机构|发布单位):\s*([\u4e00-\u9fa5（）()]{2,30})(?=\s|$)/).exec(
      /[。；，,]/.test(half) ? '' : half,
    );
    if (by && !agency) agency = by[2];
    const written = /(成文日期|公文生成日期):\s*(\d{4}-\d{1,2}-\d{1,2})/.exec(half);
    if (written && !date && i < 40) date = padDate(written[2]!);
    // near the top: a line of the page's publication facts only (日期:2021-01-29 · 来源:X 时间:2014-01-07 15:35 ·
    // • 2025-02-10 15:59 · 2022-01-20 作者:佚名 点击数: · 2022年01月18日来源:1)
    const stamp = i < 20 ? publicationLine(half) : undefined;
    if (stamp || (i < 20 && pageLabelsOnly(half))) {
      if (stamp && !published) published = stamp;
      removed.push({ line: i + 1, text: t, why: '网页发布信息行' });
      lines.push('');
      return;
    }
    for (const c of CHROME) {
      if (c.re.test(half)) {
        const pub = /(发布日期|发布时间|公开日期|日期)\s*:\s*(\d{4}-\d{1,2}-\d{1,2})/.exec(half);
        if (pub && !published) published = padDate(pub[2]!);
        // an empty 索引号 cell is followed by the next label (索引号: | 公开形式: |): no index number
        const idx = /^索引号:\s*(?![^\s:：]{1,8}[:：])(\S+)/.exec(half);
        if (idx && !indexNo) indexNo = idx[1];
        removed.push({ line: i + 1, text: t, why: c.why });
        lines.push('');
        return;
      }
    }
    lines.push(line.replace(/\s+$/, ''));
  });
  return { lines, removed, ...(published ? { published } : {}), ...(indexNo ? { indexNo } : {}), ...(agency ? { agency } : {}), ...(date ? { date } : {}) };
}

/** 2017-3-10 → 2017-03-10 */
const padDate = (d: string) => d.replace(/-(\d)(?!\d)/g, '-0$1');

/** Nothing left but page labels, 【打印】-style buttons, punctuation, table borders and the brackets of 字体:[ ]. */
function onlyPageChrome(text: string): boolean {
  const rest = text.replace(PAGE_LABELS, ' ').replace(/【\s*(打印|关闭|收藏|打印本页|关闭窗口)\s*】/g, ' ');
  return /^[\s|•·●▪\[\]【】()（）:：,，]*$/.test(rest);
}

const DATE = /((?:19|20)\d{2})(?:-(\d{1,2})-(\d{1,2})|年(\d{1,2})月(\d{1,2})日)/;
const LABEL_WORDS = '来源|信息来源|作者|点击数|点击率|点击|浏览次数|浏览量|浏览|访问量|访问次数|阅读次数|字体大小|字体|字号|发布者|编辑录入|录入|责任编辑|编辑|分享到';
const PAGE_LABELS = new RegExp(`(${LABEL_WORDS})[:：]\\s*\\S*?(?=\\s|(${LABEL_WORDS})[:：]|【|$)`, 'g');

/**
 * The publication date of a line that holds nothing but a web page's publication facts: a date
 * (labelled 日期/时间, or with a time, a bullet or another page label beside it) and labels such
 * as 来源/作者/点击数/字体. A date alone, or one inside a sentence, is not taken.
 */
export function publicationLine(half: string): string | undefined {
  const m = DATE.exec(half);
  // a sentence (。，；) is never page chrome
  if (!m || half.length > 90 || /[。；，,]/.test(half)) return undefined;
  const labelled = /(发布日期|发布时间|发表日期|发表时间|公开日期|日期|时间)\s*[:：]\s*$/.test(half.slice(0, m.index));
  let rest = half.slice(0, m.index) + ' ' + half.slice(m.index + m[0].length);
  const time = /^\s*\d{1,2}:\d{2}(:\d{2})?/.test(half.slice(m.index + m[0].length));
  rest = rest.replace(/\d{1,2}:\d{2}(:\d{2})?/, ' ');
  const labels = rest.match(PAGE_LABELS)?.length ?? 0;
  rest = rest.replace(/(发布日期|发布时间|发表日期|发表时间|公开日期|日期|时间)\s*[:：]/g, ' ');
  const bullet = /^\s*[•·●▪]/.test(half);
  if (!onlyPageChrome(rest)) return undefined;
  if (!(labelled || time || labels > 0 || bullet)) return undefined;
  const [y, mo, d] = [m[1]!, m[2] ?? m[4]!, m[3] ?? m[5]!];
  return `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

const PANEL_LABELS = new Set(['索引号', '公开方式', '发布机构', '发布单位', '发布日期', '公开日期', '成文日期', '文号', '发文字号', '主题分类', '组配分类', '分类', '公开范围', '有效性', '时效', '公开时限', '是否有效', '有效期限', '有限期限', '失效日期']);
/** The panel labels as portals space them out (索 引 号, 文 号), longest first so 发文字号 is not read as 文号. */
const SPACED_LABELS = [...PANEL_LABELS].sort((a, b) => b.length - a.length).map((l) => [new RegExp(`(?<![\\u4e00-\\u9fa5])${[...l].join('\\s*')}(?![\\u4e00-\\u9fa5])`, 'g'), l] as const);

/** A line of panel labels each followed by its value, no colons (索引号 X 公开方式 主动公开), as label → value. */
function panelPairs(half: string): Record<string, string> | undefined {
  const words = SPACED_LABELS.reduce((t, [re, l]) => t.replace(re, l), half).split(/\s+/).filter(Boolean);
  if (words.length < 2 || !PANEL_LABELS.has(words[0]!)) return undefined;
  const out: Record<string, string> = {};
  for (let k = 0; k < words.length; ) {
    if (!PANEL_LABELS.has(words[k]!)) return undefined;
    const value = words[k + 1];
    if (value === undefined || PANEL_LABELS.has(value)) k += 1;
    else {
      out[words[k]!] = value;
      k += 2;
    }
  }
  return Object.keys(out).length ? out : undefined;
}

/** A row of panel labels (at least two, every cell one) and the row of values under it, as label → value. */
function panelRow(line: string, next: string | undefined): Record<string, string> | undefined {
  if (!next || !line.includes('|') || !next.includes('|')) return undefined;
  const cells = (l: string) => l.trim().replace(/^\||\|$/g, '').split('|').map((c) => toHalfWidth(c).replace(/\s+/g, ''));
  const labels = cells(line).map((c) => c.replace(/[:：]$/, ''));
  const values = cells(next);
  if (labels.length < 2 || values.length !== labels.length || !labels.every((l) => PANEL_LABELS.has(l))) return undefined;
  return Object.fromEntries(labels.map((l, k) => [l, values[k]!]).filter(([, v]) => v));
}

/** A line of page labels only, without a date (来源:某某乡 · 点击数:人次 · 作者: 来源:本站): page chrome. */
export function pageLabelsOnly(half: string): boolean {
  if (half.length > 60 || /[。；，,]/.test(half) || !/^(来源|信息来源|作者|点击数|点击率|浏览次数|访问量|访问次数|阅读次数|字体|字号|发布者|编辑|责任编辑)[:：]/.test(half)) return false;
  return (half.match(PAGE_LABELS)?.length ?? 0) > 0 && onlyPageChrome(half);
}
