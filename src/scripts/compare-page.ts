/**
 * The comparison page's behaviour (/compare/): fills the region menus and year boxes from
 * data/compare/index.json, loads a county's file when it is shown or one of its towns is chosen,
 * draws the table (src/lib/exports/compare-view.ts) and a bar chart (SVG built with DOM APIs),
 * keeps the URL in step (?towns=…&years=…&figures=…, replaceState) and restores it on load,
 * and offers the shown table as CSV. Errors are shown, never swallowed.
 */
import type { CompareCounty, CompareIndex } from '../lib/exports/compare.ts';
import { comparePath, compareCsv, compareTable, countyOfTown, parseState, stateQuery, type CompareState, type CompareTable } from '../lib/exports/compare-view.ts';

const app = document.querySelector<HTMLElement>('#compare-app')!;
const base = (app.dataset['base'] ?? '/').replace(/\/?$/, '/');
const $ = <T extends HTMLElement>(sel: string) => document.querySelector<T>(sel)!;
const provinceSel = $<HTMLSelectElement>('#c-province');
const countySel = $<HTMLSelectElement>('#c-county');
const townList = $<HTMLElement>('#c-town-list');
const townsAll = $<HTMLInputElement>('#c-towns-all');
const otherTowns = $<HTMLElement>('#c-other-towns');
const yearList = $<HTMLElement>('#c-year-list');
const figureBoxes = [...document.querySelectorAll<HTMLInputElement>('input[name="figure"]')];
const result = $<HTMLElement>('#compare-result');
const status = $<HTMLElement>('#compare-status');
const table = $<HTMLTableElement>('#compare-table');
const permalink = $<HTMLAnchorElement>('#compare-permalink');
const chart = $<HTMLElement>('#compare-chart');
const chartSel = $<HTMLSelectElement>('#c-chart-figure');
const chartBox = $<HTMLElement>('#c-chart-svg');
const missingNote = $<HTMLElement>('#compare-missing');
const errorBox = $<HTMLElement>('#compare-error');

const DEFAULT_FIGURES = ['applications.received.total', 'applications.outcomes.total.total', 'reviewLitigation.review.total'];
const labels = new Map(figureBoxes.map((b) => [b.value, b.dataset['label'] ?? b.value]));

let index: CompareIndex;
const counties = new Map<string, Promise<CompareCounty>>();
const loaded = new Map<string, CompareCounty>();
const state: CompareState = { towns: [], years: [], figures: [] };
let shown: CompareTable | undefined;
let renders = 0;

function fail(message: string) {
  errorBox.textContent = message;
  errorBox.hidden = false;
}

async function getJson<T>(file: string): Promise<T> {
  const res = await fetch(`${base}${file}`);
  if (!res.ok) throw new Error(`${file}：HTTP ${res.status}`);
  return (await res.json()) as T;
}

function county(file: string): Promise<CompareCounty> {
  let p = counties.get(file);
  if (!p) {
    p = getJson<CompareCounty>(file).then((c) => (loaded.set(file, c), c));
    p.catch(() => counties.delete(file));
    counties.set(file, p);
  }
  return p;
}

const currentCounty = () => index.provinces[Number(provinceSel.value)]?.counties[Number(countySel.value)];
const currentFile = () => comparePath(index.provinces[Number(provinceSel.value)]!.slug, currentCounty()!.slug);

function fillCounties() {
  const p = index.provinces[Number(provinceSel.value)];
  countySel.replaceChildren(...(p?.counties ?? []).map((c, i) => new Option(c.city && p!.counties.some((x, j) => j !== i && x.name === c.name) ? `${c.name}（${c.city}）` : c.name, String(i))));
}

function checkbox(name: string, value: string, label: string, checked: boolean, id: string): HTMLLabelElement {
  const l = document.createElement('label');
  l.htmlFor = id;
  const b = document.createElement('input');
  b.type = 'checkbox';
  b.name = name;
  b.value = value;
  b.id = id;
  b.checked = checked;
  l.append(b, label);
  return l;
}

async function showCounty() {
  const c = currentCounty();
  if (!c) return;
  townList.replaceChildren(document.createTextNode('正在载入…'));
  try {
    const data = await county(currentFile());
    if (currentCounty() !== c) return;
    townList.replaceChildren(...data.towns.map((t, i) => checkbox('town', t.slug, `${t.name}（${t.reports.map((r) => r.year).join('、')}）`, state.towns.includes(t.slug), `c-town-${i}`)));
  } catch (e) {
    townList.replaceChildren();
    fail(`无法载入${c.name}的数据（${(e as Error).message}），请稍后刷新页面重试。`);
  }
  syncTownControls();
}

