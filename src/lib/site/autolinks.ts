/**
 * Bare web addresses in report text (GFM autolink literals: http://…, www.…) end at the address's last
 * ASCII character. GFM lets a literal run on until whitespace, so in Chinese text, which has no spaces,
 * "网址:http://a.gov.cn/x诚恳接受监督,受理单位:…" became one link holding the rest of the sentence (and one
 * unbreakable line). A URL written in a report is ASCII (a Chinese domain would be written in its
 * punycode or inside <…>), so a CJK character or full-width punctuation is where the address stops.
 * Runs on the sanitized HTML (src/lib/site/sanitize-html.ts writes `<a href="…">text</a>` with text
 * escaped as &amp; &lt; &gt;); a link written as [text](url) or <url> is left alone.
 */
const decodeText = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');

/** GFM's trailing punctuation rule: these end a sentence, not the address. */
const TRAILING = /[.,:;!?'"*_~]+$/;

function safeDecodeURI(s: string): string {
  try {
    return decodeURI(s);
  } catch {
    return s;
  }
}

/** Whether `href` is the link GFM's autolink literal makes of `text` (not a [text](url) written by hand). */
function literalHref(text: string, href: string): boolean {
  const h = safeDecodeURI(decodeText(href));
  return h === text || h === `http://${text}` || h === `mailto:${text}`;
}

export function trimAutolinks(html: string): string {
  return html.replace(/<a href="([^"]*)">([^<]*)<\/a>/g, (whole, href: string, inner: string) => {
    const text = decodeText(inner);
    if (!/^(https?:\/\/|www\.)/i.test(text)) return whole;
    const cut = text.search(/[^\x21-\x7e]/);
    if (cut < 0 || !literalHref(text, href)) return whole;
    let url = text.slice(0, cut);
    const trailing = TRAILING.exec(url)?.[0] ?? '';
    url = url.slice(0, url.length - trailing.length);
    // nothing of an address left before the Chinese text: no link at all
    if (!/^(https?:\/\/|www\.)\S/i.test(url)) return escapeText(text);
    const target = /^www\./i.test(url) ? `http://${url}` : url;
    return `<a href="${escapeAttr(encodeURI(target))}">${escapeText(url)}</a>${escapeText(trailing + text.slice(cut))}`;
  });
}
