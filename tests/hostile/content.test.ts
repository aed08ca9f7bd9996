/**
 * Hostile content, as an attacker or a careless contributor would write it:
 * each frontmatter and body case must be refused by the one validator
 * (check and build share it) with a finding naming the file and line, and
 * every body vector rendered anyway (the second wall) must be inert in a real
 * Chromium page with no Content-Security-Policy: no dialog, no request, no
 * live element or handler. The build of a hostile folder must fail with the
 * same messages, every bad file named, no stack trace.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { validateArchive, type Finding } from '../../src/lib/report/validate.ts';
import { renderMarkdown } from '../../src/lib/site/render-body.ts';
import { sanitizeHtml } from '../../src/lib/site/sanitize-html.ts';
import { ROOT } from '../helpers/build.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { HOSTILE_BUILD_LOG, HOSTILE_CACHED_BUILD_LOG, HOSTILE_CONTENT } from '../helpers/global-setup.ts';

const BASE_FILE = path.join(ROOT, 'content/reports/fuyuan-hanconggou/2020.md');
const BASE = readFileSync(BASE_FILE, 'utf8');
const REL = 'fuyuan-hanconggou/2020.md';
const check = (text: string, rel = REL): Finding[] => validateArchive([{ file: `content/reports/${rel}`, rel, text }], { today: '2026-12-06' }).filter((f) => f.level === 'error');
const withField = (line: string, value: string) => BASE.replace(new RegExp(`^${line}: .*$`, 'm'), `${line}: ${value}`);
const withBody = (body: string) => `${BASE.trimEnd()}\n\n${body}\n`;

/** [name, file text, what the error must say] */
const FRONTMATTER: [string, string, RegExp][] = [
  ['---js engine', BASE.replace(/^---\n/, '---js\n'), /only YAML frontmatter/],
  ['---javascript engine', BASE.replace(/^---\n/, '---javascript\n'), /only YAML frontmatter/],
  ['---json engine', '---json\n{"title":"x"}\n---\n', /only YAML frontmatter/],
  ['---coffee engine', BASE.replace(/^---\n/, '---coffee\n'), /only YAML frontmatter/],
  ['no frontmatter', '寒葱沟镇 2020\n', /no YAML frontmatter/],
  ['unclosed frontmatter', BASE.replace(/\n---\n/, '\n'), /not closed/],
  ['!!js/function tag', withField('title', '!!js/function "function(){ return require(\'fs\') }"'), /custom YAML tags/],
  ['!!js/regexp tag', withField('title', '!!js/regexp /x/'), /custom YAML tags/],
  ['!!js/undefined tag', withField('agency', '!!js/undefined ""'), /custom YAML tags/],
  ['!!python/object tag', withField('agency', '!!python/object:os.system "ls"'), /custom YAML tags/],
  ['!<tag:custom> tag', withField('agency', '!<tag:evil.example,2000:x> "x"'), /custom YAML tags/],
  ['alias bomb', BASE.replace(/^---\n/, `---\nx0: &a0 [lol,lol,lol,lol,lol,lol,lol,lol,lol,lol]\n${Array.from({ length: 8 }, (_, i) => `x${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(',')}]`).join('\n')}\n`), /alias|unknown key/],
  ['duplicate key', BASE.replace(/^year: 2020$/m, 'year: 2020\nyear: 2021'), /unique/],
  ['NUL in title', withField('title', '"寒葱沟镇\\u0000报告"'), /control character U\+0000/],
  ['BEL in town', withField('town', '"寒葱沟\\u0007镇"'), /control character U\+0007/],
  ['ESC in agency', withField('agency', '"\\u001b[31m寒葱沟镇人民政府"'), /control character U\+001B/],
  ['newline in title', withField('title', '"第一行\\n第二行"'), /control character U\+000A/],
  ['C1 control in county', withField('county', '"抚远\\u0085市"'), /control character U\+0085/],
  ['DEL in province', withField('province', '"黑龙江\\u007f省"'), /control character U\+007F/],
  ['empty title', withField('title', '""'), /must not be empty/],
  ['year as text', withField('year', '"2020年"'), /expected the report year as a number/],
  ['year 1e3', withField('year', '1000'), /from 2008/],
  ['future year', withField('year', '2999'), /not after/],
  ['impossible date 2020-02-30', BASE.replace(/^format:/m, 'date: 2020-02-30\nformat:'), /YYYY-MM-DD|date/],
  ['future date', BASE.replace(/^format:/m, 'date: 2031-01-05\nformat:'), /in the future/],
  ['date before 2008', BASE.replace(/^format:/m, 'published: 2001-01-05\nformat:'), /before 2008/],
  ['unknown key', BASE.replace(/^format:/m, 'onload: alert(1)\nformat:'), /unknown key "onload"/],
  ['unknown format', withField('format', 'national-2099'), /expected format to be one of/],
  ['sha256 wrong', BASE.replace(/sha256: [0-9a-f]{64}/, 'sha256: 1234'), /sha256/],
  ['code not digits', withField('code', '"23088310x"'), /division code/],
  ['notes with NUL', BASE.replace(/^stats:/m, 'notes:\n  - "a\\u0000b"\nstats:'), /control character/],
  ['unsafe integer figure', BASE.replace('received: { natural: 0,', 'received: { natural: 99999999999999999999999,'), /expected a whole number/],
  ['2^53 + 1 figure', BASE.replace('received: { natural: 0,', 'received: { natural: 9007199254740993,'), /expected a whole number/],
  ['negative count', BASE.replace('received: { natural: 0,', 'received: { natural: -3,'), /expected a whole number ≥ 0/],
  ['Infinity figure', BASE.replace('received: { natural: 0,', 'received: { natural: .inf,'), /expected a whole number/],
  ['NaN figure', BASE.replace('received: { natural: 0,', 'received: { natural: .nan,'), /expected a whole number/],
  ['figure as formula text', BASE.replace('received: { natural: 0,', 'received: { natural: "=1+1",'), /expected a whole number/],
  ['unknown stats cell', BASE.replace('received: { natural: 0,', 'received: { natural: 0, onerror: 1,'), /unknown key "onerror"/],
];
// every text field against every kind of invisible or reordering character (NUL, backspace, vertical tab,
// unit separator, CSI, right-to-left override, isolate): each refused with its code point
for (const field of ['title', 'town', 'county', 'agency', 'province', 'city']) {
  for (const [name, esc, cp] of [
    ['NUL', '\\u0000', '0000'],
    ['BS', '\\u0008', '0008'],
    ['VT', '\\u000b', '000B'],
    ['US', '\\u001f', '001F'],
    ['CSI', '\\u009b', '009B'],
    ['RLO', '\\u202e', '202E'],
    ['FSI', '\\u2068', '2068'],
  ] as const) {
    FRONTMATTER.push([`${name} in ${field}`, withField(field, `"寒葱沟${esc}镇"`), new RegExp(`control character U\\+${cp}`)]);
  }
}
FRONTMATTER.push(['county with no pinyin reading', withField('county', '"𠀀𠀁县"'), /has no pinyin reading/]);
FRONTMATTER.push(['town with no pinyin reading', withField('town', '"𠀀镇"'), /has no pinyin reading/]);
FRONTMATTER.push(['RLO in a note', BASE.replace(/^stats:/m, 'notes:\n  - "a\\u202eb"\nstats:'), /control character/]);
for (const scheme of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', 'file:///etc/passwd', 'ftp://example.gov.cn/x', 'ws://example.gov.cn/']) {
  FRONTMATTER.push([`source.url ${scheme.slice(0, 12)}`, BASE.replace(/^(  sha256: .*)$/m, `$1\n  url: "${scheme}"`), /http:\/\/ or https:\/\/|absolute URL/]);
}

