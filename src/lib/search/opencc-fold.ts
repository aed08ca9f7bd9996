/**
 * The full 简繁 fold table, built from OpenCC's dictionaries at index time (Node only;
 * the browser gets a part's subset, src/lib/search/fold.ts). Taiwan and Hong Kong
 * variants first become OpenCC's standard traditional form, then its simplified
 * form: 爲/為 → 为, 裏/裡 → 里, 著 → 着 … Only single BMP characters that map to a
 * single BMP character are kept (a fold never changes a text's length), the first
 * candidate of each entry, and the result is a fixed point (folding twice = once).
 */
import TSCharacters from 'opencc-js/dict/TSCharacters';
import TWVariantsRev from 'opencc-js/dict/TWVariantsRev';
import HKVariantsRev from 'opencc-js/dict/HKVariantsRev';

function entries(dict: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const entry of dict.split('|')) {
    const [from, to] = entry.split(' ');
    if (!from || !to || from.length !== 1 || to.length !== 1 || from === to) continue;
    // surrogate halves are not characters: skip them (length 1 already excludes pairs)
    if (/[\ud800-\udfff]/.test(from + to)) continue;
    if (!out.has(from.charCodeAt(0))) out.set(from.charCodeAt(0), to.charCodeAt(0));
  }
  return out;
}

let cached: Map<number, number> | undefined;

/** unit → unit: traditional (and regional variant) → simplified; idempotent. */
export function openccFoldMap(): Map<number, number> {
  if (cached) return cached;
  const ts = entries(TSCharacters);
  const variants = [entries(TWVariantsRev), entries(HKVariantsRev)];
  const step = (c: number) => {
    for (const v of variants) if (v.has(c)) c = v.get(c)!;
    return ts.get(c) ?? c;
  };
  const keys = new Set<number>([...ts.keys(), ...variants.flatMap((v) => [...v.keys()])]);
  const map = new Map<number, number>();
  for (const k of keys) {
    // follow the chain to a fixed point; a cycle (rare: 么/幺) keeps the character as it is
    let c = k;
    const path = new Set<number>([c]);
    let cyclic = false;
    for (;;) {
      const n = step(c);
      if (n === c) break;
      if (path.has(n)) {
        cyclic = true;
        break;
      }
      path.add(n);
      c = n;
    }
    if (!cyclic && c !== k) map.set(k, c);
  }
  // a target must not itself be folded further (fixed point), else index and query could disagree
  for (const [k, v] of map) if (map.has(v)) map.delete(k);
  cached = map;
  return map;
}
