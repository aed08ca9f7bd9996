/**
 * pdf.js page → the text runs and ruling segments pdf-layout.ts works on.
 * Rulings are the stroked and filled paths of the operator list (table
 * borders are drawn as lines or as thin filled rectangles, depending on the
 * producer), mapped to page space through the graphics state's transforms.
 */
import type { Segment, TextRun } from './pdf-layout.ts';

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

function multiply(m: Matrix, n: Matrix): Matrix {
  // m applied after n (PDF's cm: new CTM = m × CTM)
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

interface PdfPage {
  getTextContent(): Promise<{ items: unknown[] }>;
  getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[][] }>;
}

export async function readPage(page: PdfPage, OPS: Record<string, number>): Promise<{ runs: TextRun[]; segments: Segment[] }> {
  const content = await page.getTextContent();
  const runs: TextRun[] = [];
  for (const item of content.items as { str?: string; transform?: number[]; width?: number; height?: number }[]) {
    if (typeof item.str !== 'string' || !item.transform) continue;
    const t = item.transform;
    runs.push({ x: t[4]!, y: t[5]!, w: item.width ?? 0, h: item.height || Math.abs(t[3]!) || 10, s: item.str });
  }
  const ops = await page.getOperatorList();
  const painting = new Set([OPS.stroke, OPS.closeStroke, OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke].filter((x) => x !== undefined));
  const segments: Segment[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = IDENTITY;
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i]!;
    const args = ops.argsArray[i] ?? [];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? IDENTITY;
    else if (fn === OPS.transform) ctm = multiply(args as Matrix, ctm);
    else if (fn === OPS.constructPath) {
      // pdf.js ≥ 5: [paint op, [path data], bbox]; path data is DrawOPS codes with coordinates
      const [op, data] = args as [number, ArrayLike<number>[] | null];
      if (!painting.has(op) || !data) continue;
      for (const d of data) if (d) segments.push(...pathSegments(d, ctm));
    }
  }
  return { runs, segments };
}

/** Path data (moveTo 0, lineTo 1, curveTo 2, quadraticCurveTo 3, closePath 4) → straight segments; a thin filled rectangle → its centre line. */
function pathSegments(d: ArrayLike<number>, ctm: Matrix): Segment[] {
  const pts: [number, number][][] = [];
  let cur: [number, number][] = [];
  for (let k = 0; k < d.length; ) {
    const code = d[k]!;
    if (code === 0) {
      if (cur.length) pts.push(cur);
      cur = [apply(ctm, d[k + 1]!, d[k + 2]!)];
      k += 3;
    } else if (code === 1) {
      cur.push(apply(ctm, d[k + 1]!, d[k + 2]!));
      k += 3;
    } else if (code === 2) {
      cur.push(apply(ctm, d[k + 5]!, d[k + 6]!));
      k += 7;
    } else if (code === 3) {
      cur.push(apply(ctm, d[k + 3]!, d[k + 4]!));
      k += 5;
    } else if (code === 4) {
      if (cur.length) cur.push(cur[0]!);
      k += 1;
    } else break;
  }
  if (cur.length) pts.push(cur);
  const out: Segment[] = [];
  for (const poly of pts) {
    const xs = poly.map((p) => p[0]);
    const ys = poly.map((p) => p[1]);
    const w = Math.max(...xs) - Math.min(...xs);
    const h = Math.max(...ys) - Math.min(...ys);
    // a rule drawn as a filled bar (Word, WPS): its centre line
    if (poly.length >= 4 && (w <= 3 || h <= 3)) {
      const cx = (Math.max(...xs) + Math.min(...xs)) / 2;
      const cy = (Math.max(...ys) + Math.min(...ys)) / 2;
      out.push(w <= h ? { x1: cx, y1: Math.min(...ys), x2: cx, y2: Math.max(...ys) } : { x1: Math.min(...xs), y1: cy, x2: Math.max(...xs), y2: cy });
      continue;
    }
    for (let k = 1; k < poly.length; k++) out.push({ x1: poly[k - 1]![0], y1: poly[k - 1]![1], x2: poly[k]![0], y2: poly[k]![1] });
  }
  return out;
}
