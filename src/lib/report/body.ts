/**
 * What a report's Markdown body may contain, checked by `npm run check` and by
 * the build (both through src/lib/report/validate.ts): text, headings, lists,
 * tables and links — nothing that runs or loads. Raw HTML, links with a scheme
 * other than http(s)/mailto/tel (javascript:, data:, vbscript: …), images from
 * anywhere but the site itself, and control characters are errors naming the
 * line. The page renderer strips such things again (src/lib/site/sanitize-html.ts):
 * this check is the first wall, so archivists see the problem in the file.
 */
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Node, Parent } from 'unist';

export interface BodyFinding {
  /** 1-based line in the whole file. */
  line: number;
  message: string;
}

const parser = unified().use(remarkParse);

/** Schemes a link may use; a URL without a scheme is relative to the site. */
const LINK_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:']);
// C0 controls except tab and line ends, DEL, C1 controls, bidirectional overrides and isolates (text shown in another order than stored)
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/** The scheme of a URL as a browser reads it (it ignores tabs, newlines and leading spaces). */
function schemeOf(url: string): string | undefined {
  let decoded = url;
  try {
    // java%09script: is no scheme to a browser, but nothing a report needs either: judge the decoded form
    decoded = decodeURIComponent(url);
  } catch {
    // not percent-encoded text: judge it as written
  }
  const cleaned = decoded.replace(/[\u0000-\u0020]+/g, '').toLowerCase();
  const m = /^([a-z][a-z0-9+.-]*):/.exec(cleaned);
  return m ? `${m[1]}:` : undefined;
}

/** A link may leave the site (http/https), but only with one of the allowed schemes. */
export function linkAllowed(url: string): boolean {
  const scheme = schemeOf(url);
  return scheme === undefined || LINK_SCHEMES.has(scheme);
}

export function bodyFindings(body: string, bodyLine: number): BodyFinding[] {
  const out: BodyFinding[] = [];
  const at = (n: Node) => (n.position?.start.line ?? 1) + bodyLine - 1;
  body.split('\n').forEach((l, i) => {
    const m = CONTROL.exec(l);
    if (m) out.push({ line: bodyLine + i, message: `control character U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} in the text: remove it (it is not part of any report's wording)` });
  });
  // raw HTML and autolinks need "<"; links, definitions and images need "[": without either there is
  // nothing for the parse to find (most reports), and the parse is most of the cost of a check
  if (!/[<[]/.test(body)) return out;
  const walk = (n: Node) => {
    const t = n as Node & { value?: string; url?: string };
    if (n.type === 'html') {
      out.push({ line: at(n), message: `raw HTML "${String(t.value).slice(0, 40)}" is not allowed in a report: write it as text (escape "<" as "\\<") or use Markdown` });
    } else if ((n.type === 'link' || n.type === 'definition') && t.url !== undefined && !linkAllowed(t.url)) {
      out.push({ line: at(n), message: `link to "${t.url.slice(0, 40)}": only http(s), mailto: and tel: links or links within the site are allowed` });
    } else if (n.type === 'image' || n.type === 'imageReference') {
      // the page shows no images (one from another host would be a request the reader never agreed
      // to; one of the site's own would need the image pipeline): the renderer would show the tag as text
      const what = t.url === undefined ? 'an image reference' : `image "${t.url.slice(0, 40)}"`;
      out.push({ line: at(n), message: `${what}: report pages show no images (and load nothing from other hosts): describe it in words, or keep the file beside the original in sources/` });
    }
    for (const c of (n as Parent).children ?? []) walk(c);
  };
  walk(parser.parse(body));
  return out;
}