/** Body vectors: each must be refused by the check (naming its line) and be inert when rendered. */
const BODY: [string, string, RegExp][] = [
  ['script tag', '<script>alert(1)</script>', /raw HTML/],
  ['script inline', '文字<script>alert(1)</script>文字', /raw HTML/],
  ['img onerror', '<img src=x onerror=alert(1)>', /raw HTML/],
  ['img onerror inline', '说明 <img src=x onerror="alert(1)"> 完', /raw HTML/],
  ['svg onload', '<svg onload=alert(1)></svg>', /raw HTML/],
  ['details ontoggle', '<details open ontoggle=alert(1)>x</details>', /raw HTML/],
  ['iframe srcdoc', '<iframe srcdoc="<script>alert(1)</script>"></iframe>', /raw HTML/],
  ['iframe src', '<iframe src="http://evil.example/"></iframe>', /raw HTML/],
  ['form', '<form action="http://evil.example/"><button>提交</button></form>', /raw HTML/],
  ['style restyles page', '<style>body{display:none}</style>', /raw HTML/],
  ['link stylesheet', '<link rel=stylesheet href="http://evil.example/x.css">', /raw HTML/],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=http://evil.example/">', /raw HTML/],
  ['base href', '<base href="http://evil.example/">', /raw HTML/],
  ['object data', '<object data="http://evil.example/x.swf"></object>', /raw HTML/],
  ['embed', '<embed src="http://evil.example/x.swf">', /raw HTML/],
  ['a href javascript (html)', '<a href="javascript:alert(1)">点此</a>', /raw HTML/],
  ['math xlink', '<math><mi xlink:href="javascript:alert(1)">x</mi></math>', /raw HTML/],
  ['html comment', '<!-- <script>alert(1)</script> -->', /raw HTML/],
  ['body onload', '<body onload=alert(1)>', /raw HTML/],
  ['input autofocus onfocus', '<input autofocus onfocus=alert(1)>', /raw HTML/],
  ['video onerror', '<video><source onerror=alert(1)></video>', /raw HTML/],
  ['markdown link javascript', '[点此](javascript:alert(1))', /only http\(s\)/],
  ['markdown link JAVASCRIPT', '[点此](JAVASCRIPT:alert(1))', /only http\(s\)/],
  ['markdown link data', '[点此](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)', /only http\(s\)/],
  ['markdown link vbscript', '[点此](vbscript:msgbox(1))', /only http\(s\)/],
  ['markdown link entity-obfuscated', '[点此](javascript&#58;alert(1))', /only http\(s\)/],
  ['markdown link with tab', '[点此](<java\tscript:alert(1)>)', /only http\(s\)/],
  ['autolink javascript', '<javascript:alert(1)>', /only http\(s\)/],
  ['autolink data', '<data:text/html,x>', /only http\(s\)/],
  ['reference definition javascript', '[点此][r]\n\n[r]: javascript:alert(1)', /only http\(s\)/],
  ['image from another host', '![图](http://evil.example/track.png)', /report pages show no images/],
  ['image protocol-relative', '![图](//evil.example/track.png)', /report pages show no images/],
  ['image javascript', '![图](javascript:alert(1))', /report pages show no images/],
  ['NUL in body', '文字\u0000文字', /control character U\+0000/],
  ['RLO in body', '金额\u202e0001\u202c元', /control character U\+202E/],
  ['a href with tab entity (html)', '<a href="jav&#x09;ascript:alert(1)">x</a>', /raw HTML/],
  ['a onmouseover', '<a href=x onmouseover=alert(1)>移过来</a>', /raw HTML/],
  ['marquee onstart', '<marquee onstart=alert(1)>x</marquee>', /raw HTML/],
  ['svg script', '<svg><script>alert(1)</script></svg>', /raw HTML/],
  ['svg animate onbegin', '<svg><animate onbegin=alert(1) attributeName=x dur=1s>', /raw HTML/],
  ['custom element onclick', '<x-y onclick=alert(1)>点</x-y>', /raw HTML/],
  ['noscript breakout', '<noscript><p title="</noscript><img src=x onerror=alert(1)>">', /raw HTML/],
  ['template script', '<template><script>alert(1)</script></template>', /raw HTML/],
  ['textarea breakout', '<textarea></textarea><script>alert(1)</script>', /raw HTML/],
  ['xmp', '<xmp><script>alert(1)</script></xmp>', /raw HTML/],
  ['table background', '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>', /raw HTML/],
  ['div style url', '<div style="background:url(javascript:alert(1))">x</div>', /raw HTML/],
  ['object scriptlet', '<object type="text/x-scriptlet" data="http://evil.example/x.html"></object>', /raw HTML/],
  ['select autofocus', '<select autofocus onfocus=alert(1)></select>', /raw HTML/],
  ['audio onloadstart', '<audio src onloadstart=alert(1)></audio>', /raw HTML/],
  ['frameset onload', '<frameset onload=alert(1)>', /raw HTML/],
  ['script src', '<script src=//evil.example/x.js></script>', /raw HTML/],
  ['IMG SRC JaVaScRiPt', '<IMG SRC=JaVaScRiPt:alert(1)>', /raw HTML/],
  ['nested script tags', '<<SCRIPT>alert(1);//<</SCRIPT>', /raw HTML/],
  ['split script tag', '<scr<script>ipt>alert(1)</scr</script>ipt>', /raw HTML/],
  ['escaped open, live close', '\\<script>alert(1)</script>', /raw HTML/],
  ['a with data URL (html)', '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>', /raw HTML/],
  ['button formaction', '<button formaction="javascript:alert(1)">提交</button>', /raw HTML/],
  ['markdown link percent-encoded scheme', '[点此](%6A%61%76%61script:alert(1))', /only http\(s\)/],
  ['markdown link entity letters', '[点此](&#106;&#97;vascript:alert(1))', /only http\(s\)/],
  ['markdown link percent newline', '[点此](java%0ascript:alert(1))', /only http\(s\)/],
  ['markdown link livescript', '[点此](livescript:alert(1))', /only http\(s\)/],
  ['markdown link blob', '[点此](blob:http://evil.example/x)', /only http\(s\)/],
  ['markdown link filesystem', '[点此](filesystem:http://evil.example/x)', /only http\(s\)/],
  ['markdown link file', '[点此](file:///C:/Windows/win.ini)', /only http\(s\)/],
  ['reference link data', '[点此][d]\n\n[d]: data:text/html,<script>alert(1)</script>', /only http\(s\)/],
  ['image data URL', '![图](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)', /report pages show no images/],
  ['image https other host', '![图](https://evil.example/pixel.gif)', /report pages show no images/],
  ['image of the site itself (shown as a tag in text otherwise)', '![图](./chart.png)', /report pages show no images/],
  ['image reference to another host', '[p]: https://evil.example/p.gif\n\n![图][p]', /an image reference: report pages show no images/],
  ['ESC in body', '文字\u001b[2J文字', /control character U\+001B/],
];

