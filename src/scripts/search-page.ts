/**
 * The search page's behaviour: runs the query in ?q= (and filters) on load,
 * keeps the URL in step while typing (replaceState) and on submit (pushState),
 * answers back/forward, announces results, and exposes window.archiveSearch.
 * Results are checked against the report text before they are shown; the total is
 * exact (the remaining candidates are checked in the background, "正在核对…" until
 * then) and the filter menus count the matches of the query and the other filters.
 */
import { ArchiveSearch, FILTER_KEYS, type Candidate, type Filters, type SearchHit, type SearchOptions } from '../lib/search/client.ts';
import { parseQuery } from '../lib/search/tokens.ts';

const PAGE = 10;

const engine = new ArchiveSearch(import.meta.env.BASE_URL);
declare global {
  interface Window {
    archiveSearch: { search(query: string, opts?: SearchOptions): Promise<SearchHit[]> };
  }
}
window.archiveSearch = { search: (q, o) => engine.search(q, o) };

const form = document.querySelector<HTMLFormElement>('#search-form')!;
const input = document.querySelector<HTMLInputElement>('#q')!;
const sortSel = document.querySelector<HTMLSelectElement>('#sort')!;
const status = document.querySelector<HTMLElement>('#search-status')!;
const list = document.querySelector<HTMLOListElement>('#search-results')!;
const more = document.querySelector<HTMLButtonElement>('#search-more')!;
const selects = Object.fromEntries(FILTER_KEYS.map((k) => [k, document.querySelector<HTMLSelectElement>(`#f-${k}`)!]));
document.querySelector('#search-app')!.removeAttribute('hidden');

function readState(): { q: string; filters: Filters; sort: string } {
  const p = new URLSearchParams(location.search);
  return {
    q: p.get('q') ?? '',
    filters: Object.fromEntries(FILTER_KEYS.filter((k) => p.get(k)).map((k) => [k, p.get(k)!])),
    sort: p.get('sort') ?? '',
  };
}

function stateUrl(): string {
  const p = new URLSearchParams();
  if (input.value.trim()) p.set('q', input.value.trim());
  for (const k of FILTER_KEYS) if (selects[k]!.value) p.set(k, selects[k]!.value);
  if (sortSel.value) p.set('sort', sortSel.value);
  const s = p.toString();
  return `${location.pathname}${s ? `?${s}` : ''}`;
}

/** Fills the filter menus with counts (the archive's, or the matches' when counts follow a query). */
function fillFilters(counts: Record<string, Record<string, number>>, current: Filters) {
  for (const k of FILTER_KEYS) {
    const sel = selects[k]!;
    const chosen = (current[k] as string) ?? '';
    const entries = Object.entries(counts[k] ?? {});
    // the chosen value stays in its menu even when the query leaves it no report
    if (chosen && !entries.some(([v]) => v === chosen)) entries.push([chosen, 0]);
    const values = entries.sort((a, b) => (k === 'year' ? b[0].localeCompare(a[0]) : a[0].localeCompare(b[0], 'zh-CN')));
    sel.replaceChildren(new Option('全部', ''), ...values.map(([v, n]) => new Option(`${v}（${n}）`, v)));
    sel.value = chosen;
  }
}

/** Candidates checked per step in the background: bounded, so a broad query never downloads everything at once. */
const VERIFY_BATCH = 20;

let run = 0;
let query = '';
/**
 * A search that fails (an index file truncated on upload, a part of another site in an older
 * format, a server error) says so instead of leaving 正在检索… on screen.
 */
async function search(): Promise<void> {
  try {
    await runSearch();
  } catch (e) {
    status.textContent = `检索出错：检索索引无法读取（可能已损坏或未完整上传）。请稍后再试；如一直出错，请告知网站管理员重新生成并完整上传网站。（${(e as Error).message}）`;
    status.dataset['error'] = 'true';
  }
}

