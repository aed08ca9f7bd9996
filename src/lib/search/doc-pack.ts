/**
 * The report files of a search index part (d/<i>.bin, src/lib/search/index-format.ts):
 * each report's DocFile as JSON, compressed as raw DEFLATE with a preset dictionary that
 * the part ships once (dict.bin). Reports repeat what every report says — the national
 * tables' row labels, section headings, set phrases — and DEFLATE can only refer back to
 * what it has seen, so a file compressed alone pays for all of it again; with the
 * dictionary in front it refers to the dictionary instead. The page fetches the dictionary
 * with a query's first report and inflates every report with it (fflate).
 *
 * The dictionary is built from the part's first reports: the lines that several of them
 * share, most bytes saved first, as they appear in the JSON (escaped), up to DICT_BYTES;
 * the most useful last, as DEFLATE codes near distances shortest. Node only (zlib).
 */
import { deflateRawSync } from 'node:zlib';
import type { DocFile } from './index-format.ts';

/** DEFLATE looks back at most 32 KiB; half of that held nearly all the gain on generated archives. */
export const DICT_BYTES = 16 * 1024;
/** Reports the dictionary is built from: the part's first. */
export const DICT_SAMPLE = 512;

/** The JSON keys every report file has, in docFile()'s order. */
const SKELETON = '{"id":"","title":"","town":"","county":"","province":"","year":,"format":"","text":"';

export function textDictionary(docs: DocFile[], size = DICT_BYTES): Uint8Array {
  const shared = new Map<string, number>();
  for (const d of docs) for (const line of new Set(d.text.split('\n'))) shared.set(line, (shared.get(line) ?? 0) + 1);
  const min = Math.max(2, Math.ceil(docs.length / 100));
  const enc = new TextEncoder();
  const ranked = [...shared.entries()]
    .filter(([line, k]) => k >= min && line.length >= 2)
    .map(([line, k]) => {
      const escaped = JSON.stringify(line).slice(1, -1);
      return { escaped, bytes: enc.encode(escaped).length, saved: k * enc.encode(escaped).length };
    })
    .sort((a, b) => b.saved - a.saved || (a.escaped < b.escaped ? -1 : a.escaped > b.escaped ? 1 : 0));
  const chosen: typeof ranked = [];
  let used = SKELETON.length;
  for (const r of ranked) {
    if (used + r.bytes + 2 > size) continue;
    chosen.push(r);
    used += r.bytes + 2;
  }
  // lines joined as the JSON writes a line break (\n, two characters); the most useful last
  return enc.encode(SKELETON + chosen.reverse().map((r) => `${r.escaped}\\n`).join(''));
}

/** A report's file: its JSON, raw DEFLATE with the part's dictionary. */
export function packDoc(doc: DocFile, dictionary: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(deflateRawSync(JSON.stringify(doc), { dictionary, level: 6 }));
}
