/**
 * Source files → plain text lines, one reader per kind: text (any encoding),
 * saved web pages (the report body found inside portal chrome), Word .docx
 * (through mammoth's HTML, tables with merged cells) and PDF with a text layer
 * (pdfjs-dist). Tables become `| a | b |` lines so one table parser reads all.
 * Used by the importer (index.ts).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as cheerio from 'cheerio';
import type { AnyNode } from 'domhandler';
import { decodeBytes, type Decoded } from './decode.ts';
import { checkDocx, checkHtml, checkPdf, checkSize, checkText, LIMITS } from './limits.ts';
import { layoutLines, layoutPage, type PageLayout } from './pdf-layout.ts';
import { readPage } from './pdf-read.ts';

export interface Extracted {
  lines: string[];
  encoding: Decoded['encoding'] | 'docx' | 'pdf';
  /** Facts the page showed outside the body. */
  published?: string;
  indexNo?: string;
  /** 发布机构 as the page's metadata panel writes it */
  agency?: string;
  removed: { text: string; why: string }[];
  /** PDF only: how many ruled tables were rebuilt from the page geometry. */
  pdfTables?: number;
}

export class ImportError extends Error {}

export const SUPPORTED = ['.txt', '.text', '.html', '.htm', '.docx', '.pdf'];

export async function extractFile(file: string, bytes?: Uint8Array): Promise<Extracted> {
  const ext = path.extname(file).toLowerCase();
  const data = bytes ?? new Uint8Array(await readFile(file));
  checkSize('the file', data.length, LIMITS.fileBytes);
  if (ext === '.html' || ext === '.htm') {
    checkSize('the web page', data.length, LIMITS.textBytes);
    const { text, encoding } = decodeBytes(data);
    checkHtml(text);
    return { ...htmlToLines(text, true), encoding };
  }
  if (ext === '.docx') {
    checkDocx(data);
    return docxToLines(data);
  }
  if (ext === '.pdf') {
    checkPdf(data);
    return pdfToLines(data);
  }
  if (SUPPORTED.includes(ext)) {
    checkSize('the text file', data.length, LIMITS.textBytes);
    const { text, encoding } = decodeBytes(data);
    checkText(text);
    // Word's vertical tabs are line breaks; form feeds (pdftotext's page breaks) stay: the table reader
    // compares column positions only within a page (pdf-columns.ts), and clean() removes them
    return { lines: text.split(/\r\n|\r|\n|\v/), encoding, removed: [] };
  }
  throw new ImportError(`unsupported file type "${ext || '(none)'}": expected one of ${SUPPORTED.join(' ')}`);
}

const BLOCK = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'br', 'tr', 'section', 'article', 'blockquote', 'pre']);

/** Text of an element with line breaks at block boundaries; tables as | rows. */
function blockText($: cheerio.CheerioAPI, root: AnyNode): string[] {
  const lines: string[] = [];
  let cur = '';
  const flush = () => {
    if (cur.trim()) lines.push(cur.replace(/[ \t\u00a0]+/g, ' ').trim());
    cur = '';
  };
  const walk = (node: AnyNode) => {
    if (node.type === 'text') {
      cur += (node as unknown as { data: string }).data;
      return;
    }
    if (node.type !== 'tag') return;
    const el = node as unknown as { name: string; children: AnyNode[] };
    if (el.name === 'table') {
      flush();
      lines.push(...tableRows($, node));
      return;
    }
    if (el.name === 'br') {
      flush();
      return;
    }
    const block = BLOCK.has(el.name);
    if (block) flush();
    for (const c of el.children) walk(c);
    if (block) flush();
  };
  walk(root);
  flush();
  return lines;
}

/** A table as `| a | b |` lines; a cell spanning n columns leaves n-1 empty cells after it, a row span repeats nothing. */
function tableRows($: cheerio.CheerioAPI, table: AnyNode): string[] {
  const rows: string[] = [];
  $(table)
    .find('tr')
    .each((_, tr) => {
      const cells: string[] = [];
      $(tr)
        .children('td,th')
        .each((__, td) => {
          cells.push($(td).text().replace(/\s+/g, ''));
          const span = Number($(td).attr('colspan') ?? 1);
          for (let k = 1; k < span; k++) cells.push('');
        });
      if (cells.length) rows.push(`| ${cells.join(' | ')} |`);
    });
  return rows;
}

/** Code, not text: dropped from every page unread, and not quoted in the import notes either. */
const CODE_SELECTORS = 'script, style, template, iframe, object, embed, svg, math, noscript';
const CHROME_SELECTORS = 'nav, header, footer, form, .breadcrumb, .crumb, .position, .location, .share, .print, #header, #footer, .header, .footer, .nav, .menu';