async function runSearch() {
  delete status.dataset['error'];
  const mine = ++run;
  const q = input.value.trim();
  query = q;
  const filters: Filters = Object.fromEntries(FILTER_KEYS.filter((k) => selects[k]!.value).map((k) => [k, selects[k]!.value]));
  const sort = sortSel.value ? (sortSel.value as SearchOptions['sort']) : undefined;
  list.replaceChildren();
  more.hidden = true;
  if (!q && Object.keys(filters).length === 0) {
    status.textContent = '请输入检索词，或选择地区、年度等条件浏览报告。';
    fillFilters(await engine.filters(), filters);
    return;
  }
  if (q && parseQuery(q).terms.length === 0) {
    // only symbols, spaces or marks: the index holds letters and digits, so there is nothing to look for
    status.textContent = `“${q}”中没有可搜索的文字（汉字、字母或数字），请换一个检索词。`;
    fillFilters(await engine.filters(), filters);
    return;
  }
  status.textContent = '正在检索…';
  // candidates of the query alone; the filters are applied here, so the menus' counts can follow the query
  const { list: all } = await engine.candidates(q, sort ? { sort } : {});
  if (mine !== run) return;
  const chosen = Object.entries(filters);
  // filters by place read the places' names, fetched only then
  if (chosen.some(([k]) => k === 'province' || k === 'county' || k === 'town')) await Promise.all([...new Set(all.map((c) => c.part))].map((p) => p.names()));
  if (mine !== run) return;
  const passes = (c: Candidate) => {
    const p = c.part.place(c.doc);
    return chosen.every(([k, v]) => p[k as keyof typeof p] === v);
  };
  const cands = all.filter(passes);
  const what = q ? `包含“${q}”的报告` : '符合条件的报告';
  // the exact total: every candidate of the query checked against its text (exact ones need no check)
  const verified: (boolean | undefined)[] = all.map((c) => (c.exact ? true : undefined));
  let checking = verified.some((v) => v === undefined);
  let next = 0;
  let shown = 0;
  const say = () => {
    const total = all.filter((c, i) => verified[i] && passes(c)).length;
    status.textContent = checking
      ? shown === 0
        ? '正在核对…'
        : `已显示 ${shown} 份${what}，正在核对…`
      : total === 0
        ? `没有找到${what}。`
        : shown < total
          ? `找到 ${total} 份${what}，已显示 ${shown} 份。`
          : `找到 ${total} 份${what}。`;
  };
  const showMore = async () => {
    more.hidden = true;
    const before = shown;
    // candidates that need checking against their text are fetched a page at a time until a page of real matches is found
    while (next < cands.length && shown - before < PAGE) {
      const batch = cands.slice(next, next + PAGE);
      const hits = await ArchiveSearch.hits(batch);
      if (mine !== run) return;
      next += batch.length;
      for (const h of hits) list.append(renderHit(h));
      shown += hits.length;
    }
    more.hidden = next >= cands.length;
    say();
  };
  more.onclick = () => void showMore();
  await showMore();
  if (mine !== run) return;
  // the rest is checked in the background, a bounded batch at a time, newest query only
  for (let i = 0; i < all.length; i += VERIFY_BATCH) {
    const idx = [...Array(Math.min(VERIFY_BATCH, all.length - i)).keys()].map((k) => i + k).filter((k) => verified[k] === undefined);
    if (idx.length === 0) continue;
    const ok = await ArchiveSearch.verify(idx.map((k) => all[k]!));
    if (mine !== run) return;
    idx.forEach((k, j) => (verified[k] = ok[j]));
  }
  checking = false;
  say();
  const counts = await ArchiveSearch.facets(all.filter((_, i) => verified[i]), filters);
  if (mine !== run) return;
  fillFilters(counts, filters);
}

/**
 * The report page at the first match: ?q= and the match's spellings (hl=) for the page's own
 * highlighter (report-highlight.ts),
 * and a text fragment (#:~:text=) that browsers scroll to even without it.
 */
function passageLink(h: SearchHit): string {
  const url = new URL(/^https?:/.test(h.url) ? h.url : `${import.meta.env.BASE_URL}${h.url.replace(/^\//, '')}`, location.href);
  if (!query) return url.origin === location.origin ? url.pathname : url.href;
  url.searchParams.set('q', query);
  for (const f of h.forms) url.searchParams.append('hl', f);
  // text fragments need -, & and , escaped beyond encodeURIComponent
  const fragment = h.passage ? `#:~:text=${encodeURIComponent(h.passage).replace(/-/g, '%2D').replace(/,/g, '%2C')}` : '';
  return `${url.origin === location.origin ? url.pathname + url.search : url.href}${fragment}`;
}

function renderHit(h: SearchHit): HTMLLIElement {
  const li = document.createElement('li');
  const a = document.createElement('a');
  a.href = passageLink(h);
  a.textContent = h.title;
  const h3 = document.createElement('h3');
  h3.append(a);
  const meta = document.createElement('p');
  meta.className = 'muted small';
  meta.textContent = `${h.county} · ${h.town} · ${h.year}年`;
  const ex = document.createElement('p');
  ex.innerHTML = h.excerpt; // built from escaped text; only <mark> is added
  li.append(h3, meta, ex);
  return li;
}

let typing: ReturnType<typeof setTimeout> | undefined;
input.addEventListener('input', () => {
  clearTimeout(typing);
  typing = setTimeout(() => {
    history.replaceState(null, '', stateUrl());
    void search();
  }, 300);
});
form.addEventListener('submit', (e) => {
  e.preventDefault();
  clearTimeout(typing);
  history.pushState(null, '', stateUrl());
  void search();
});
for (const el of [...Object.values(selects), sortSel]) {
  el.addEventListener('change', () => {
    history.pushState(null, '', stateUrl());
    void search();
  });
}
window.addEventListener('popstate', () => void restore());

async function restore() {
  const s = readState();
  input.value = s.q;
  sortSel.value = s.sort;
  // the chosen filters first, so the search runs at once; the full lists (a download of
  // their own) are filled in after the first results are on screen
  for (const k of FILTER_KEYS) {
    const v = s.filters[k] as string | undefined;
    selects[k]!.replaceChildren(new Option('全部', ''), ...(v ? [new Option(v, v)] : []));
    selects[k]!.value = v ?? '';
  }
  await search();
}
void restore();
