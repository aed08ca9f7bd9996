/**
 * The search page's behaviour: runs the query in ?q= (and filters) on load,
 * keeps the URL in step while typing (replaceState) and on submit (pushState),
 * answers back/forward, announces results, and exposes window.archiveSearch.
 * Results are checked against the report text before they are shown.
 */
import { ArchiveSearch, FILTER_KEYS, type Filters, type SearchHit, type SearchOptions } from '../lib/search/client.ts';

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

async function fillFilters(current: Filters) {
  const all = await engine.filters();
  for (const k of FILTER_KEYS) {
    const sel = selects[k]!;
    const values = Object.entries(all[k] ?? {}).sort((a, b) => (k === 'year' ? b[0].localeCompare(a[0]) : a[0].localeCompare(b[0], 'zh-CN')));
    sel.replaceChildren(new Option('全部', ''), ...values.map(([v, n]) => new Option(`${v}（${n}）`, v)));
    sel.value = (current[k] as string) ?? '';
  }
}

let run = 0;
async function search() {
  const mine = ++run;
  const q = input.value.trim();
  const filters: Filters = Object.fromEntries(FILTER_KEYS.filter((k) => selects[k]!.value).map((k) => [k, selects[k]!.value]));
  const opts: SearchOptions = { filters, ...(sortSel.value ? { sort: sortSel.value as SearchOptions['sort'] } : {}) };
  list.replaceChildren();
  more.hidden = true;
  if (!q && Object.keys(filters).length === 0) {
    status.textContent = '请输入检索词，或选择地区、年度等条件浏览报告。';
    return;
  }
  status.textContent = '正在检索…';
  const { terms, exact, list: cands } = await engine.candidates(q, opts);
  if (mine !== run) return;
  let next = 0;
  let shown = 0;
  const showMore = async () => {
    more.hidden = true;
    const before = shown;
    // candidates that need checking against their text are fetched a page at a time until a page of real matches is found
    while (next < cands.length && shown - before < PAGE) {
      const batch = cands.slice(next, next + PAGE);
      const hits = await ArchiveSearch.hits(batch, terms, exact);
      if (mine !== run) return;
      next += batch.length;
      for (const h of hits) list.append(renderHit(h));
      shown += hits.length;
    }
    const done = next >= cands.length;
    more.hidden = done;
    const what = q ? `包含“${q}”的报告` : '符合条件的报告';
    status.textContent =
      shown === 0
        ? `没有找到${what}。`
        : done
          ? `找到 ${shown} 份${what}。`
          : exact
            ? `找到 ${cands.length} 份${what}，已显示 ${shown} 份。`
            : `已显示 ${shown} 份${what}，还有更多结果（至多 ${cands.length - next} 份）。`;
  };
  more.onclick = () => void showMore();
  await showMore();
}

function renderHit(h: SearchHit): HTMLLIElement {
  const li = document.createElement('li');
  const a = document.createElement('a');
  a.href = /^https?:/.test(h.url) ? h.url : `${import.meta.env.BASE_URL}${h.url.replace(/^\//, '')}`;
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
  await fillFilters(s.filters);
}
void restore();
