/**
 * The second wall against hostile report text (the first is the body check in
 * src/lib/report/body.ts, run by check and build): the HTML rendered from a
 * report body is rebuilt keeping only the elements and attributes Markdown
 * itself produces. Any other tag (script, iframe, img onerror, style, form …)
 * is written out as visible text, every event-handler or style attribute is
 * dropped, and a link whose scheme is not http(s)/mailto/tel loses its href.
 * Used by src/lib/site/render-body.ts, so it runs on every report page even on
 * a server that sets no Content-Security-Policy.
 */
import { Parser } from 'htmlparser2';
import { linkAllowed } from '../report/body.ts';

/** What Markdown (CommonMark + GFM) renders, with the attributes it sets. */
const ALLOWED: Record<string, Set<string>> = Object.fromEntries(
  Object.entries({
    p: [], br: [], hr: [], h1: ['id'], h2: ['id'], h3: ['id'], h4: ['id'], h5: ['id'], h6: ['id'],
    ul: ['class'], ol: ['start', 'class'], li: ['id', 'class'], blockquote: [], pre: [], code: [], em: [], strong: [], del: [], s: [],
    a: ['href', 'title', 'id', 'class', 'aria-label', 'aria-describedby', 'data-footnote-ref', 'data-footnote-backref'],
    table: [], thead: [], tbody: [], tr: [], th: ['align', 'colspan', 'rowspan', 'scope'],
    td: ['align', 'colspan', 'rowspan'], sup: [], sub: [], span: [],
    // GFM footnotes and task lists: their own markup, nothing else (values checked in VALUES)
    section: ['class', 'data-footnotes'], input: ['type', 'checked', 'disabled'],
  }).map(([k, v]) => [k, new Set(v)]),
);
/**
 * Attributes kept only with the values GFM itself writes: a report cannot borrow the site's
 * classes or ids (class="site-header", id="search") to restyle or hijack the page.
 */
const VALUES: Record<string, (v: string) => boolean> = {
  class: (v) => /^(?:footnotes|contains-task-list|task-list-item|data-footnote-backref)$/.test(v),
  type: (v) => v === 'checkbox',
  'aria-describedby': (v) => v === 'footnote-label',
  'aria-label': (v) => /^Back to reference [\w-]+$/.test(v),
};
/** Ids a report's HTML may carry: its headings' slugs and GFM's footnote anchors. */
const idAllowed = (tag: string, v: string) => (tag === 'li' || tag === 'a' ? /^user-content-fn(?:ref)?-\S+$/.test(v) : true);
const VOID = new Set(['br', 'hr', 'input']);
/**
 * GFM's footnote label, in English whatever the page's language and hidden (class sr-only, which
 * is not kept): the site's own word instead, shown, and listed in the page's 目录 (render-body.ts).
 */
export const FOOTNOTE_LABEL = '注释';
export const FOOTNOTE_LABEL_ID = 'footnote-label';

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');

/** The tag as it was written, shown as text (so the reader sees what the file holds). */
function asText(name: string, attrs: Record<string, string>, closing: boolean): string {
  if (closing) return escapeText(`</${name}>`);
  const a = Object.entries(attrs).map(([k, v]) => (v === '' ? ` ${k}` : ` ${k}="${v}"`)).join('');
  return escapeText(`<${name}${a}>`);
}

export function sanitizeHtml(html: string): string {
  let out = '';
  let label = false;
  // elements whose content is not text a reader should see as markup (script bodies are shown as text too)
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const allowed = ALLOWED[name];
        if (!allowed) {
          out += asText(name, attrs, false);
          return;
        }
        // a task-list box shows a state; it is never a control, and no other input is kept
        if (name === 'input' && attrs.type !== 'checkbox') {
          out += asText(name, attrs, false);
          return;
        }
        let a = '';
        for (const [k, v] of Object.entries(attrs)) {
          if (!allowed.has(k)) continue;
          if (k === 'href' && !linkAllowed(v)) continue;
          if (VALUES[k] && !VALUES[k](v)) continue;
          if (k === 'id' && !idAllowed(name, v)) continue;
          if (k === 'aria-label') {
            a += ` aria-label="${escapeAttr(v.replace(/^Back to reference /, '返回正文引用处 '))}"`;
            continue;
          }
          a += v === '' && (k === 'checked' || k === 'disabled' || k.startsWith('data-')) ? ` ${k}` : ` ${k}="${escapeAttr(v)}"`;
        }
        if (name === 'input' && !('disabled' in attrs)) a += ' disabled';
        out += `<${name}${a}>`;
        label = name === 'h2' && attrs.id === FOOTNOTE_LABEL_ID;
      },
      ontext(text) {
        if (label) {
          if (text.trim() === 'Footnotes') text = text.replace('Footnotes', FOOTNOTE_LABEL);
          label = false;
        }
        out += escapeText(text);
      },
      onclosetag(name, implied) {
        if (!ALLOWED[name]) {
          if (!implied) out += asText(name, {}, true);
          return;
        }
        if (!VOID.has(name)) out += `</${name}>`;
      },
      oncomment(data) {
        out += escapeText(`<!--${data}-->`);
      },
      onprocessinginstruction(_name, data) {
        out += escapeText(`<${data}>`);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return out;
}