describe('hostile frontmatter is refused by the one validator', () => {
  it('the base report is valid (so each case fails for its own reason)', () => {
    expect(check(BASE)).toEqual([]);
    expect(check(`\uFEFF${BASE.replace(/\n/g, '\r\n')}`)).toEqual([]);
  });
  it.each(FRONTMATTER)('%s', (_name, text, message) => {
    const errors = check(text);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.map((e) => e.message).join('\n')).toMatch(message);
    for (const e of errors) expect(e.file).toBe(`content/reports/${REL}`);
  });
  it('a report file written 2020.MD is reported, not ignored', () => {
    expect(check(BASE, 'fuyuan-hanconggou/2020.MD').map((e) => e.message).join('\n')).toMatch(/name it <year>\.md in lower case/);
  });
});

describe('hostile bodies are refused with their line', () => {
  it.each(BODY)('%s', (_name, body, message) => {
    const text = withBody(body);
    const errors = check(text);
    expect(errors.length).toBeGreaterThan(0);
    const hit = errors.find((e) => message.test(e.message));
    expect(hit, errors.map((e) => e.message).join('\n')).toBeDefined();
    // the line named is the line of the vector in the file
    const vectorLine = text.split('\n').findIndex((l) => l.includes(body.split('\n').at(-1)!.slice(0, 6))) + 1;
    expect(hit!.line).toBe(vectorLine);
  });
  it('ordinary links and text are not refused', () => {
    expect(check(withBody('见[县政府网站](http://www.fuyuan.gov.cn/)，电话 <tel:0454-1234567>，邮件 [信箱](mailto:gk@example.gov.cn)，[上一年](../2019/)。数量 a < b 且 c > d。'))).toEqual([]);
  });
});

