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
  { re: /^(登录|注册|登录\s*注册|首页|当前位置[:：].*|您当前的位置[:：].*|网站首页.*)$/, why: '网页导航' },
  { re: /^【?(打印本页|关闭窗口|打印|关闭|收藏|分享到?)】?(\s*【?(打印本页|关闭窗口|打印|关闭|收藏)】?)*$/, why: '网页“打印/关闭”链接' },
  { re: /^(发布日期|发布时间|日期)[:：]\s*\S+.*(点击数|浏览次数|访问量|来源)[:：]?.*$/, why: '网页发布信息行' },
  // 来源:X镇发布时间:2024-01-26 17:49:57访问量:  ·  发布时间 : 2015-03-18 来源:X镇 字体大小:  ·  发布时间:2017-3-10
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
  input.forEach((raw, i) => {
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
    // a portal's metadata panel flattened as a table: 索引号: | /2015-26440 | 公开方式: | …
    const half = despaceLabel(toHalfWidth(t).replace(/\s*\|\s*/g, ' ').trim());
    // the panel's 发布机构 and 成文日期 (the line itself stays: the town may be read from it)
    const by = /^[•·●▪]?\s*(发布机构|发布单位):\s*([\u4e00-\u9fa5（）()]{2,30})(?=\s|$)/.exec(half);
    if (by && !agency) agency = by[2];
    const written = /(成文日期|公文生成日期):\s*(\d{4}-\d{1,2}-\d{1,2})/.exec(half);
    if (written && !date && i < 40) date = written[2]!.replace(/-(\d)(?!\d)/g, '-0$1');
    for (const c of CHROME) {
      if (c.re.test(half)) {
        const pub = /(发布日期|发布时间|公开日期|日期)\s*:\s*(\d{4}-\d{1,2}-\d{1,2})/.exec(half);
        if (pub && !published) published = pub[2]!.replace(/-(\d)(?!\d)/g, '-0$1');
        const idx = /^索引号:\s*(\S+)/.exec(half);
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
