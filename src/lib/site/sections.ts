/**
 * Splits a report's rendered HTML at its level-2 headings so each statutory
 * table can be printed under its own section (二、主动公开… gets the proactive
 * table), where the printed report has it. Tables whose heading the text
 * lacks go after the text. Pure string work on Astro's rendered HTML.
 */
import type { TableKind } from '../import/tables.ts';

/** The heading of the section after the text that holds the tables no heading of the text names. */
export const STATS_SECTION_TITLE = '法定统计表格';

export interface Chunk {
  html: string;
  /** The table to print after this chunk. */
  table?: TableKind;
  /** The id of the chunk's heading, which names the table (so the table needs no caption repeating it). */
  headingId?: string;
}

const MATCH: Record<TableKind, RegExp> = {
  proactive: /主动公开政府信息情况/,
  applications: /收到和处理政府信息公开申请情况/,
  reviewLitigation: /行政复议.{0,4}行政诉讼情况/,
};

export function splitForTables(html: string): { chunks: Chunk[]; rest: TableKind[] } {
  const parts = html.split(/(?=<h2[\s>])/);
  const placed = new Set<TableKind>();
  const chunks = parts.map((part): Chunk => {
    const heading = /^<h2[^>]*>([\s\S]*?)<\/h2>/.exec(part)?.[1]?.replace(/<[^>]+>/g, '') ?? '';
    const kind = (Object.keys(MATCH) as TableKind[]).find((k) => !placed.has(k) && MATCH[k].test(heading));
    if (kind) placed.add(kind);
    const id = /^<h2[^>]*\sid="([^"]+)"/.exec(part)?.[1];
    return kind ? { html: part, table: kind, ...(id ? { headingId: id } : {}) } : { html: part };
  });
  const rest = (Object.keys(MATCH) as TableKind[]).filter((k) => !placed.has(k));
  return { chunks, rest };
}
