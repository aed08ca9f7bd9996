/**
 * Narrative text → Markdown: 一、 / （一） / 1. section titles become headings,
 * paragraphs are kept one per line, a report that arrived as one long line is
 * split back into sections, and the closing signature block stays as it is.
 * Used by the importer (index.ts).
 */
import { markdownText as escapeLine } from './markdown.ts';

const H2 = /^[一二三四五六七八九十]+[、.．]/;
const H3 = /^[（(]\s*[一二三四五六七八九十]+\s*[)）]/;
const H4 = /^\d{1,2}[、.．](?!\d)/;

/** Heading level of a line (2, 3, 4) or 0 for a paragraph. A long sentence that starts with an enumerator is a paragraph. */
export function headingLevel(line: string): number {
  const t = line.trim();
  const level = H2.test(t) ? 2 : H3.test(t) ? 3 : H4.test(t) ? 4 : 0;
  if (!level) return 0;
  const body = t.replace(/[。；;]$/, '');
  if (body.length > 40 || /[。；;]/.test(body)) return 0;
  // a heading is a title, not a figure: （三）申请答复数。12 is a sentence
  if (level === 4 && /[，,：:]/.test(body) && body.length > 20) return 0;
  return level;
}

/** Splits a very long line at the section enumerators it swallowed. */
export function splitRunOn(line: string): string[] {
  if (line.length < 300) return [line];
  return line
    // before 一、 / （一） that follow the end of a sentence or a title
    .replace(/(?<=[。；!！?？:：\u4e00-\u9fa5)）])\s*(?=[一二三四五六七八九十]{1,2}、|[（(][一二三四五六七八九十]{1,2}[)）])/g, '\n')
    .split('\n')
    // a section title glued to its first sentence: 七、……改进情况2019年，……
    .flatMap((piece) => {
      const m = /^((?:[一二三四五六七八九十]{1,2}、|[（(][一二三四五六七八九十]{1,2}[)）])[^。；，,]{2,30}(?:情况|问题|事项|措施|打算|计划))(?=[^\s。；，,)）])/.exec(piece);
      return m ? [m[1]!, piece.slice(m[1]!.length)] : [piece];
    })
    .map((s) => s.trim())
    .filter(Boolean);
}

export interface NarrativeLine {
  /** Input line number (1-based) this output came from. */
  source: number;
  text: string;
}

/** Builds the Markdown body; returns it and which input lines it kept. */
export function toMarkdown(lines: NarrativeLine[]): { markdown: string; kept: Set<number> } {
  const out: string[] = [];
  const kept = new Set<number>();
  for (const { source, text } of lines) {
    for (const piece of splitRunOn(text.trim())) {
      if (!piece) continue;
      const level = headingLevel(piece);
      const clean = piece.replace(/\s{2,}/g, ' ');
      out.push(level ? `${'#'.repeat(level)} ${escapeLine(clean)}` : escapeLine(clean));
      kept.add(source);
    }
  }
  return { markdown: out.join('\n\n') + (out.length ? '\n' : ''), kept };
}
