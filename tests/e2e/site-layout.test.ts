/**
 * The site as people use it (issue 12): every page type at 320, 360 and 1280 px, in the normal view
 * and in 大字版, in real Chromium under the strict CSP. axe-core finds no WCAG 2.1 AA violation,
 * nothing is wider than the viewport, the statutory tables' rows fit the screen at 320 px, the
 * header stays compact on a phone, 大字版 is applied before the page's own scripts run and the
 * toggle shows its state. Also: 下载原件 serves the archived bytes, the CSV headers read in
 * Chinese. Screenshots and the figures (test-artifacts/site-layout.json) are written for review.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFrontmatter } from '../../src/lib/report/frontmatter.ts';
import { recordFromHtml } from '../../src/lib/search/records.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { DIST, ROOT } from '../helpers/build.ts';
import { serveStatic, type Served } from '../helpers/server.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";
const ARTIFACTS = path.join(ROOT, 'test-artifacts/site-layout');

const PAGES: Record<string, string> = {
  home: '',
  report: 'reports/fuyuan-hanconggou/2020/',
  'report-free': 'reports/gongzhuling-maochengzi/2019/',
  'report-url': 'reports/yongji-yilaxi/2014/',
  town: 'towns/gongzhuling-maochengzi/',
  year: 'years/2019/',
  years: 'years/',
  region: 'regions/jilin/gongzhuling/',
  province: 'regions/jilin/',
  regions: 'regions/',
  search: 'search/?q=申请',
  checks: 'checks/',
  compare: 'compare/',
  'checks-county': 'checks/jilin/gongzhuling/',
  '404': 'no-such-page/',
};
const WIDTHS = [320, 360, 1280];
const MODES = ['normal', 'care'] as const;

interface Figures {
  page: string;
  width: number;
  mode: (typeof MODES)[number];
  axe: { id: string; nodes: string[] }[];
  scrollWidth: number;
  innerWidth: number;
  /** the right edge of the widest element outside a scrolling box */
  widest: { px: number; what: string };
  headerHeight: number;
  /** statutory-table rows whose right edge is past the viewport */
  tableRowsOutside: number;
  tableApplicationsHeight?: number;
  careClass: boolean;
}

let browser: Browser;
let server: Served;
const figures: Figures[] = [];

beforeAll(async () => {
  server = await serveStatic(DIST, { headers: { 'Content-Security-Policy': CSP } });
  browser = await launchBrowser();
  mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  writeFileSync(path.join(ROOT, 'test-artifacts/site-layout.json'), JSON.stringify(figures, null, 1));
  const rows = figures.map((f) => `${f.page.padEnd(10)} ${String(f.width).padStart(4)} ${f.mode.padEnd(6)} axe ${f.axe.length} scroll ${f.scrollWidth}/${f.innerWidth} widest ${f.widest.px} header ${f.headerHeight}${f.tableApplicationsHeight ? ` 表三 ${f.tableApplicationsHeight}` : ''}${f.tableRowsOutside ? ` rows-outside ${f.tableRowsOutside}` : ''}`);
  console.log(rows.join('\n'));
  await browser?.close();
  await server?.close();
});

async function measure(page: Page): Promise<Omit<Figures, 'page' | 'width' | 'mode' | 'axe'>> {
  return page.evaluate(() => {
    const vw = window.innerWidth;
    let widest = { px: 0, what: '' };
    const scrolls = (el: Element) => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === 'auto' || o === 'scroll' || o === 'hidden') return true;
      }
      return false;
    };
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || scrolls(el)) continue;
      if (r.right > widest.px) widest = { px: Math.round(r.right), what: `${el.tagName.toLowerCase()}.${el.className}` };
    }
    const rowsOutside = [...document.querySelectorAll('.stat-table tbody tr')].filter((tr) => {
      const r = tr.getBoundingClientRect();
      return r.width > 0 && (r.right > vw + 0.5 || r.left < -0.5);
    }).length;
    const apps = document.querySelector('#table-applications');
    return {
      scrollWidth: document.scrollingElement!.scrollWidth,
      innerWidth: vw,
      widest,
      headerHeight: Math.round(document.querySelector('.site-header')!.getBoundingClientRect().height),
      tableRowsOutside: rowsOutside,
      ...(apps ? { tableApplicationsHeight: Math.round(apps.getBoundingClientRect().height) } : {}),
      careClass: document.documentElement.classList.contains('care'),
    };
  });
}

