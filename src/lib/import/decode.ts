/**
 * Bytes → text. Archives receive text files in UTF-8 (with or without BOM),
 * GBK or GB18030; the encoding is detected, never assumed. Strict UTF-8
 * decoding decides first (GBK text is almost never valid UTF-8); otherwise
 * chardet's guess picks among the Chinese encodings, decoded by iconv-lite.
 * Used by the importer (index.ts).
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';

export interface Decoded {
  text: string;
  encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5';
}

export class DecodeError extends Error {}

/**
 * Lines (1-based) that are UTF-8 with Chinese in them, and lines that are not
 * UTF-8 at all, when a file has enough of both to be two files pasted
 * together; undefined otherwise. A GBK line is valid UTF-8 only by accident,
 * and then rarely with two or more CJK characters.
 */
function mixedLines(bytes: Uint8Array): { utf8: number[]; other: number[] } | undefined {
  const strict = new TextDecoder('utf-8', { fatal: true });
  const utf8: number[] = [];
  const other: number[] = [];
  let start = 0;
  let line = 1;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue;
    const seg = bytes.subarray(start, i);
    if (seg.some((b) => b >= 0x80)) {
      try {
        const t = strict.decode(seg);
        if ((t.match(/[\u4e00-\u9fff]/g)?.length ?? 0) >= 2) utf8.push(line);
      } catch {
        other.push(line);
      }
    }
    start = i + 1;
    line++;
  }
  return utf8.length >= 2 && other.length >= 1 ? { utf8, other } : undefined;
}

function lineRange(lines: number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < lines.length; ) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === lines[j]! + 1) j++;
    runs.push(i === j ? `${lines[i]}` : `${lines[i]}–${lines[j]}`);
    i = j + 1;
  }
  return runs.length > 6 ? `${runs.slice(0, 6).join(', ')} …` : runs.join(', ');
}

export function decodeBytes(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16be'), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // not UTF-8: GB18030 is a superset of GBK and GB2312, so it decodes all three
  }
  const mixed = mixedLines(bytes);
  if (mixed) {
    throw new DecodeError(
      `the file mixes encodings: lines ${lineRange(mixed.utf8)} are UTF-8 and lines ${lineRange(mixed.other)} are GBK/GB18030, so one of them would import as mojibake. ` +
        'Open it in a text editor, fix the garbled part and save the whole file as UTF-8',
    );
  }
  const guess = (chardet.detect(bytes) ?? '').toLowerCase();
  if (guess === 'big5') return { text: iconv.decode(Buffer.from(bytes), 'big5'), encoding: 'big5' };
  return { text: iconv.decode(Buffer.from(bytes), 'gb18030'), encoding: 'gb18030' };
}