describe('rendered anyway, every body vector is inert in Chromium without a CSP', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  it('no dialog, no request, no live element, handler or script link', async () => {
    const html = (await Promise.all(BODY.map(([, body]) => renderMarkdown(body)))).map((r) => r.html).join('\n');
    // the vectors still show, as text, so a reader sees what the file holds
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const page = await browser.newPage();
    const dialogs: string[] = [];
    const requests: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('request', (r) => {
      if (!r.url().startsWith('data:') && r.url() !== 'about:blank') requests.push(r.url());
    });
    await page.setContent(`<!doctype html><html><head><meta charset="utf-8"></head><body><main>${html}</main></body></html>`, { waitUntil: 'load' });
    // give timers, toggles and focus handlers a chance to fire
    await page.waitForTimeout(300);
    const live = await page.evaluate(() => {
      const main = document.querySelector('main')!;
      const bad = main.querySelectorAll('script,iframe,img,svg,math,object,embed,form,input,style,link,meta,base,details,video,audio,source');
      const handlers = [...main.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name) || a.name === 'style' || a.name === 'srcdoc').map((a) => `${el.tagName} ${a.name}`));
      const hrefs = [...main.querySelectorAll('[href]')].map((el) => el.getAttribute('href')!).filter((h) => !/^(https?:|mailto:|tel:|[./#]|[^:]*$)/i.test(h));
      return { bad: [...bad].map((e) => e.tagName), handlers, hrefs, bodyVisible: getComputedStyle(document.body).display !== 'none' };
    });
    // and a reader clicking every link the vectors left: nothing may run
    for (const a of await page.$$('main a')) await a.click({ force: true, noWaitAfter: true, timeout: 1000 }).catch(() => {});
    await page.waitForTimeout(200);
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([]);
    expect(live).toEqual({ bad: [], handlers: [], hrefs: [], bodyVisible: true });
    await page.close();
  });

  it('GFM footnotes and task lists keep their own markup and nothing a report could borrow', async () => {
    const body = [
      '正文有一处注释[^1]，又一处[^长注]。',
      '',
      '- [ ] 未办事项',
      '- [x] 已办事项',
      '',
      '[^1]: 第一条注释。',
      '[^长注]: 第二条注释。',
    ].join('\n');
    const { html, headings } = await renderMarkdown(body);
    // nothing of GFM's markup shown as text; the notes under a heading of the page's language, in its 目录
    expect(html).not.toMatch(/&lt;(section|input|\/section)/);
    expect(html).not.toContain('Footnotes');
    expect(html).toContain('<h2 id="footnote-label">注释</h2>');
    expect(headings).toContainEqual({ depth: 2, slug: 'footnote-label', text: '注释' });
    const page = await browser.newPage();
    await page.setContent(`<!doctype html><html><head><meta charset="utf-8"></head><body><main>${html}</main></body></html>`, { waitUntil: 'load' });
    const seen = await page.evaluate(() => {
      const main = document.querySelector('main')!;
      const boxes = [...main.querySelectorAll('input')].map((i) => ({ type: i.type, checked: i.checked, disabled: i.disabled }));
      // every footnote link lands on an element of the page (a browser tries the fragment as written, then decoded)
      const targets = [...main.querySelectorAll('a[href^="#"]')].map((a) => {
        const f = a.getAttribute('href')!.slice(1);
        return Boolean(document.getElementById(f) ?? document.getElementById(decodeURIComponent(f)));
      });
      return { boxes, targets, notes: main.querySelectorAll('section.footnotes li').length };
    });
    expect(seen.boxes).toEqual([{ type: 'checkbox', checked: false, disabled: true }, { type: 'checkbox', checked: true, disabled: true }]);
    expect(seen.notes).toBe(2);
    expect(seen.targets).toHaveLength(4);
    expect(seen.targets.every(Boolean)).toBe(true);
    // a click does not change a box
    await page.click('main input >> nth=0', { force: true }).catch(() => {});
    expect(await page.evaluate(() => document.querySelector<HTMLInputElement>('main input')!.checked)).toBe(false);
    await page.close();
  });

  it('an id or class written in a report cannot take the site\'s', async () => {
    const { html } = await renderMarkdown('## 标题 {#search}\n\n文字');
    const own = '<ul class="site-header"><li id="search" class="x">a</li></ul>';
    expect(sanitizeHtml(own)).toBe('<ul><li>a</li></ul>');
    expect(html).not.toContain('class=');
  });
});

