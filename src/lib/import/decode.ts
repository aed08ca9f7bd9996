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
  const guess = (chardet.detect(bytes) ?? '').toLowerCase();
  if (guess === 'big5') return { text: iconv.decode(Buffer.from(bytes), 'big5'), encoding: 'big5' };
  return { text: iconv.decode(Buffer.from(bytes), 'gb18030'), encoding: 'gb18030' };
}
