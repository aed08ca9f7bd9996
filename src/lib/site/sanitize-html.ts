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
    ul: [], ol: ['start'], li: [], blockquote: [], pre: [], code: [], em: [], strong: [], del: [], s: [],
    a: ['href', 'title'], table: [], thead: [], tbody: [], tr: [], th: ['align', 'colspan', 'rowspan', 'scope'],
    td: ['align', 'colspan', 'rowspan'], sup: [], sub: [], span: [],
  }).map(([k, v]) => [k, new Set(v)]),
);
const VOID = new Set(['br', 'hr']);

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
  // elements whose content is not text a reader should see as markup (script bodies are shown as text too)
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const allowed = ALLOWED[name];
        if (!allowed) {
          out += asText(name, attrs, false);
          return;
        }
        let a = '';
        for (const [k, v] of Object.entries(attrs)) {
          if (!allowed.has(k)) continue;
          if (k === 'href' && !linkAllowed(v)) continue;
          a += ` ${k}="${escapeAttr(v)}"`;
        }
        out += `<${name}${a}>`;
      },
      ontext(text) {
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