/** Finds the report body in a saved portal page: the block with the most report-like text. */
export function htmlToLines(html: string, isPage: boolean): Omit<Extracted, 'encoding'> {
  const $ = cheerio.load(html);
  $(CODE_SELECTORS).remove();
  const removed: { text: string; why: string }[] = [];
  const pageText = $('body').text().replace(/\s+/g, ' ');
  // spaced labels (索 引 号) and metadata tables (a label cell, then its value cell: no colon)
  const published = /发\s*布\s*(?:日\s*期|时\s*间)\s*[:：]?\s*(\d{4})[-年/.](\d{1,2})[-月/.](\d{1,2})/.exec(pageText);
  const indexNo = /索\s*引\s*号\s*[:：]?\s*([A-Za-z0-9\-_/]+)/.exec(pageText);
  // 发布机构 of the panel: "发布机构:X" in one element, or a label cell and its value cell
  let agency: string | undefined;
  const AGENCY_LABEL = /^发\s*布\s*机\s*构\s*[:：]?\s*/;
  const NAME = /^[\u4e00-\u9fa5（）()]{2,30}$/;
  $('li, td, th, span, p, dd, dt').each((_, el) => {
    if (agency) return;
    const t = $(el).text().replace(/\s+/g, ' ').trim();
    if (!AGENCY_LABEL.test(t)) return;
    const rest = t.replace(AGENCY_LABEL, '').trim();
    const value = rest || $(el).next().text().replace(/\s+/g, '').trim();
    if (NAME.test(value)) agency = value;
  });
  // the title a portal shows outside the content container (<h1>, .title, <title>)
  const titleLike = (t: string) => /(年度|工作).{0,12}报告$/.test(t) && t.length <= 60;
  const pageTitle = [
    ...$('h1, h2, .title, .article-title, .tit').map((_, el) => $(el).text().replace(/\s+/g, '')).get(),
    $('title').text().replace(/\s+/g, '').split(/[-_|—]/)[0] ?? '',
  ].find(titleLike);
  let root: AnyNode | undefined = $('body').get(0) ?? $.root().get(0);
  if (isPage) {
    $(CHROME_SELECTORS).each((_, el) => {
      const t = $(el).text().replace(/\s+/g, ' ').trim();
      if (t) removed.push({ text: t.slice(0, 80), why: '正文以外的网页内容' });
      $(el).remove();
    });
    // small blocks that carry 索引号/发布日期/点击数 are the portal's metadata panel
    $('table, div, ul, p').each((_, el) => {
      const t = $(el).text().replace(/\s+/g, ' ').trim();
      if (t.length < 300 && /索引号|点击数|浏览次数|发布日期[:：]|【打印|关闭窗口|附件[:：]/.test(t) && $(el).find('p, div').length < 6) {
        removed.push({ text: t.slice(0, 80), why: '正文以外的网页内容' });
        $(el).remove();
      }
    });
    // the deepest element that still holds nearly all of the Chinese text
    const han = (el: AnyNode) => ($(el).text().match(/[\u4e00-\u9fa5]/g) ?? []).length;
    const total = root ? han(root) : 0;
    let best: { el: AnyNode; depth: number } | undefined;
    $('div, article, section, td, main').each((_, el) => {
      if (han(el) < total * 0.85) return;
      const depth = $(el).parents().length;
      if (!best || depth > best.depth) best = { el, depth };
    });
    if (best) root = best.el;
  }
  const lines = root ? blockText($, root) : [];
  // no title in the content: the page's own, so the town is not read from a body sentence
  if (isPage && pageTitle && !lines.slice(0, 6).some((l) => titleLike(l.replace(/\s+/g, '')))) lines.unshift(pageTitle, '');
  const pad = (n: string) => n.padStart(2, '0');
  return {
    lines,
    removed,
    ...(published ? { published: `${published[1]}-${pad(published[2]!)}-${pad(published[3]!)}` } : {}),
    ...(indexNo ? { indexNo: indexNo[1]! } : {}),
    ...(agency ? { agency } : {}),
  };
}

async function docxToLines(data: Uint8Array): Promise<Extracted> {
  const mammoth = (await import('mammoth')).default;
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(data) })).value;
  } catch (e) {
    throw new ImportError(`not a readable Word .docx file (${(e as Error).message}); save it again as .docx from Word or WPS`);
  }
  return { ...htmlToLines(`<body>${html}</body>`, false), encoding: 'docx' };
}

async function pdfToLines(data: Uint8Array): Promise<Extracted> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let doc;
  try {
    // Chinese PDFs name Adobe CMaps (UniGB-UCS2-H, Identity-H …): pdfjs needs its CMap files to read their text
    const dir = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
    doc = await pdfjs.getDocument({
      data: new Uint8Array(data),
      cMapUrl: `${path.join(dir, 'cmaps')}/`,
      cMapPacked: true,
      standardFontDataUrl: `${path.join(dir, 'standard_fonts')}/`,
      useSystemFonts: false,
      isEvalSupported: false,
      verbosity: 0,
    }).promise;
  } catch (e) {
    throw new ImportError(`not a readable PDF (${(e as Error).message})`);
  }
  const pages: PageLayout[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    // text runs and ruling lines → lines, tables rebuilt as | rows from their grid (pdf-layout.ts)
    const { runs, segments } = await readPage(page, pdfjs.OPS as unknown as Record<string, number>);
    pages.push(layoutPage(runs, segments));
  }
  const lines = layoutLines(pages);
  const tables = pages.reduce((n, p) => n + p.tables, 0);
  if (!lines.some((l) => /[\u4e00-\u9fa5A-Za-z0-9]/.test(l))) {
    throw new ImportError('the PDF has no text layer (it is scanned images): run OCR on it first, or import a Word or text copy');
  }
  return { lines, encoding: 'pdf', removed: [], pdfTables: tables };
}
