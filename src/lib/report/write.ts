/**
 * Writes a report file: YAML frontmatter in the spec's field order, each
 * statutory-table row on one line ({ natural: 0, … }) so a changed figure is
 * a one-line diff, dates as unquoted ISO, then the Markdown body. The same
 * input always gives the same bytes. Used by the importer and corpus generator.
 */
import YAML from 'yaml';
import type { ReportData } from '../schema.ts';

export const FIELD_ORDER = [
  'title', 'town', 'county', 'city', 'province', 'year', 'agency', 'code', 'indexNo',
  'date', 'published', 'format', 'source', 'stats', 'notes',
] as const;

export function serializeReport(data: ReportData, body: string): string {
  const ordered: Record<string, unknown> = {};
  for (const key of FIELD_ORDER) {
    const v = (data as Record<string, unknown>)[key];
    if (v !== undefined) ordered[key] = v;
  }
  const doc = new YAML.Document(ordered);
  YAML.visit(doc, {
    Map(_, node, path) {
      const underStats = path.some((p) => YAML.isPair(p) && YAML.isScalar(p.key) && p.key.value === 'stats');
      if (underStats && node.items.every((it) => YAML.isScalar(it.value))) node.flow = true;
    },
    Scalar(_, node) {
      // division codes are digit strings: keep them quoted so YAML never reads a number
      if (typeof node.value === 'string' && /^\d+$/.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  const yaml = doc.toString({ lineWidth: 0, flowCollectionPadding: true, nullStr: 'null' });
  return `---\n${yaml}---\n\n${body.trim()}\n`;
}