describe('the build refuses a hostile folder with check\'s messages', () => {
  const log = readFileSync(HOSTILE_BUILD_LOG, 'utf8');
  it('fails, naming every bad file with its line, without a stack trace', () => {
    expect(log.startsWith('FAILED')).toBe(true);
    expect(log).toMatch(/fuyuan-hanconggou\/2019\.md:1 {2}no YAML frontmatter: .*only YAML frontmatter/);
    expect(log).toMatch(/fuyuan-hanconggou\/2018\.md:\d+ {2}raw HTML "<script>/);
    expect(log).toMatch(/fuyuan-hanconggou\/2017\.MD {2}the file name ends "\.MD"/);
    expect(log).not.toMatch(/^\s+at .+\.(ts|js|mjs):\d+:\d+\)?$/m);
  });
  it('names exactly the errors npm run check names for the same folder, and accepts what check accepts', () => {
    const run = spawnSync(path.join(ROOT, 'node_modules/.bin/node'), ['scripts/check.ts', '--json'], { cwd: ROOT, env: { ...process.env, CONTENT_DIR: HOSTILE_CONTENT }, encoding: 'utf8' });
    expect(run.status).toBe(1);
    const check = (JSON.parse(run.stdout) as { findings: { file: string; line?: number; field?: string; level: string; message: string }[] }).findings
      .filter((f) => f.level === 'error')
      .map((f) => `${f.file}${f.line ? `:${f.line}` : ''}  ${f.field ? `${f.field}: ` : ''}${f.message}`)
      .sort();
    const build = [...new Set(log.split('\n').filter((l) => /^ {2}test-artifacts\/corpus-hostile\//.test(l)).map((l) => l.trim()))].sort();
    expect(build).toEqual(check);
    // one error or more for each hostile file; none for the valid ones (the base, BOM + CRLF)
    const named = new Set(check.map((l) => l.split(/[: ]/)[0]!.replace(/^.*corpus-hostile\//, '')));
    expect([...named].sort()).toEqual(['2012.md', '2013.md', '2014.md', '2015.md', '2016.md', '2017.MD', '2018.md', '2019.md'].map((n) => `fuyuan-hanconggou/${n}`));
  });
  it('fails again, with the same messages, when every file\'s findings come from the validation cache', () => {
    const cached = readFileSync(HOSTILE_CACHED_BUILD_LOG, 'utf8');
    expect(cached.startsWith('FAILED')).toBe(true);
    const files = readdirSync(path.join(HOSTILE_CONTENT, 'fuyuan-hanconggou')).length;
    expect(cached).toContain(`validated ${files} reports: 0 parsed and checked, ${files} unchanged (validation cache)`);
    const errors = (l: string) => l.split('\n').filter((x) => /^ {2}test-artifacts\/corpus-hostile\//.test(x));
    expect(errors(cached).length).toBeGreaterThanOrEqual(8);
    expect(errors(cached)).toEqual(errors(log));
  });
});

describe('content/ is unchanged by the tests', () => {
  it('the archive files hash as git has them', async () => {
    const { execFileSync } = await import('node:child_process');
    const status = execFileSync('git', ['status', '--porcelain', '--', 'content'], { cwd: ROOT, encoding: 'utf8' });
    expect(status).toBe('');
    const files = readdirSync(path.join(ROOT, 'content/reports'), { recursive: true }).map(String).filter((f) => statSync(path.join(ROOT, 'content/reports', f)).isFile());
    expect(files.length).toBeGreaterThan(0);
    expect(createHash('sha256').update(readFileSync(BASE_FILE)).digest('hex')).toBe(createHash('sha256').update(BASE).digest('hex'));
  });
});