async function axe(page: Page) {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run(o: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

describe('every page type at 320, 360 and 1280 px, normal and 大字版', () => {
  for (const mode of MODES) {
    for (const width of WIDTHS) {
      it(`${mode} at ${width} px: axe clean, nothing wider than the viewport, table rows on screen`, async () => {
        const context = await browser.newContext({ viewport: { width, height: 740 } });
        if (mode === 'care') await context.addInitScript(() => localStorage.setItem('nianbao-care', '1'));
        const page = await context.newPage();
        const errors: string[] = [];
        let current = '';
        page.on('console', (m) => {
          // the 404 page is served with status 404, which Chromium logs
          if (m.type() === 'error' && !(current === '404' && /status of 404/.test(m.text()))) errors.push(`${current}: ${m.text()}`);
        });
        page.on('pageerror', (e) => errors.push(e.message));
        const problems: string[] = [];
        for (const [name, rel] of Object.entries(PAGES)) {
          current = name;
          await page.goto(`${server.url}${rel}`, { waitUntil: 'load' });
          if (name === 'search') await page.waitForSelector('#search-results li', { timeout: 15_000 });
          if (name === 'compare') await page.waitForSelector('#compare-table tbody tr', { timeout: 15_000 });
          const f = { page: name, width, mode, axe: await axe(page), ...(await measure(page)) };
          figures.push(f);
          await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${width}-${mode}.png`), fullPage: true });
          if (f.careClass !== (mode === 'care')) problems.push(`${name}: html.care is ${f.careClass}`);
          if (f.axe.length) problems.push(`${name}: axe ${JSON.stringify(f.axe)}`);
          if (f.scrollWidth > f.innerWidth) problems.push(`${name}: scrollWidth ${f.scrollWidth} > ${f.innerWidth} (widest ${f.widest.what} ${f.widest.px})`);
          if (f.widest.px > f.innerWidth + 1) problems.push(`${name}: ${f.widest.what} reaches ${f.widest.px} px`);
          if (width <= 360 && f.tableRowsOutside) problems.push(`${name}: ${f.tableRowsOutside} statutory-table rows past the screen`);
          if (width === 360 && mode === 'normal' && f.headerHeight > 100) problems.push(`${name}: header ${f.headerHeight} px tall at 360`);
        }
        await context.close();
        expect(problems).toEqual([]);
        expect(errors).toEqual([]);
      }, 180_000);
    }
  }
});

describe('大字版 toggle', () => {
  it('is applied before the page paints, shows its state and is remembered', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${server.url}${PAGES.report}`);
    const standard = page.locator('.care-toggle button', { hasText: '标准版' });
    const large = page.locator('.care-toggle button', { hasText: '大字版' });
    await expect(standard.getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(large.getAttribute('aria-pressed')).resolves.toBe('false');
    const unpressed = await large.evaluate((b) => getComputedStyle(b).backgroundColor);
    await large.click();
    await expect(large.getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(standard.getAttribute('aria-pressed')).resolves.toBe('false');
    expect(await page.evaluate(() => document.documentElement.classList.contains('care'))).toBe(true);
    // the pressed look: another background than the button had before
    expect(await large.evaluate((b) => getComputedStyle(b).backgroundColor)).not.toBe(unpressed);
    // the next page: html.care is set by the synchronous script in <head>, before <body> exists
    await context.addInitScript(() => {
      new MutationObserver((_, obs) => {
        if (document.body) {
          (window as unknown as { careAtBody: boolean }).careAtBody = document.documentElement.classList.contains('care');
          obs.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${server.url}${PAGES.town}`);
    expect(await page.evaluate(() => (window as unknown as { careAtBody: boolean }).careAtBody)).toBe(true);
    await expect(page.locator('.care-toggle button', { hasText: '大字版' }).getAttribute('aria-pressed')).resolves.toBe('true');
    await page.locator('.care-toggle button', { hasText: '标准版' }).click();
    expect(await page.evaluate(() => document.documentElement.classList.contains('care'))).toBe(false);
    await context.close();
  });
});

describe('downloads', () => {
  it('下载原件 serves the archived bytes (sha256 as the frontmatter records)', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}${PAGES['report-free']}`);
    const link = page.locator('a', { hasText: '下载原件' });
    const url = new URL((await link.getAttribute('href'))!, page.url()).href;
    const bytes = Buffer.from(await (await fetch(url)).arrayBuffer());
    const fm = readFrontmatter(readFileSync(path.join(ROOT, 'content/reports/gongzhuling-maochengzi/2019.md'), 'utf8'));
    if (!fm.ok) throw new Error(fm.error.message);
    const source = (fm.value.data as { source: { sha256: string } }).source;
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(source.sha256);
    await page.close();
  });

  it('the CSV files that say “Excel 可直接打开” have Chinese headers', async () => {
    for (const rel of ['data/reports-zh.csv', 'years/2019/reports-zh.csv']) {
      const text = await (await fetch(`${server.url}${rel}`)).text();
      const header = text.replace(/^\uFEFF/, '').split(/\r?\n/)[0]!.split(',');
      expect(header.length).toBeGreaterThan(20);
      // every column name holds Chinese; none is a dotted English key
      expect(header.filter((h) => !/[\u4e00-\u9fff]/.test(h) || /^[a-z]+(\.[a-zA-Z]+)+$/.test(h))).toEqual([]);
    }
  });
});

describe('the fixes of issue 12, in the built pages', () => {
  const open = async (rel: string, width = 360) => {
    const context = await browser.newContext({ viewport: { width, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${server.url}${rel}`);
    return { page, done: () => context.close() };
  };

  it('a bare web address ends at its last ASCII character; the sentence after it stays text', async () => {
    const { page, done } = await open(PAGES['report-url']!);
    const link = page.locator('.report-text a[href^="http://218.27.147.134"]');
    expect(await link.getAttribute('href')).toBe('http://218.27.147.134/zwdtSjgl/Directory/depListDir.jsp');
    expect(await link.textContent()).toBe('http://218.27.147.134/zwdtSjgl/Directory/depListDir.jsp');
    expect(await link.evaluate((a) => a.nextSibling?.textContent ?? '')).toMatch(/^诚恳接受社会各界的监督/);
    await done();
  });

  it('the year page links each county to its county page; the breadcrumb names the prefecture city', async () => {
    const { page, done } = await open(PAGES.year!);
    const county = page.locator('.figures-table td a', { hasText: '公主岭市' });
    expect(new URL((await county.getAttribute('href'))!, page.url()).pathname).toBe('/regions/jilin/gongzhuling/');
    await page.goto(`${server.url}${PAGES.report}`);
    const crumbs = (await page.locator('.breadcrumbs li').allTextContents()).map((t) => t.trim());
    expect(crumbs).toEqual(['首页', '黑龙江省', '佳木斯市', '抚远市', '寒葱沟镇', '2020年']);
    expect(await page.locator('.breadcrumbs [aria-current="page"]').allTextContents()).toEqual(['2020年']);
    await done();
  });

  it('a town with one report shows the year alone and no one-bar chart', async () => {
    const { page, done } = await open('towns/fuyuan-hanconggou/');
    const text = await page.locator('main').textContent();
    expect(text).toContain('共收录 1 份年度报告（2020年）');
    expect(text).not.toMatch(/(\d{4})—\1年/);
    expect(await page.locator('.trend svg').count()).toBe(0);
    await done();
  });

  it('home, search and 404 have one search box each; on /search/ the skip link leads to the field', async () => {
    const { page, done } = await open('');
    expect(await page.locator('form[role="search"]').count()).toBe(1);
    await page.goto(`${server.url}no-such-page/`);
    expect(await page.locator('form[role="search"]').count()).toBe(1);
    await page.goto(`${server.url}search/`);
    expect(await page.locator('form[role="search"]').count()).toBe(1);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('跳到检索框');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
    await done();
  });

  it('复制引用 and 显示更多结果 look like buttons', async () => {
    const { page, done } = await open(PAGES.report!);
    const style = (sel: string) =>
      page.locator(sel).evaluate((b) => {
        const s = getComputedStyle(b);
        return { border: `${s.borderTopStyle} ${s.borderTopColor}`, cursor: s.cursor };
      });
    expect(await style('.copy-button')).toEqual({ border: 'solid rgb(11, 79, 156)', cursor: 'pointer' });
    await page.goto(`${server.url}search/?q=镇`);
    await page.waitForSelector('#search-results li');
    expect(await style('#search-more')).toEqual({ border: 'solid rgb(11, 79, 156)', cursor: 'pointer' });
    await done();
  });

  it('the old-browser notice: shown unless the engine knows @supports (IE 11 and IE mode do not), hidden here', async () => {
    const { page, done } = await open('');
    const notice = page.locator('.legacy-notice');
    expect(await notice.count()).toBe(1);
    expect(await notice.isVisible()).toBe(false);
    const rules = await page.evaluate(() => {
      const out: { supports: string | null; display: string }[] = [];
      const walk = (list: CSSRuleList, supports: string | null) => {
        for (const r of list) {
          if (r instanceof CSSSupportsRule) walk(r.cssRules, r.conditionText);
          else if (r instanceof CSSStyleRule && r.selectorText === '.legacy-notice') out.push({ supports, display: r.style.display });
        }
      };
      for (const s of document.styleSheets) walk(s.cssRules, null);
      return out;
    });
    // the notice's own rule does not hide it; only the @supports rule does
    expect(rules.filter((r) => r.supports === null).every((r) => r.display !== 'none')).toBe(true);
    expect(rules.filter((r) => r.supports !== null).map((r) => r.display)).toEqual(['none']);
    await done();
  });

  it('each statutory table heading is in the searchable text once (no caption repeating the section heading)', () => {
    const record = recordFromHtml(readFileSync(path.join(DIST, PAGES.report!, 'index.html'), 'utf8'))!;
    for (const heading of ['二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况']) {
      expect(record.text.split(heading).length - 1).toBe(1);
    }
  });

  it('without a site address, sitemap.xml and feed.xml say that they hold paths', async () => {
    for (const rel of ['sitemap.xml', 'feed.xml']) {
      const text = await (await fetch(`${server.url}${rel}`)).text();
      expect(text).toMatch(/<!-- url is empty in src\/site.config.ts/);
    }
  });
});

describe('statutory tables: cards on phones, the official grid on wide screens and in print', () => {
  it('switches layout by width and medium, each figure under its column label on a phone', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${server.url}${PAGES.report}`);
    const layout = () =>
      page.evaluate(() => {
        const t = document.querySelector('#table-applications')!;
        const td = t.querySelector('tbody td[data-label]')!;
        return {
          headVisible: getComputedStyle(t.querySelector('thead th')!).display !== 'none',
          rowDisplay: getComputedStyle(t.querySelector('tbody tr')!).display,
          label: getComputedStyle(td, '::before').content,
        };
      });
    expect(await layout()).toEqual({ headVisible: false, rowDisplay: 'grid', label: '"自然人"' });
    await page.emulateMedia({ media: 'print' });
    expect(await layout()).toMatchObject({ headVisible: true, rowDisplay: 'table-row' });
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1280, height: 740 });
    expect(await layout()).toMatchObject({ headVisible: true, rowDisplay: 'table-row', label: 'none' });
    await context.close();
  });
});
