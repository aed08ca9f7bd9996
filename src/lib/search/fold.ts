/**
 * 简繁 folding for search: one character → one character (UTF-16 unit → unit), so a
 * folded text keeps every offset of the text it came from. Index and query are both
 * folded to simplified characters; a query in 繁體 then finds the simplified text and
 * the reverse. Pure and browser-safe: the table itself is built at index time from
 * OpenCC (src/lib/search/opencc-fold.ts) and each index part ships only the pairs
 * whose simplified side occurs in its reports (PartTable.fold).
 *
 * Why the shipped subset is enough: a query character whose target does not occur in
 * a part cannot match there folded or not, and every character of a part's own text
 * has its pair shipped, so the browser folds that text exactly as the indexer did.
 */

/** Folds a normalised string; the identity when the table is empty. */
export type Fold = (s: string) => string;

export const noFold: Fold = (s) => s;

/** A fold from "pairs": a string of (from, to) unit pairs, as stored in a part table. */
export function foldFromPairs(pairs: string): Fold {
  if (!pairs) return noFold;
  if (pairs.length % 2) throw new Error('search index: fold table has an odd number of characters');
  const map = new Map<number, number>();
  for (let i = 0; i < pairs.length; i += 2) map.set(pairs.charCodeAt(i), pairs.charCodeAt(i + 1));
  return foldFromMap(map);
}

/** A fold from a map of UTF-16 units. */
export function foldFromMap(map: Map<number, number>): Fold {
  if (map.size === 0) return noFold;
  const table = new Uint16Array(65536);
  for (const [from, to] of map) table[from] = to;
  return (s) => {
    let out = '';
    let last = 0;
    for (let i = 0; i < s.length; i++) {
      const to = table[s.charCodeAt(i)]!;
      if (to === 0) continue;
      // copy the unchanged stretch, then the folded unit: most text is unchanged
      out += s.slice(last, i) + String.fromCharCode(to);
      last = i + 1;
    }
    return last === 0 ? s : out + s.slice(last);
  };
}

/** The pairs of a map whose target occurs (seen[target] set), sorted: what a part ships. */
export function pairsFor(map: Map<number, number>, seen: Uint8Array): string {
  const out: string[] = [];
  for (const from of [...map.keys()].sort((a, b) => a - b)) {
    const to = map.get(from)!;
    if (seen[to]) out.push(String.fromCharCode(from, to));
  }
  return out.join('');
}