function syncTownControls() {
  const c = currentCounty();
  const here = c?.towns ?? [];
  townsAll.checked = here.length > 0 && here.every((t) => state.towns.includes(t));
  townsAll.indeterminate = !townsAll.checked && here.some((t) => state.towns.includes(t));
  const others = state.towns.filter((t) => !here.includes(t));
  otherTowns.hidden = others.length === 0;
  if (others.length) {
    const names = others.map((slug) => {
      const where = countyOfTown(index, slug);
      const t = where && loaded.get(where.file)?.towns.find((x) => x.slug === slug);
      return t ? `${t.name}（${where!.county.name}）` : slug;
    });
    otherTowns.querySelector('span')!.textContent = `另已选其他县（市、区）的乡镇：${names.join('、')}。`;
  }
}

/** Each table's summary says how many of its figures are chosen, so a closed table's choice is not hidden. */
function countChosen() {
  for (const d of document.querySelectorAll('.compare-figures details')) {
    const n = d.querySelectorAll('input[name="figure"]:checked').length;
    d.querySelector('.chosen-count')!.textContent = n ? `（已选 ${n} 项）` : '';
  }
}

function render() {
  countChosen();
  const query = stateQuery(state);
  history.replaceState(null, '', `${location.pathname}${query}`);
  permalink.href = `${location.pathname}${query}`;
  const files = [...new Set(state.towns.map((t) => countyOfTown(index, t)?.file).filter((f): f is string => !!f))];
  result.hidden = false;
  if (!state.towns.length || !state.years.length || !state.figures.length) {
    renders++;
    shown = undefined;
    table.replaceChildren();
    chart.hidden = true;
    missingNote.hidden = true;
    const need = [!state.towns.length && '乡镇', !state.years.length && '年度', !state.figures.length && '统计项目'].filter(Boolean).join('、');
    status.textContent = `请选择${need}。`;
    return;
  }
  status.textContent = '正在载入数据…';
  // only the latest choice is drawn (an earlier one may finish loading later)
  const seq = ++renders;
  Promise.all(files.map(county)).then(
    (list) => seq === renders && draw(compareTable(index, list, state, (k) => labels.get(k) ?? k)),
    (e: Error) => {
      status.textContent = '数据载入失败。';
      fail(`无法载入数据（${e.message}），请稍后刷新页面重试。`);
    },
  );
}

function cell(tag: 'th' | 'td', text: string | number, label?: string): HTMLTableCellElement {
  const c = document.createElement(tag);
  c.textContent = String(text);
  if (label) c.dataset['label'] = label;
  return c;
}

function draw(t: CompareTable) {
  shown = t;
  const head = document.createElement('thead');
  const hr = document.createElement('tr');
  for (const h of t.headers) {
    const th = cell('th', h);
    th.scope = 'col';
    hr.append(th);
  }
  head.append(hr);
  const body = document.createElement('tbody');
  for (const r of t.rows) {
    const tr = document.createElement('tr');
    r.cells.forEach((v, i) => {
      if (i === 0) {
        const th = cell('th', v);
        th.scope = 'row';
        return tr.append(th);
      }
      const td = cell('td', v, t.headers[i]);
      if (i >= t.lead) td.className = typeof v === 'number' ? 'num' : 'num na';
      tr.append(td);
    });
    body.append(tr);
  }
  const caption = document.createElement('caption');
  caption.className = 'visually-hidden';
  caption.textContent = '对比结果：每行一份报告（乡镇、年度），每列一个统计项目';
  table.replaceChildren(caption, head, body);
  table.classList.add('cards');
  status.textContent = t.rows.length ? `共 ${t.rows.length} 份报告、${t.headers.length - t.lead} 个统计项目。` : '所选乡镇在所选年度没有报告。';
  missingNote.hidden = t.missing.length === 0;
  missingNote.textContent = t.missing.length ? `以下乡镇在所选年度没有报告：${t.missing.map((m) => `${m.town}${m.year}年`).join('、')}。` : '';
  const chosen = chartSel.value;
  chartSel.replaceChildren(...state.figures.map((k, i) => new Option(t.headers[t.lead + i]!, k)));
  if (state.figures.includes(chosen)) chartSel.value = chosen;
  drawChart();
}

const SVG = 'http://www.w3.org/2000/svg';
function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Horizontal bars, one per row of the table, for the figure chosen in the menu; label above its bar, so it fits a phone. */
function drawChart() {
  const t = shown;
  const i = state.figures.indexOf(chartSel.value);
  if (!t || i < 0 || !t.rows.length) {
    chart.hidden = true;
    return;
  }
  chart.hidden = false;
  const values = t.rows.map((r) => r.numbers[i] ?? null);
  const max = Math.max(0, ...values.map((v) => v ?? 0)) || 1;
  // drawn at the box's own width, so the labels keep the page's text size on a phone and on a wide screen
  const W = Math.max(240, Math.min(640, Math.round(chartBox.clientWidth || 600)));
  const ROW = 44;
  const s = svg('svg', { viewBox: `0 0 ${W} ${t.rows.length * ROW + 4}`, width: W, height: t.rows.length * ROW + 4, role: 'img', 'aria-labelledby': 'c-chart-title', class: 'bar-chart' });
  s.append(svg('title', { id: 'c-chart-title' }, `${t.headers[t.lead + i]}：${t.rows.map((r, j) => `${r.town}${r.year}年 ${values[j] ?? String(t.rows[j]!.cells[t.lead + i])}`).join('；')}`));
  t.rows.forEach((r, j) => {
    const y = j * ROW;
    const v = values[j] ?? null;
    const shownText = v === null ? String(r.cells[t.lead + i]) : String(v);
    s.append(svg('text', { x: 0, y: y + 16, class: 'bar-label' }, `${r.town} ${r.year}年`));
    const w = v === null ? 0 : Math.max(v > 0 ? 2 : 0, (v / max) * (W - 70));
    s.append(svg('rect', { x: 0, y: y + 22, width: w.toFixed(1), height: 16, class: 'bar' }));
    s.append(svg('text', { x: w + 6, y: y + 35, class: 'bar-value' }, shownText));
  });
  chartBox.replaceChildren(s);
}

