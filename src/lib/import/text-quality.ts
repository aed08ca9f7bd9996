/**
 * Is the decoded text a report, read right? Counts what decoding damage
 * leaves: replacement characters (bytes no encoding could read), control
 * characters (binary data, a wrong encoding), Chinese that is mostly rare
 * characters (random bytes or a wrong encoding read as GB18030), and UTF-8
 * that was once read as GBK and saved again (mojibake: 政府 → 鏀垮簻).
 * Pure; the importer decides from the figures (index.ts).
 */
import iconv from 'iconv-lite';

/** The 3,755 level-1 characters of GB2312 (rows 16–55): nearly all of the Han text of any report. */
const COMMON = (() => {
  const set = new Set<string>();
  const bytes: number[] = [];
  for (let hi = 0xb0; hi <= 0xd7; hi++) for (let lo = 0xa1; lo <= 0xfe; lo++) bytes.push(hi, lo);
  for (const ch of iconv.decode(Buffer.from(bytes), 'gb2312')) if (/\p{Script=Han}/u.test(ch)) set.add(ch);
  return set;
})();

export interface TextQuality {
  /** non-space characters */
  chars: number;
  han: number;
  /** Han characters among the 3,755 common ones */
  commonHan: number;
  replacement: number;
  replacementLines: number[];
  /** C0/C1 control characters other than tab, line feed, form feed and carriage return */
  control: number;
  controlLines: number[];
  /** the text re-read as UTF-8 after encoding it as GB18030, when that reads better: it is mojibake */
  repaired?: string;
}

// form feed (a page break in pdftotext output) is not counted
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/g;

export function textQuality(text: string): TextQuality {
  const q: TextQuality = { chars: 0, han: 0, commonHan: 0, replacement: 0, replacementLines: [], control: 0, controlLines: [] };
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    const rep = line.split('\ufffd').length - 1;
    if (rep) {
      q.replacement += rep;
      q.replacementLines.push(i + 1);
    }
    const ctl = line.match(CONTROL)?.length ?? 0;
    if (ctl) {
      q.control += ctl;
      q.controlLines.push(i + 1);
    }
  });
  for (const ch of text) {
    if (/\s/.test(ch)) continue;
    q.chars++;
    if (/\p{Script=Han}/u.test(ch)) {
      q.han++;
      if (COMMON.has(ch)) q.commonHan++;
    }
  }
  // mojibake: only worth trying when the Han text is mostly uncommon
  if (q.han >= 10 && q.commonHan / q.han < 0.8) {
    try {
      const again = new TextDecoder('utf-8', { fatal: true }).decode(iconv.encode(text, 'gb18030'));
      const better = textQualityPlain(again);
      if (better.han >= 10 && better.commonHan / better.han > 0.9) q.repaired = again;
    } catch {
      // not mojibake of UTF-8
    }
  }
  return q;
}

function textQualityPlain(text: string): { han: number; commonHan: number } {
  let han = 0;
  let commonHan = 0;
  for (const ch of text) {
    if (/\p{Script=Han}/u.test(ch)) {
      han++;
      if (COMMON.has(ch)) commonHan++;
    }
  }
  return { han, commonHan };
}

/** Lines as "3, 7, 12 …" for a message. */
export function lineList(lines: number[], max = 8): string {
  return lines.slice(0, max).join(', ') + (lines.length > max ? ` … (${lines.length} lines)` : '');
}
