/**
 * On a report page opened from a search result (?q=…&hl=…): marks every match in the
 * report's searchable region and offers previous/next. `hl` holds the report's own
 * spellings of the matches, found by the search page (so 繁體 queries highlight
 * simplified text without the 简繁 table here); matching is width- and case-blind like
 * the search. An external module script, so it runs under a strict CSP; without it
 * the link's text fragment (#:~:text=) still scrolls to the first match.
 */
import { offsetMap, normalize } from '../lib/search/tokens.ts';

const params = new URLSearchParams(location.search);
const forms = [...new Set(params.getAll('hl').map((f) => normalize(f).replace(/\s+/g, ' ')).filter(Boolean))].slice(0, 10);
const region = document.querySelector<HTMLElement>('[data-pagefind-body]');

function textNodes(root: HTMLElement): Text[] {
  const out: Text[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.parentElement?.closest('[data-pagefind-ignore], script, style') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n as Text);
  return out;
}

/** Wraps every match inside one text node in <mark class="search-hit">; returns the marks in order. */
function markNode(node: Text): HTMLElement[] {
  const text = node.data;
  const { norm, start, end } = offsetMap(text);
  const ranges: [number, number][] = [];
  for (const f of forms) for (let i = norm.indexOf(f); i !== -1; i = norm.indexOf(f, i + 1)) ranges.push([start[i]!, end[i + f.length - 1]!]);
  if (ranges.length === 0) return [];
  ranges.sort((a, b) => a[0] - b[0]);
  const frag = document.createDocumentFragment();
  const marks: HTMLElement[] = [];
  let at = 0;
  for (const [a, b] of ranges) {
    if (a < at) continue; // overlapping forms: the first wins
    frag.append(text.slice(at, a));
    const m = document.createElement('mark');
    m.className = 'search-hit';
    m.textContent = text.slice(a, b);
    frag.append(m);
    marks.push(m);
    at = b;
  }
  frag.append(text.slice(at));
  node.replaceWith(frag);
  return marks;
}

if (region && forms.length > 0) {
  const marks = textNodes(region).flatMap(markNode);
  const bar = document.createElement('div');
  bar.className = 'search-hit-bar';
  bar.setAttribute('role', 'region');
  bar.setAttribute('aria-label', '检索词定位');
  bar.setAttribute('data-pagefind-ignore', '');
  const label = document.createElement('span');
  label.setAttribute('aria-live', 'polite');
  const button = (text: string, action: () => void) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.addEventListener('click', action);
    return b;
  };
  let current = -1;
  const go = (k: number) => {
    if (marks.length === 0) return;
    marks[current]?.classList.remove('search-hit-current');
    current = (k + marks.length) % marks.length;
    const m = marks[current]!;
    m.classList.add('search-hit-current');
    m.scrollIntoView({ block: 'center' });
    label.textContent = `“${params.get('q') ?? ''}”：第 ${current + 1} 处，共 ${marks.length} 处`;
  };
  const prev = button('上一处', () => go(current - 1));
  const next = button('下一处', () => go(current + 1));
  prev.className = 'search-hit-prev';
  next.className = 'search-hit-next';
  bar.append(label, prev, next);
  region.prepend(bar);
  if (marks.length === 0) {
    label.textContent = `本页正文中没有找到“${params.get('q') ?? ''}”。`;
    prev.disabled = next.disabled = true;
  } else go(0);
}