function download() {
  if (!shown) return;
  const blob = new Blob([compareCsv(shown)], { type: 'text/csv;charset=utf-8' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = '数据对比.csv';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

function wire() {
  provinceSel.addEventListener('change', () => {
    fillCounties();
    void showCounty();
  });
  countySel.addEventListener('change', () => void showCounty());
  townList.addEventListener('change', (e) => {
    const b = e.target as HTMLInputElement;
    state.towns = b.checked ? [...state.towns, b.value] : state.towns.filter((t) => t !== b.value);
    syncTownControls();
    render();
  });
  townsAll.addEventListener('change', () => {
    const here = currentCounty()?.towns ?? [];
    state.towns = townsAll.checked ? [...state.towns.filter((t) => !here.includes(t)), ...here] : state.towns.filter((t) => !here.includes(t));
    for (const b of townList.querySelectorAll<HTMLInputElement>('input')) b.checked = townsAll.checked;
    syncTownControls();
    render();
  });
  $('#c-other-clear').addEventListener('click', () => {
    const here = currentCounty()?.towns ?? [];
    state.towns = state.towns.filter((t) => here.includes(t));
    syncTownControls();
    render();
  });
  yearList.addEventListener('change', () => {
    state.years = [...yearList.querySelectorAll<HTMLInputElement>('input:checked')].map((b) => Number(b.value));
    render();
  });
  document.querySelector('.compare-figures')!.addEventListener('change', (e) => {
    const b = e.target as HTMLInputElement;
    if (b.name !== 'figure') return;
    // the figures in the order chosen, so the table's columns follow the reader
    state.figures = b.checked ? [...state.figures.filter((k) => k !== b.value), b.value] : state.figures.filter((k) => k !== b.value);
    render();
  });
  $('#c-figures-clear').addEventListener('click', () => {
    for (const b of figureBoxes) b.checked = false;
    state.figures = [];
    render();
  });
  chartSel.addEventListener('change', drawChart);
  let resized: number | undefined;
  addEventListener('resize', () => {
    clearTimeout(resized);
    resized = window.setTimeout(drawChart, 200);
  });
  $('#compare-csv').addEventListener('click', download);
}

async function start() {
  try {
    index = await getJson<CompareIndex>('data/compare/index.json');
  } catch (e) {
    fail(`无法载入数据对比的索引（${(e as Error).message}），请稍后刷新页面重试；也可下载全部报告数据（data/reports-zh.csv）。`);
    return;
  }
  app.hidden = false;
  const asked = parseState(location.search);
  const given = location.search.length > 1;
  state.towns = asked.towns.filter((t) => countyOfTown(index, t));
  state.years = asked.years.filter((y) => index.years.includes(y));
  state.figures = asked.figures.filter((k) => labels.has(k));
  // opened without a choice: the first county's towns, the latest year, three key figures
  const first = given && state.towns.length ? countyOfTown(index, state.towns[0]!) : undefined;
  const pi = first ? index.provinces.findIndex((p) => p.name === first.province) : 0;
  provinceSel.replaceChildren(...index.provinces.map((p, i) => new Option(p.name, String(i))));
  provinceSel.value = String(Math.max(0, pi));
  fillCounties();
  if (first) countySel.value = String(index.provinces[pi]!.counties.indexOf(first.county));
  if (!given) {
    state.towns = [...(currentCounty()?.towns ?? [])];
    state.figures = DEFAULT_FIGURES.filter((k) => labels.has(k));
  }
  // the chosen towns' counties (the names of towns in other counties are shown too)
  await Promise.allSettled([...new Set(state.towns.map((t) => countyOfTown(index, t)!.file))].map(county));
  if (!given) {
    // the latest year the county reported
    const c = currentCounty();
    const data = c && loaded.get(currentFile());
    const latest = Math.max(...(data?.towns ?? []).flatMap((t) => t.reports.map((r) => r.year)));
    state.years = Number.isFinite(latest) ? [latest] : index.years.slice(0, 1);
  }
  yearList.replaceChildren(...index.years.map((y, i) => checkbox('year', String(y), `${y}年`, state.years.includes(y), `c-year-${i}`)));
  for (const b of figureBoxes) b.checked = state.figures.includes(b.value);
  wire();
  await showCounty();
  render();
}

void start();
